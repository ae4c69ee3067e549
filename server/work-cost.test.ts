import { describe, expect, test } from 'vitest';
import { readModelConfig, TEST_MODEL_DIR } from './model-files';
import { conservativeThroughput, costModelFor, textCost } from './work-cost';

describe('the cost of a text', () => {
  const model = costModelFor(readModelConfig(TEST_MODEL_DIR));

  test("is its tokens plus attention's quadratic share, from the model's own shapes", () => {
    // The test model: hidden 64, 4 heads of 16, 2 KV heads, MLP 192: attention costs as much as
    // the linear layers at 384 tokens.
    expect(model.attentionCrossoverTokens).toBeCloseTo(384, 6);
    expect(textCost(384, model)).toBeCloseTo(768, 6);
  });

  test('one text twice as long costs more than two texts of the original length', () => {
    for (const n of [16, 512, 2048]) expect(textCost(2 * n, model)).toBeGreaterThan(2 * textCost(n, model));
  });

  test('the throughput assumed before measuring is never more than the conservative cap', () => {
    expect(conservativeThroughput(model)).toBeLessThanOrEqual(2_000);
    expect(conservativeThroughput(model)).toBeGreaterThan(0);
  });
});
