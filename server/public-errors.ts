/**
 * What a client may read about a failure. The server log keeps the whole message; responses and
 * /api/health name the problem without the server's file system layout or a library's internals
 * (e.g. `Cannot load /srv/models/x/onnx/model.onnx: … Protobuf parsing failed` becomes
 * `Cannot load onnx/model.onnx (see the server log)`).
 */
import path from 'node:path';

/** Absolute paths (POSIX or Windows): a slash or drive letter where a word starts. */
const ABSOLUTE_PATH = /(?<=^|[\s'"`(=])(?:[A-Za-z]:\\|\/)(?:[^\s:'"`]+[\\/])*([^\s:'"`\\/]+)/g;

/** `message` with paths inside the model folder relative to it, other absolute paths cut to their file name. */
export function withoutServerPaths(message: string, modelDir: string): string {
  let out = message;
  for (const dir of new Set([path.resolve(modelDir), modelDir])) {
    out = out.split(`${dir}${path.sep}`).join('').split(`${dir}/`).join('');
  }
  return out.replace(ABSOLUTE_PATH, '$1');
}

/**
 * The public form of a model-loading failure. Our own messages say what is wrong in plain words;
 * what a library adds after "Cannot load <file>:" (onnxruntime, protobuf) stays in the log.
 */
export function publicLoadError(message: string, modelDir: string): string {
  const firstLine = withoutServerPaths(message.split('\n')[0] ?? '', modelDir);
  return firstLine.replace(/^(.*?\bCannot load [^\s:]+):.*$/, '$1 (see the server log)');
}
