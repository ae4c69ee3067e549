/**
 * Which texts may go ahead of the queue. Query priority exists so that a search's one short query
 * is not stuck behind someone's knowledge base; if any `kind: "query"` text got it, one client
 * could buy seconds of the only worker for long texts ahead of everyone (three 8,192-token
 * "queries" delayed other users' searches from 7 ms to 22–26 s).
 */
import type { TextKind } from '../lib/schemas';
import type { Priority } from './batch-scheduler';

/** Tokens (all texts of a request together) that /api/embed may send with query priority. */
export const QUERY_PRIORITY_MAX_TOKENS = 256;

export function priorityFor(kind: TextKind, rows: readonly Int32Array[], searchQuery: boolean): Priority {
  if (kind !== 'query') return 'document';
  if (searchQuery) return 'query';
  const tokens = rows.reduce((sum, ids) => sum + ids.length, 0);
  return tokens <= QUERY_PRIORITY_MAX_TOKENS ? 'query' : 'document';
}
