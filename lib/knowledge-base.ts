import { cleanText } from './text-clean';

/** One entry of a pasted knowledge base and where it sits in the text box. */
export interface KnowledgeBaseEntry {
  text: string;
  /** 1-based line number as the user sees it (blank lines counted). */
  line: number;
  /** Offsets of the line in the pasted text, for selecting it. */
  start: number;
  end: number;
}

/**
 * A pasted knowledge base: one entry per line, each trimmed. A line that is blank after the
 * server's own clean-up (e.g. only a zero-width space or a BOM) is skipped here too, so the page
 * never counts or sends an entry the server would refuse as empty.
 */
export function parseKnowledgeBase(text: string): KnowledgeBaseEntry[] {
  const entries: KnowledgeBaseEntry[] = [];
  let start = 0;
  for (const [i, raw] of text.split('\n').entries()) {
    const end = start + raw.length;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (cleanText(line) !== '') entries.push({ text: line.trim(), line: i + 1, start, end });
    start = end + 1;
  }
  return entries;
}

/** Offsets of a 1-based line in `text` (clamped to the last line). */
export function lineRange(text: string, line: number): { start: number; end: number } {
  const lines = text.split('\n');
  const target = Math.min(Math.max(line, 1), lines.length);
  const start = lines.slice(0, target - 1).reduce((sum, l) => sum + l.length + 1, 0);
  return { start, end: start + (lines[target - 1] ?? '').length };
}
