import 'server-only';
/**
 * The process-wide embedder, created on first use and kept on globalThis so that Next's dev
 * reloads (which re-evaluate modules) do not start a second set of workers. EMBEDDINGS_BASE_URL
 * chooses the remote backend; otherwise the model runs in this process.
 */
import { Embedder } from './embedder';
import { lineLogger } from './logger';
import { RemoteEmbedder } from './remote-embedder';
import { settings } from './settings';
import type { TextEmbedder } from './text-embedder';

const holder = globalThis as typeof globalThis & { __semanticRadarEmbedder?: TextEmbedder };

export function getEmbedder(): TextEmbedder {
  if (!holder.__semanticRadarEmbedder) {
    const s = settings();
    const log = lineLogger('embedder');
    holder.__semanticRadarEmbedder = s.EMBEDDINGS_BASE_URL
      ? new RemoteEmbedder(s, s.EMBEDDINGS_BASE_URL, log)
      : new Embedder(s, undefined, log);
    void holder.__semanticRadarEmbedder.start();
  }
  return holder.__semanticRadarEmbedder;
}
