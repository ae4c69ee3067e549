import 'server-only';
/**
 * The server's one logger: pino, one JSON object per line on stdout, ready for any log shipper.
 * Kept on globalThis so Next's dev reloads do not open a second destination. Request lines come
 * from server/request-observer.ts; the embedder's lifecycle lines come through here too.
 */
import pino, { type Logger } from 'pino';
import { settings } from './settings';

const holder = globalThis as typeof globalThis & { __semanticRadarLogger?: Logger };

export function logger(): Logger {
  holder.__semanticRadarLogger ??= pino({
    level: settings().LOG_LEVEL,
    base: { service: 'semantic-radar' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names ("info"), not numbers: readable without a pino-aware viewer.
    formatters: { level: (label) => ({ level: label }) },
  });
  return holder.__semanticRadarLogger;
}

/** For code that takes a plain `(line) => void` logger (the embedder and its worker pool). */
export function lineLogger(component: string): (line: string) => void {
  const child = logger().child({ component });
  return (line) => child.info(line.replace(/^\[\w+\]\s*/, ''));
}
