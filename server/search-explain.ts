import 'server-only';
/**
 * The teaching views' data for one search (`explain` in /api/search), computed once, on the server,
 * from the vectors that ranked it: nothing here embeds anything, so opening a panel on the page
 * costs no model work. See lib/schemas.ts (searchExplainSchema) for what each field means.
 */
import { AppError } from '../lib/errors';
import { type PcaFit, pcaSteps, projectPca } from '../lib/pca';
import { EXPLAIN_RESULT_VECTORS, type SearchExplain } from '../lib/schemas';
import { dot, roundTo, shortenEmbedding, topKIndices } from '../lib/vector-math';
import type { EmbeddingTokenizer } from './tokenizer';

/** Below this many entries a 2D projection shows nothing a list would not (the page says so instead). */
const MIN_MAP_ENTRIES = 3;
/**
 * The PCA fit's budget per axis, in multiply-adds (each iteration costs 2·n·d): a small base gets
 * as many iterations as it needs to settle; a 2,000 × 1,024 base gets about 60. The fit runs in
 * slices (FIT_SLICE_MS) so other requests and health checks are answered in between. Real
 * embeddings have a dominant direction and settle fast; when they have not, the page says the
 * axes are approximate (their variance shares are exact for the axes drawn).
 */
const PCA_WORK_PER_AXIS = 2.5e8;
const PCA_MIN_ITERATIONS = 20;
const PCA_MAX_ITERATIONS = 2_000;
const FIT_SLICE_MS = 8;
/** Decimals sent: enough for 1e-4 agreement with /api/embed, without kilobytes of float noise. */
const VALUE_DECIMALS = 6;

export interface ExplainInput {
  /** Full-width vectors (the model's own size); `dims` below that is applied here. */
  queryVector: Float32Array;
  entryVectors: Float32Array[];
  /** Cleaned entries, as embedded. */
  entries: readonly string[];
  entryTokens: readonly number[];
  /** Result indices, best first (as in the response). */
  resultIndices: readonly number[];
  dims: number;
  heatmapEntries: number;
  /** Absent on a remote backend: entries are then not marked as cut. */
  tokenizer?: EmbeddingTokenizer;
  maxTokens: number;
  signal?: AbortSignal;
}

const round = (x: number) => roundTo(x, VALUE_DECIMALS);
const roundAll = (v: ArrayLike<number>) => Array.from(v, round);

export async function explainSearch(input: ExplainInput): Promise<SearchExplain> {
  const { entryVectors, entries, resultIndices, dims } = input;
  const full = input.queryVector.length;
  const query = shortenEmbedding(input.queryVector, dims);
  const vectors = entryVectors.map((v) => shortenEmbedding(v, dims));
  const scores = vectors.map((v) => dot(query, v));
  const map = await projectMap(vectors, query, input.signal);

  return {
    dims: query.length,
    queryVector: roundAll(query),
    scores: roundAll(scores),
    entries: entries.map((text, i) => {
      const tokens = input.entryTokens[i] as number;
      // Only an entry that fills maxTokens can have been cut; tokenising just those again is cheap.
      const truncated =
        tokens >= input.maxTokens && (input.tokenizer?.isTruncated(text, input.maxTokens) ?? false);
      return { tokens, truncated };
    }),
    map,
    heatmap: heatmap(vectors, scores, input.heatmapEntries),
    resultVectors: resultIndices
      .slice(0, EXPLAIN_RESULT_VECTORS)
      .map((i) => roundAll(vectors[i] as Float32Array)),
    fullRanking: dims < full ? compareWithFull(input.queryVector, entryVectors, resultIndices, full) : null,
  };
}

async function projectMap(
  vectors: Float32Array[],
  query: Float32Array,
  signal?: AbortSignal,
): Promise<SearchExplain['map']> {
  if (vectors.length < MIN_MAP_ENTRIES) return null;
  // Fitted on the knowledge base only: the query is placed into that map, not allowed to shape it.
  const perIteration = 2 * vectors.length * query.length;
  const maxIterations = Math.max(
    PCA_MIN_ITERATIONS,
    Math.min(PCA_MAX_ITERATIONS, Math.floor(PCA_WORK_PER_AXIS / perIteration)),
  );
  const fit = await fitInSlices(pcaSteps(vectors, { maxIterations }), signal);
  const point = (v: ArrayLike<number>): [number, number] => {
    const [x = 0, y = 0] = projectPca(fit, v);
    return [round(x), round(y)];
  };
  return {
    points: vectors.map(point),
    query: point(query),
    explained: fit.explained.map((share) => roundTo(share, 4)),
    converged: fit.converged,
  };
}

function heatmap(vectors: Float32Array[], scores: number[], size: number): SearchExplain['heatmap'] {
  // The top entries by score, shown in the knowledge base's own order so neighbours stay neighbours.
  const indices = topKIndices(scores, size).sort((a, b) => a - b);
  const matrix = indices.map((i) =>
    indices.map((j) => round(dot(vectors[i] as Float32Array, vectors[j] as Float32Array))),
  );
  return { indices, matrix };
}

/** Where each shown result ranks with the full vectors, and how many of the top k both agree on. */
function compareWithFull(
  query: Float32Array,
  entryVectors: Float32Array[],
  resultIndices: readonly number[],
  fullDims: number,
): NonNullable<SearchExplain['fullRanking']> {
  const fullScores = entryVectors.map((v) => dot(query, v));
  const order = topKIndices(fullScores, fullScores.length);
  const rankOf = new Map(order.map((index, position) => [index, position + 1]));
  const fullTop = new Set(order.slice(0, resultIndices.length));
  return {
    dims: fullDims,
    ranks: resultIndices.map((i) => rankOf.get(i) as number),
    overlap: resultIndices.filter((i) => fullTop.has(i)).length,
  };
}

/** Runs the fit, yielding to the event loop every FIT_SLICE_MS; stops if the search is cancelled. */
async function fitInSlices(steps: Generator<void, PcaFit>, signal?: AbortSignal): Promise<PcaFit> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > FIT_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw new AppError('cancelled', 'The request was cancelled');
      sliceStart = performance.now();
    }
  }
}
