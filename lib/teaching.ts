/**
 * Pure helpers for the page's teaching views (map, heatmap, vector facts, "why this score"):
 * arithmetic on numbers the server sent, so every figure on the page can be checked by a test.
 */

import { DEFAULT_PRESET, type InstructionPresetId, type SearchRequest, type TokenSpanView } from './schemas';

/** How many values the vector window shows at once (the classic demo's 50). */
export const VECTOR_WINDOW = 50;
/** Pairs of entries at or above this cosine are listed under the heatmap as near-duplicates. */
export const NEAR_DUPLICATE_MIN = 0.95;
/** How many dimensions "why this score" lists as the largest contributions. */
export const TOP_CONTRIBUTIONS = 8;

export interface VectorFacts {
  dims: number;
  norm: number;
  min: number;
  max: number;
  mean: number;
}

export function vectorFacts(values: readonly number[]): VectorFacts {
  let sum = 0;
  let squares = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    sum += v;
    squares += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const dims = values.length;
  return dims === 0
    ? { dims, norm: 0, min: 0, max: 0, mean: 0 }
    : { dims, norm: Math.sqrt(squares), min, max, mean: sum / dims };
}

/** The first index of a window of `size` values that starts at `start`, kept inside 0..dims. */
export function clampWindowStart(start: number, dims: number, size = VECTOR_WINDOW): number {
  if (!Number.isFinite(start)) return 0;
  return Math.max(0, Math.min(Math.floor(start), Math.max(0, dims - size)));
}

export interface Contribution {
  dimension: number;
  query: number;
  entry: number;
  /** query × entry: the cosine of unit vectors is the sum of these over all dimensions. */
  product: number;
}

export function contributions(query: readonly number[], entry: readonly number[]): Contribution[] {
  const n = Math.min(query.length, entry.length);
  return Array.from({ length: n }, (_, dimension) => {
    const q = query[dimension] as number;
    const e = entry[dimension] as number;
    return { dimension, query: q, entry: e, product: q * e };
  });
}

/** The dimensions that add the most to the score, largest product first. */
export function topContributions(all: readonly Contribution[], k = TOP_CONTRIBUTIONS): Contribution[] {
  return [...all].sort((a, b) => b.product - a.product || a.dimension - b.dimension).slice(0, k);
}

export interface EntryPair {
  a: number;
  b: number;
  score: number;
}

/** Pairs (by entry index) whose cosine is at least `min`, most similar first. */
export function nearDuplicatePairs(
  indices: readonly number[],
  matrix: readonly (readonly number[])[],
  min = NEAR_DUPLICATE_MIN,
): EntryPair[] {
  const pairs: EntryPair[] = [];
  for (let r = 0; r < indices.length; r++) {
    for (let c = r + 1; c < indices.length; c++) {
      const score = matrix[r]?.[c];
      if (score !== undefined && score >= min)
        pairs.push({ a: indices[r] as number, b: indices[c] as number, score });
    }
  }
  return pairs.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
}

// Theme variables (app/theme.css): the ends are light enough for dark text in the light theme and dark
// enough for light text in the dark theme, so one text colour (slate-900) reads on every cell.
const NEGATIVE = 'var(--heat-negative)';
const NEUTRAL = 'var(--color-slate-50)';
const POSITIVE = 'var(--heat-positive)';

/** Diverging colour for a cosine in −1..1: blue below zero, the page's background at zero, red above. */
export function divergingColor(score: number): string {
  const t = Math.max(-1, Math.min(1, score));
  const end = t < 0 ? NEGATIVE : POSITIVE;
  // Mixed in sRGB like a straight RGB blend; one decimal is finer than any cell can show.
  const percent = Math.round(Math.abs(t) * 1000) / 10;
  return `color-mix(in srgb, ${end} ${percent}%, ${NEUTRAL})`;
}

/** "↑2", "↓1", "=" : how a result's rank at the chosen width compares with its full-width rank. */
export function rankMove(rank: number, fullRank: number): string {
  if (rank === fullRank) return '=';
  return rank < fullRank ? `↑${fullRank - rank}` : `↓${rank - fullRank}`;
}

/**
 * How many of the first k results (at the chosen width) are also in the full-width top k, from
 * each result's full-width rank: the page applies its own top k to the results it has.
 */
export function topKOverlap(fullRanks: readonly number[], k: number): number {
  return fullRanks.slice(0, k).filter((rank) => rank <= k).length;
}

/** Matryoshka widths to offer for a model: the standard sizes below its width, then the width itself. */
export function dimensionChoices(modelDims: number, sizes: readonly number[], min: number): number[] {
  return [...sizes.filter((d) => d >= min && d < modelDims), modelDims];
}

export interface TokenGroup {
  tokens: TokenSpanView[];
  text: string;
  part: 'instruction' | 'query' | 'eos';
}

/**
 * Tokens that share characters (one Chinese character split over two byte-level tokens) form one
 * chip, so the character is shown once, spanning both ids.
 */
export function groupTokens(
  tokens: readonly TokenSpanView[],
  prefixStop: number,
  eosId: number,
): TokenGroup[] {
  const groups: TokenGroup[] = [];
  let stop = -1;
  for (const [k, token] of tokens.entries()) {
    const isEos = token.special && token.id === eosId && k === tokens.length - 1;
    const last = groups.at(-1);
    if (!isEos && last && last.part !== 'eos' && token.start < stop) {
      last.tokens.push(token);
      continue;
    }
    groups.push({
      tokens: [token],
      text: token.text,
      part: isEos ? 'eos' : token.start < prefixStop ? 'instruction' : 'query',
    });
    stop = token.stop;
  }
  return groups;
}

/** The two knobs: vector width (null = the model's full width) and the query's instruction. */
export interface Knobs {
  dimensions: number | null;
  instruction: { preset: InstructionPresetId } | { custom: string };
}

export const DEFAULT_KNOBS: Knobs = { dimensions: null, instruction: { preset: DEFAULT_PRESET } };

/**
 * The request fields the knobs set: nothing at their defaults (the server's defaults are the same);
 * "none" as an empty instruction (how the API and the rest of the page spell "no instruction");
 * other presets by name, so the server resolves their text.
 */
export function knobsRequest(knobs: Knobs): Pick<SearchRequest, 'dimensions' | 'task' | 'instruction'> {
  const { instruction } = knobs;
  const width = knobs.dimensions === null ? {} : { dimensions: knobs.dimensions };
  if ('custom' in instruction) return { ...width, instruction: instruction.custom };
  if (instruction.preset === DEFAULT_PRESET) return width;
  if (instruction.preset === 'none') return { ...width, instruction: '' };
  return { ...width, task: instruction.preset };
}
