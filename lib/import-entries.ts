/**
 * Turns a file a person drops on the knowledge base into entries: pure functions, no DOM, so the
 * same rules are unit-tested and run in the page. Every failure is a sentence naming the problem;
 * the caller shows it and leaves the text box as it was.
 */
import Papa from 'papaparse';
import { cleanText } from './text-clean';

/** The file types the page imports, by extension; the file picker's `accept` comes from this too. */
export const IMPORT_EXTENSIONS = ['.txt', '.md', '.csv', '.tsv', '.json', '.jsonl'] as const;
export type ImportFormat = 'lines' | 'csv' | 'tsv' | 'json' | 'jsonl';

export type ImportResult = { ok: true; entries: string[] } | { ok: false; message: string };

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
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.includes(0)) return { ok: false, message: 'it looks like a binary file, not text' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, message: 'it is not UTF-8 text (save it as UTF-8 and try again)' };
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
  if (fatal) return { ok: false, message: `row ${(fatal.row ?? 0) + 1} has a quote that is never closed` };
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

function textsOf(items: unknown[], where: (i: number) => string): ImportResult {
  const texts: string[] = [];
  for (const [i, item] of items.entries()) {
    const text = itemText(item);
    if (text === null)
      return { ok: false, message: `${where(i)} is neither a string nor an object with a "text" string` };
    texts.push(text);
  }
  return { ok: true, entries: keepNonBlank(texts) };
}

function parseJson(text: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'it is not valid JSON' };
  }
  if (!Array.isArray(value))
    return {
      ok: false,
      message: 'the JSON is not a list (expected an array of strings or of objects with "text")',
    };
  return textsOf(value, (i) => `item ${i + 1}`);
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
      return { ok: false, message: `line ${i + 1} is not valid JSON` };
    }
  }
  return textsOf(items, (i) => `line ${lineNumbers[i]}`);
}

/**
 * Entries from a file's bytes. `maxEntries` is the server's MAX_INPUTS as /api/health reports it
 * (minus what an append keeps), so a file the server would refuse is refused here, by name.
 */
export function importEntries(fileName: string, bytes: Uint8Array, maxEntries: number): ImportResult {
  const format = importFormat(fileName);
  if (!format)
    return { ok: false, message: `its type is not supported (use ${IMPORT_EXTENSIONS.join(', ')})` };
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
  if (result.entries.length === 0) return { ok: false, message: 'it has no entries' };
  if (result.entries.length > maxEntries) {
    return {
      ok: false,
      message: `it has ${result.entries.length.toLocaleString('en-US')} entries; at most ${maxEntries.toLocaleString('en-US')} fit`,
    };
  }
  return result;
}
