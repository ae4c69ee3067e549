import 'server-only';
/**
 * What one text costs the model, in "token-equivalents": its tokens plus attention's quadratic
 * share. The linear layers cost the same per token whatever the length; attention compares every
 * token with every other one, so a 4,096-token text costs far more than 64 texts of 64 tokens.
 * Fairness between requests and the admission estimate both count work in these units, never in
 * texts. Every shape is read from the model's config.json.
 */
import type { ModelConfig } from './model-files';

export interface CostModel {
  /** Length at which a text's attention costs as much as its linear layers. */
  attentionCrossoverTokens: number;
  /** Floating-point operations per token in the linear layers (q/k/v/o projections and the MLP). */
  flopsPerToken: number;
}

/**
 * A device assumed slow (a tenth of what two 2.8 GHz cores measured in fp32) until the first batch
 * is measured: an over-optimistic guess would admit minutes of work onto a slow machine.
 */
const CONSERVATIVE_FLOPS_PER_SECOND = 20e9;
/** Per-batch overheads dominate small models; never assume more than this before measuring. */
const CONSERVATIVE_MAX_TOKENS_PER_SECOND = 2_000;

function positive(raw: Record<string, unknown>, key: string, fallback: number): number {
  const value = raw[key];
  return typeof value === 'number' && value > 0 ? value : fallback;
}

export function costModelFor(config: ModelConfig): CostModel {
  const hidden = config.hiddenSize;
  const heads = positive(config.raw, 'num_attention_heads', hidden / config.headDim);
  const intermediate = positive(config.raw, 'intermediate_size', 3 * hidden);
  const qWidth = heads * config.headDim;
  const kvWidth = config.numKvHeads * config.headDim;
  // Multiply-adds per token and layer: q, k, v, o projections and the three SwiGLU matrices.
  const perLayer = hidden * qWidth + 2 * hidden * kvWidth + qWidth * hidden + 3 * hidden * intermediate;
  const flopsPerToken = 2 * perLayer * config.numLayers;
  // Attention per pair of tokens and layer: Q·Kᵀ and weights·V, one multiply-add per head dim each.
  const flopsPerTokenPair = 4 * qWidth * config.numLayers;
  return { attentionCrossoverTokens: flopsPerToken / flopsPerTokenPair, flopsPerToken };
}

/** A text's cost in token-equivalents: tokens × (1 + tokens / crossover). */
export function textCost(tokens: number, model: CostModel): number {
  return tokens + (tokens * tokens) / model.attentionCrossoverTokens;
}

/** The throughput assumed before any batch has been measured (token-equivalents per second). */
export function conservativeThroughput(model: CostModel): number {
  return Math.min(CONSERVATIVE_MAX_TOKENS_PER_SECOND, CONSERVATIVE_FLOPS_PER_SECOND / model.flopsPerToken);
}
