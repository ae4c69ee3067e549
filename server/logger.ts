import 'server-only';
/**
 * The app's logger (server/process-logger.ts, at LOG_LEVEL). Request lines come from
 * server/request-observer.ts; the embedder's lifecycle lines come through here too.
 */
import type { Logger } from 'pino';
import { processLogger } from './process-logger';
import { settings } from './settings';

export function logger(): Logger {
  return processLogger(settings().LOG_LEVEL);
}

/** For code that takes a plain `(line) => void` logger (the embedder and its worker pool). */
export function lineLogger(component: string): (line: string) => void {
  const child = logger().child({ component });
  return (line) => child.info(line.replace(/^\[\w+\]\s*/, ''));
}
