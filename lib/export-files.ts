/**
 * The files the Export button writes, as pure functions of what the page already has: ranked
 * results (CSV, JSON), the knowledge base with its vectors (JSON) and the TensorFlow Embedding
 * Projector's two TSV files (vectors, metadata).
 */
import Papa from 'papaparse';
import { DEFAULT_INSTRUCTION, passesThreshold, type SearchResponse } from './schemas';

/** Spreadsheet programs read a CSV as UTF-8 (and show Chinese correctly) only when it starts with a BOM. */
const UTF8_BOM = '\uFEFF';

export interface ExportedResult {
  rank: number;
  /** 0-based position among the knowledge base's entries, as the API numbers them. */
  index: number;
  text: string;
  score: number;
  aboveThreshold: boolean;
  query: string;
  model: string;
  dimensions: number;
  instruction: string;
}

/** The rows the page shows (top k at the threshold the person set), with the search's context on each. */
export function exportedResults(
  response: SearchResponse,
  request: { query: string; instruction?: string },
  topK: number,
  threshold: number,
): ExportedResult[] {
  return response.results.slice(0, topK).map((result, i) => ({
    rank: i + 1,
    index: result.index,
    text: result.text,
    score: result.score,
    aboveThreshold: passesThreshold(result.score, threshold),
    query: request.query,
    model: response.model.id,
    dimensions: response.query.dims,
    instruction: request.instruction ?? DEFAULT_INSTRUCTION,
  }));
}

const RESULT_COLUMNS: (keyof ExportedResult)[] = [
  'rank',
  'index',
  'text',
  'score',
  'aboveThreshold',
  'query',
  'model',
  'dimensions',
  'instruction',
];

export function resultsCsv(rows: ExportedResult[]): string {
  // papaparse quotes fields with commas, quotes and line breaks, and doubles inner quotes.
  return (
    UTF8_BOM +
    Papa.unparse(
      { fields: RESULT_COLUMNS, data: rows.map((row) => RESULT_COLUMNS.map((c) => row[c])) },
      { newline: '\r\n' },
    )
  );
}

export function resultsJson(rows: ExportedResult[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export interface EmbeddedBase {
  name: string;
  model: string;
  dimensions: number;
  entries: { index: number; text: string; vector: number[] }[];
}

export function vectorsJson(base: EmbeddedBase): string {
  return `${JSON.stringify(base)}\n`;
}

/** A TSV cell cannot hold a tab or a line break (the Projector splits on them): they become spaces. */
function tsvCell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

/** The Projector's vectors file: one row per entry, values separated by tabs, no header. */
export function projectorVectorsTsv(base: EmbeddedBase): string {
  return `${base.entries.map((entry) => entry.vector.join('\t')).join('\n')}\n`;
}

/**
 * The Projector's metadata file. With a single column it must have no header (the Projector then
 * reads every row as a label), so the row count equals the vectors file's.
 */
export function projectorMetadataTsv(base: EmbeddedBase): string {
  return `${base.entries.map((entry) => tsvCell(entry.text)).join('\n')}\n`;
}

/** A file name from a base's name and a suffix: safe on every OS, Chinese kept, never empty. */
export function exportFileName(name: string, suffix: string): string {
  const safe = name
    .normalize('NFC')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return `${safe || 'knowledge-base'}-${suffix}`;
}
