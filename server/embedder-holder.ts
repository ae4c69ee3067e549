/**
 * Where the process's one embedder lives: on globalThis, so that Next's dev reloads (which
 * re-evaluate modules) do not start a second set of workers, and so that the front server
 * (server/front, loaded outside Next's bundle) can close it before the process exits. No
 * `server-only` here: the front server imports this file too.
 */
import type { TextEmbedder } from './text-embedder';

const holder = globalThis as typeof globalThis & { __semanticRadarEmbedder?: TextEmbedder };

export function heldEmbedder(): TextEmbedder | undefined {
  return holder.__semanticRadarEmbedder;
}

export function holdEmbedder(embedder: TextEmbedder): TextEmbedder {
  holder.__semanticRadarEmbedder = embedder;
  return embedder;
}
