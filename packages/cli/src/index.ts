export { runCli } from './cli';
export { type FileReport, validateFile } from './validate';
