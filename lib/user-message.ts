/**
 * Turns a failure into what the page shows: plain words and what to do, never a server file path,
 * a stack trace or an API field name (`knowledgeBase[2]`). The server's log keeps the details.
 */
import { AppError } from './errors';
import type { PageProblem } from './search-form';

const FIELD_LABELS: Record<string, string> = {
  query: 'The query',
  topK: 'Top K',
  threshold: 'The threshold',
  instruction: 'The instruction',
  dimensions: 'The number of dimensions',
  knowledgeBase: 'The knowledge base',
};

const ENTRY_FIELD = /^knowledgeBase\[(\d+)\]$/;
const FIELD_PREFIX = /^[A-Za-z_]+(?:\[\d+\])?(?:\.[A-Za-z_]+)*:\s*/;
/** Anything that looks like a file path: a token with a slash or backslash in it. */
const PATH_LIKE = /\s*(?:[A-Za-z]:)?\S*[/\\]\S*/g;

/** The first line of a server message, without a field prefix or file paths. */
export function plainMessage(text: string): string {
  const firstLine = (text.split('\n')[0] ?? '').trim();
  const cleaned = firstLine
    .replace(FIELD_PREFIX, '')
    .replace(PATH_LIKE, '')
    .replace(/[\s:]+$/, '');
  return cleaned || 'Something went wrong on the server.';
}

export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * @param lineOfEntry maps an index of the knowledge base that was sent to its line in the text box.
 */
export function describeFailure(
  error: unknown,
  lineOfEntry: (index: number) => number | undefined,
): PageProblem {
  if (!AppError.is(error)) return { message: 'Something went wrong in the page. Try again.' };
  switch (error.code) {
    case 'invalid_request': {
      const detail = plainMessage(error.message);
      const entry = error.field ? ENTRY_FIELD.exec(error.field) : null;
      if (entry) {
        const line = lineOfEntry(Number(entry[1]));
        if (line !== undefined) return { line, message: sentence(`Line ${line} ${detail}`) };
      }
      const label = error.field ? FIELD_LABELS[error.field.replace(/\[.*$/, '')] : undefined;
      return { message: sentence(`${label ?? 'The search'} ${detail}`) };
    }
    case 'payload_too_large':
      return {
        message:
          'The knowledge base is too large to send in one search. Split it into smaller parts and search each.',
      };
    case 'queue_full':
      return { message: 'The server is busy with other searches. Try again in a moment.' };
    case 'model_loading':
      return { message: 'The model is still loading. The search will be possible in a moment.' };
    case 'shutting_down':
      return { message: 'The server is restarting. Try again in a moment.' };
    case 'model_unavailable':
    case 'worker_crashed':
    case 'out_of_memory':
      return { message: `${sentence(plainMessage(error.message))} Try again in a moment.` };
    default:
      return { message: sentence(plainMessage(error.message)) };
  }
}
