export interface Output {
  write(chunk: string): unknown;
}

export interface CliIO {
  stdout: Output;
  stderr: Output;
  cwd?: string;
}

export function line(out: Output, text = ''): void {
  out.write(`${text}\n`);
}
