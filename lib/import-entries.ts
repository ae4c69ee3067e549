/**
 * Turns a file a person drops on the knowledge base into entries: pure functions, no DOM, so the
 * same rules are unit-tested and run in the page. Every failure is a problem with what it is about
 * (a row, an item, the counts), put into words by `importProblemText` in the page's language; the
 * caller shows it and leaves the text box as it was.
 */
import Papa from 'papaparse';
import { cleanText } from './text-clean';
import type { Wording } from './user-message';

/** The file types the page imports, by extension; the file picker's `accept` comes from this too. */
export const IMPORT_EXTENSIONS = ['.txt', '.md', '.csv', '.tsv', '.json', '.jsonl'] as const;
export type ImportFormat = 'lines' | 'csv' | 'tsv' | 'json' | 'jsonl';

/** Why a file cannot be imported; numbers are the person's (rows, items and lines counted from 1). */
export type ImportProblem =
  | { code: 'binary' | 'encoding' | 'notJson' | 'notList' | 'unsupported' | 'empty' }
  | { code: 'unclosedQuote'; row: number }
  | { code: 'badItem' | 'badLine' | 'badJsonLine'; at: number }
  | { code: 'tooMany'; count: number; max: number };

export type ImportResult = { ok: true; entries: string[] } | { ok: false; problem: ImportProblem };

/** The problem in words: the middle of "Could not import “x”: … Nothing was changed." */
export function importProblemText(problem: ImportProblem, { m, formatNumber }: Wording): string {
  const words = m.importing.problems;
  switch (problem.code) {
    case 'unclosedQuote':
      return words.unclosedQuote(String(problem.row));
    case 'badItem':
    case 'badLine':
    case 'badJsonLine':
      return words[problem.code](String(problem.at));
    case 'tooMany':
      return words.tooMany(formatNumber(problem.count), formatNumber(problem.max));
    case 'unsupported':
      return words.unsupported(IMPORT_EXTENSIONS.join(', '));
    default:
      return words[problem.code];
  }
}

/** A column named like this is used; otherwise the first column. */
const TEXT_COLUMN = 'text';

export function importFormat(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.txt') || lower.endsWith('.md')) return 'lines';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.tsv')) return 'tsv';
  if (lower.endsWith('.jsonl')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

/**
 * Decodes a file's bytes as UTF-8. A NUL byte means a binary file (no text format here has one);
 * invalid UTF-8 means another encoding (e.g. GBK), which decoding leniently would turn into
 * replacement characters the person would only notice in their results.
 */
export function decodeText(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: ImportProblem } {
  if (bytes.includes(0)) return { ok: false, problem: { code: 'binary' } };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, problem: { code: 'encoding' } };
  }
}

/** One entry per line in the text box: a field with line breaks becomes one line. */
function asEntry(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function keepNonBlank(values: string[]): string[] {
  return values.map(asEntry).filter((value) => cleanText(value) !== '');
}

function parseLines(text: string): ImportResult {
  return { ok: true, entries: keepNonBlank(text.split(/\r?\n/)) };
}

function parseDelimited(text: string, delimiter: ',' | '\t'): ImportResult {
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((error) => error.code === 'MissingQuotes');
  // Papa counts rows from 0 with the header as row 0: the person's row numbers start at 1.
  if (fatal) return { ok: false, problem: { code: 'unclosedQuote', row: (fatal.row ?? 0) + 1 } };
  const [header, ...rows] = parsed.data;
  if (!header) return { ok: true, entries: [] };
  const named = header.findIndex((cell) => cell.trim().toLowerCase() === TEXT_COLUMN);
  const column = named === -1 ? 0 : named;
  return { ok: true, entries: keepNonBlank(rows.map((row) => row[column] ?? '')) };
}

/** A JSON item: a string, or an object whose `text` is a string. */
function itemText(item: unknown): string | null {
  if (typeof item === 'string') return item;
  if (item !== null && typeof item === 'object' && TEXT_COLUMN in item) {
    const text = (item as Record<string, unknown>)[TEXT_COLUMN];
    if (typeof text === 'string') return text;
  }
  return null;
}

function textsOf(items: unknown[], where: (i: number) => ImportProblem): ImportResult {
  const texts: string[] = [];
  for (const [i, item] of items.entries()) {
    const text = itemText(item);
    if (text === null) return { ok: false, problem: where(i) };
    texts.push(text);
  }
  return { ok: true, entries: keepNonBlank(texts) };
}

function parseJson(text: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: { code: 'notJson' } };
  }
  if (!Array.isArray(value)) return { ok: false, problem: { code: 'notList' } };
  return textsOf(value, (i) => ({ code: 'badItem', at: i + 1 }));
}

function parseJsonLines(text: string): ImportResult {
  const items: unknown[] = [];
  const lineNumbers: number[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    try {
      items.push(JSON.parse(line));
      lineNumbers.push(i + 1);
    } catch {
      return { ok: false, problem: { code: 'badJsonLine', at: i + 1 } };
    }
  }
  return textsOf(items, (i) => ({ code: 'badLine', at: lineNumbers[i] ?? i + 1 }));
}

/**
 * Entries from a file's bytes. `maxEntries` is the server's MAX_INPUTS as /api/health reports it
 * (minus what an append keeps), so a file the server would refuse is refused here, by name.
 */
export function importEntries(fileName: string, bytes: Uint8Array, maxEntries: number): ImportResult {
  const format = importFormat(fileName);
  if (!format) return { ok: false, problem: { code: 'unsupported' } };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.text.replace(/^\uFEFF/, '');
  const result =
    format === 'lines'
      ? parseLines(text)
      : format === 'csv'
        ? parseDelimited(text, ',')
        : format === 'tsv'
          ? parseDelimited(text, '\t')
          : format === 'json'
            ? parseJson(text)
            : parseJsonLines(text);
  if (!result.ok) return result;
  if (result.entries.length === 0) return { ok: false, problem: { code: 'empty' } };
  if (result.entries.length > maxEntries) {
    return { ok: false, problem: { code: 'tooMany', count: result.entries.length, max: maxEntries } };
  }
  return result;
}
