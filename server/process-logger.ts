/**
 * The process's one pino instance: one JSON object per line on stdout, ready for any log shipper.
 * Kept on globalThis so that Next's dev reloads do not open a second destination, and so that the
 * app (./logger, inside Next's bundle) and the front server (server/front/, outside it) write
 * through the same one. No `server-only` marker: the front server imports it.
 */
import pino, { type Level, type Logger } from 'pino';

const holder = globalThis as typeof globalThis & { __semanticRadarLogger?: Logger };

/** The logger; `level` applies when this call creates it (both callers pass the validated LOG_LEVEL). */
export function processLogger(level: Level | 'silent'): Logger {
  holder.__semanticRadarLogger ??= pino({
    level,
    base: { service: 'semantic-radar' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names ("info"), not numbers: readable without a pino-aware viewer.
    formatters: { level: (label) => ({ level: label }) },
  });
  return holder.__semanticRadarLogger;
}
