import { describe, expect, test } from 'vitest';
import { DEFAULT_INSTRUCTION, DEFAULT_PRESET, INSTRUCTION_PRESETS } from './schemas';
import {
  clampWindowStart,
  contributions,
  DEFAULT_KNOBS,
  dimensionChoices,
  divergingColor,
  groupTokens,
  knobsRequest,
  nearDuplicatePairs,
  rankMove,
  topContributions,
  topKOverlap,
  vectorFacts,
} from './teaching';

describe('vectorFacts', () => {
  test('gives dims, Euclidean norm, min, max and mean', () => {
    expect(vectorFacts([0.6, -0.8, 0])).toEqual({
      dims: 3,
      norm: 1,
      min: -0.8,
      max: 0.6,
      mean: (0.6 - 0.8) / 3,
    });
  });

  test('an empty vector has zero facts, not infinities', () => {
    expect(vectorFacts([])).toEqual({ dims: 0, norm: 0, min: 0, max: 0, mean: 0 });
  });
});

describe('clampWindowStart', () => {
  test('keeps a 50-value window inside the vector', () => {
    expect(clampWindowStart(1000, 1024)).toBe(974);
    expect(clampWindowStart(-5, 1024)).toBe(0);
    expect(clampWindowStart(100.7, 1024)).toBe(100);
    expect(clampWindowStart(10, 32)).toBe(0);
  });
});

describe('contributions', () => {
  test('the products sum to the dot product, and the top ones are the largest', () => {
    const q = [0.5, -0.5, 0.5, 0.5];
    const e = [0.1, -0.9, 0.3, -0.3];
    const all = contributions(q, e);
    expect(all.reduce((s, c) => s + c.product, 0)).toBeCloseTo(0.05 + 0.45 + 0.15 - 0.15, 12);
    expect(topContributions(all, 2).map((c) => c.dimension)).toEqual([1, 2]);
  });
});

describe('nearDuplicatePairs', () => {
  test('lists each pair at or above the cut-off once, by entry index, most similar first', () => {
    const matrix = [
      [1, 0.97, 0.2],
      [0.97, 1, 0.99],
      [0.2, 0.99, 1],
    ];
    expect(nearDuplicatePairs([4, 7, 9], matrix, 0.95)).toEqual([
      { a: 7, b: 9, score: 0.99 },
      { a: 4, b: 7, score: 0.97 },
    ]);
  });
});

describe('divergingColor', () => {
  test('mixes blue below zero, the neutral background at zero and red above, by the score', () => {
    expect(divergingColor(-1)).toBe('color-mix(in srgb, var(--heat-negative) 100%, var(--color-slate-50))');
    expect(divergingColor(0)).toBe('color-mix(in srgb, var(--heat-positive) 0%, var(--color-slate-50))');
    expect(divergingColor(0.25)).toBe('color-mix(in srgb, var(--heat-positive) 25%, var(--color-slate-50))');
    expect(divergingColor(2)).toBe(divergingColor(1));
  });
});

describe('rankMove', () => {
  test('says how far a result moved against the full-width ranking', () => {
    expect(rankMove(1, 3)).toBe('↑2');
    expect(rankMove(4, 3)).toBe('↓1');
    expect(rankMove(2, 2)).toBe('=');
  });
});

describe('dimensionChoices', () => {
  test('offers the standard sizes below the model width, then the width', () => {
    expect(dimensionChoices(1024, [32, 64, 128, 256, 512, 1024, 2048], 32)).toEqual([
      32, 64, 128, 256, 512, 1024,
    ]);
    expect(dimensionChoices(64, [32, 64, 128], 32)).toEqual([32, 64]);
    expect(dimensionChoices(2560, [32, 64, 128, 256, 512, 1024, 2048, 4096], 32)).toEqual([
      32, 64, 128, 256, 512, 1024, 2048, 2560,
    ]);
  });
});

describe('groupTokens', () => {
  const t = (id: number, text: string, start: number, stop: number, special = false) => ({
    id,
    text,
    special,
    start,
    stop,
  });

  test('tokens sharing one character become one group; prefix, query and EOS are told apart', () => {
    const tokens = [
      t(1, 'Q:', 0, 2),
      t(2, '龘', 2, 3),
      t(3, '龘', 2, 3),
      t(4, 'x', 3, 4),
      t(151643, '<|endoftext|>', 4, 4, true),
    ];
    const groups = groupTokens(tokens, 2, 151643);
    expect(groups.map((g) => [g.text, g.part, g.tokens.map((x) => x.id)])).toEqual([
      ['Q:', 'instruction', [1]],
      ['龘', 'query', [2, 3]],
      ['x', 'query', [4]],
      ['<|endoftext|>', 'eos', [151643]],
    ]);
  });
});

describe('DEFAULT_PRESET', () => {
  test('is the preset whose instruction is the server’s default', () => {
    expect(INSTRUCTION_PRESETS.find((p) => p.id === DEFAULT_PRESET)?.instruction).toBe(DEFAULT_INSTRUCTION);
  });
});

describe('knobsRequest', () => {
  test('adds nothing at the defaults, so a plain search stays a plain request', () => {
    expect(knobsRequest(DEFAULT_KNOBS)).toEqual({});
  });

  test('sends a chosen width, a preset by name, "none" as an empty instruction, custom text as the instruction', () => {
    expect(knobsRequest({ dimensions: 32, instruction: { preset: 'clustering' } })).toEqual({
      dimensions: 32,
      task: 'clustering',
    });
    expect(knobsRequest({ dimensions: null, instruction: { preset: 'none' } })).toEqual({ instruction: '' });
    expect(knobsRequest({ dimensions: null, instruction: { custom: 'Find recipes' } })).toEqual({
      instruction: 'Find recipes',
    });
  });
});

describe('topKOverlap', () => {
  test('counts the first k results whose full-width rank is within k too', () => {
    expect(topKOverlap([5, 2, 3, 1, 6], 3)).toBe(2);
    expect(topKOverlap([5, 2, 3, 1, 6], 5)).toBe(4);
    expect(topKOverlap([1, 2], 1)).toBe(1);
  });
});
