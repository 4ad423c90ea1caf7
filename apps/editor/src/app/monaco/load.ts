// One shared promise of the monaco chunk.
type MonacoModule = typeof import('./setup');

let loading: Promise<MonacoModule> | undefined;

/** Loads monaco (its own chunk) once; later calls get the same module. */
export function loadMonaco(): Promise<MonacoModule> {
  loading ??= import('./setup');
  return loading;
}
