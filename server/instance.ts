import 'server-only';
/**
 * The process-wide embedder, created on first use and kept on globalThis so that Next's dev
 * reloads (which re-evaluate modules) do not start a second set of workers.
 */
import { Embedder } from './embedder';
import { lineLogger } from './logger';
import { settings } from './settings';

const holder = globalThis as typeof globalThis & { __semanticRadarEmbedder?: Embedder };

export function getEmbedder(): Embedder {
  if (!holder.__semanticRadarEmbedder) {
    holder.__semanticRadarEmbedder = new Embedder(settings(), undefined, lineLogger('embedder'));
    void holder.__semanticRadarEmbedder.start();
  }
  return holder.__semanticRadarEmbedder;
}
