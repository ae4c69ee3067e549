import 'server-only';
/**
 * The process-wide embedder, created on first use (kept by ./embedder-holder). EMBEDDINGS_BASE_URL
 * chooses the remote backend; otherwise the model runs in this process.
 */
import { Embedder } from './embedder';
import { heldEmbedder, holdEmbedder } from './embedder-holder';
import { lineLogger } from './logger';
import { RemoteEmbedder } from './remote-embedder';
import { settings } from './settings';
import type { TextEmbedder } from './text-embedder';

export function getEmbedder(): TextEmbedder {
  const existing = heldEmbedder();
  if (existing) return existing;
  const s = settings();
  const log = lineLogger('embedder');
  const embedder = holdEmbedder(
    s.EMBEDDINGS_BASE_URL
      ? new RemoteEmbedder(s, s.EMBEDDINGS_BASE_URL, log)
      : new Embedder(s, undefined, log),
  );
  void embedder.start();
  return embedder;
}
