import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { publicLoadError, withoutServerPaths } from './public-errors';

const modelDir = path.join('/srv', 'models', 'qwen');

describe('public error messages', () => {
  test('a file inside the model folder is named relative to it', () => {
    expect(withoutServerPaths(`Missing ${modelDir}/onnx/model.onnx`, modelDir)).toBe(
      'Missing onnx/model.onnx',
    );
  });

  test('another absolute path is cut to its file name', () => {
    expect(withoutServerPaths('Cannot open /home/alice/secret/thing.json here', modelDir)).toBe(
      'Cannot open thing.json here',
    );
  });

  test('onnxruntime details after "Cannot load <file>:" are left to the log', () => {
    const raw = `The worker failed: Cannot load ${modelDir}/onnx/model.onnx: Load model from x failed:Protobuf parsing failed.`;
    expect(publicLoadError(raw, modelDir)).toBe(
      'The worker failed: Cannot load onnx/model.onnx (see the server log)',
    );
  });
});
