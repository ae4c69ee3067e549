import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readModelConfig } from './model-files';

/** A model folder holding only this config.json. */
function folderWith(config: Record<string, unknown>, name = 'some-model'): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'semantic-radar-config-')), name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

const shapes = {
  hidden_size: 1024,
  num_attention_heads: 16,
  num_hidden_layers: 28,
  num_key_value_heads: 8,
  head_dim: 128,
};

describe('config.json', () => {
  test('gives the name, the vocabulary and the longest input when it says them', () => {
    const config = readModelConfig(
      folderWith({
        ...shapes,
        _name: 'Qwen3-Embedding-0.6B',
        vocab_size: 151_669,
        max_position_embeddings: 32_768,
      }),
    );
    expect(config).toMatchObject({
      name: 'Qwen3-Embedding-0.6B',
      vocabSize: 151_669,
      maxPositions: 32_768,
      hiddenSize: 1024,
      headDim: 128,
      numKvHeads: 8,
    });
  });

  test('falls back to the folder’s name and no bound when it does not', () => {
    const config = readModelConfig(folderWith(shapes, 'my-export'));
    expect(config.name).toBe('my-export');
    expect(config.vocabSize).toBe(Number.MAX_SAFE_INTEGER);
    expect(config.maxPositions).toBe(Number.POSITIVE_INFINITY);
  });

  test('a shape that is not a positive integer is refused by name', () => {
    expect(() => readModelConfig(folderWith({ ...shapes, hidden_size: 0 }))).toThrow(
      /"hidden_size" must be a positive integer/,
    );
  });
});
