export { useEditor } from './react/use-editor';
export * from './store';
