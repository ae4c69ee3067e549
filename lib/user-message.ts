/**
 * Turns a failure into what the page shows: plain words and what to do, never a server file path,
 * a stack trace or an API field name (`knowledgeBase[2]`). The server's log keeps the details.
 * The words come from the page's catalogue (lib/i18n); the server's own reason stays in the API's
 * English, quoted inside the catalogue's sentence.
 */
import { AppError } from './errors';
import { CATALOGUES, type Messages, numberFormatter } from './i18n/catalogues';
import type { Locale } from './i18n/locales';

/** What a message needs to be put into words: the catalogue and the number format (`useI18n()` gives both). */
export interface Wording {
  m: Messages;
  formatNumber: (value: number) => string;
}

/** A language's wording outside React (the page gets the same from `useI18n()`). */
export function wordingFor(locale: Locale): Wording {
  return { m: CATALOGUES[locale], formatNumber: numberFormatter(locale) };
}

/**
 * A problem to show, and the knowledge-base line it is about, if any. The message is worded when
 * shown, so a problem found in one language reads in the other after a switch.
 */
export interface PageProblem {
  message: (wording: Wording) => string;
  line?: number;
}

type FieldName = keyof Omit<Messages['errors']['fields'], 'other'>;
const FIELDS: readonly FieldName[] = [
  'query',
  'topK',
  'threshold',
  'instruction',
  'dimensions',
  'knowledgeBase',
];

const ENTRY_FIELD = /^knowledgeBase\[(\d+)\]$/;
const FIELD_PREFIX = /^[A-Za-z_]+(?:\[\d+\])?(?:\.[A-Za-z_]+)*:\s*/;
/** Anything that looks like a file path: a token with a slash or backslash in it. */
const PATH_LIKE = /\s*(?:[A-Za-z]:)?\S*[/\\]\S*/g;

/** The first line of a server message, without a field prefix or file paths; `fallback` when nothing is left. */
export function plainMessage(text: string, fallback = ''): string {
  const firstLine = (text.split('\n')[0] ?? '').trim();
  const cleaned = firstLine
    .replace(FIELD_PREFIX, '')
    .replace(PATH_LIKE, '')
    .replace(/[\s:]+$/, '');
  return cleaned || fallback;
}

export function sentence(text: string): string {
  return /[.!?。！？]$/.test(text) ? text : `${text}.`;
}

function isFieldName(name: string): name is FieldName {
  return (FIELDS as readonly string[]).includes(name);
}

/** The server's reason as one clean sentence (in the API's English). */
function serverReason(error: AppError, { m }: Wording): string {
  return sentence(plainMessage(error.message, m.errors.server));
}

/**
 * @param lineOfEntry maps an index of the knowledge base that was sent to its line in the text box.
 */
export function describeFailure(
  error: unknown,
  lineOfEntry: (index: number) => number | undefined,
): PageProblem {
  if (!AppError.is(error)) return { message: ({ m }) => m.errors.page };
  switch (error.code) {
    case 'invalid_request': {
      const entry = error.field ? ENTRY_FIELD.exec(error.field) : null;
      const line = entry ? lineOfEntry(Number(entry[1])) : undefined;
      if (line !== undefined) {
        return { line, message: (w) => w.m.errors.refusedLine(String(line), serverReason(error, w)) };
      }
      const name = error.field?.replace(/\[.*$/, '') ?? '';
      return {
        message: (w) => {
          const fields = w.m.errors.fields;
          return w.m.errors.refusedField(
            isFieldName(name) ? fields[name] : fields.other,
            serverReason(error, w),
          );
        },
      };
    }
    case 'payload_too_large':
      return { message: ({ m }) => m.errors.payloadTooLarge };
    case 'queue_full':
      return { message: ({ m }) => m.errors.queueFull };
    case 'model_loading':
      return { message: ({ m }) => m.errors.modelLoading };
    case 'shutting_down':
      return { message: ({ m }) => m.errors.shuttingDown };
    case 'model_unavailable':
    case 'worker_crashed':
    case 'out_of_memory':
      return { message: (w) => w.m.errors.tryAgain(serverReason(error, w)) };
    default:
      return { message: (w) => w.m.errors.other(serverReason(error, w)) };
  }
}
