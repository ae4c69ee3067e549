'use client';

import { useRef, useState } from 'react';
import type { CompletedSearch } from '@/hooks/use-search';
import { postEmbed } from '@/lib/api-client';
import { downloadText } from '@/lib/download';
import {
  type EmbeddedBase,
  exportedResults,
  exportFileName,
  projectorMetadataTsv,
  projectorVectorsTsv,
  resultsCsv,
  resultsJson,
  vectorsJson,
} from '@/lib/export-files';
import type { KnowledgeBaseEntry } from '@/lib/knowledge-base';
import { DEFAULT_LIMITS, type RequestLimits } from '@/lib/schemas';
import { describeFailure, type Wording } from '@/lib/user-message';
import { useI18n } from './i18n-provider';

interface ExportMenuProps {
  baseName: string;
  entries: readonly KnowledgeBaseEntry[];
  completed: CompletedSearch | null;
  topK: number;
  threshold: number;
  limits: RequestLimits | undefined;
}

/** Vectors being fetched (how many of how many), or why the export stopped (worded when shown). */
type ExportStatus =
  | { kind: 'working'; done: number; total: number }
  | { kind: 'error'; text: (wording: Wording) => string };

const itemClass =
  'min-h-11 w-full rounded-md px-3 text-left text-slate-700 text-sm hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-400 sm:min-h-9';

/**
 * The vectors of every entry, from /api/embed in requests of at most MAX_INPUTS texts. After a
 * search the server has them cached, so this costs no model time.
 */
async function embedBase(
  name: string,
  entries: readonly KnowledgeBaseEntry[],
  dimensions: number | undefined,
  maxInputs: number,
  signal: AbortSignal,
  onProgress: (done: number) => void,
): Promise<EmbeddedBase> {
  const out: EmbeddedBase = { name, model: '', dimensions: 0, entries: [] };
  for (let start = 0; start < entries.length; start += maxInputs) {
    const chunk = entries.slice(start, start + maxInputs);
    const response = await postEmbed(
      { texts: chunk.map((e) => e.text), kind: 'document', dimensions },
      signal,
    );
    out.model = response.model.id;
    out.dimensions = response.dims;
    for (const [i, vector] of response.embeddings.entries()) {
      out.entries.push({ index: start + i, text: chunk[i]?.text ?? '', vector });
    }
    onProgress(out.entries.length);
  }
  return out;
}

/** "Export": ranked results as CSV/JSON, the knowledge base with vectors as JSON and as Projector TSVs. */
export function ExportMenu({ baseName, entries, completed, topK, threshold, limits }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const i18n = useI18n();
  const words = i18n.m.exporting;
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const controllerRef = useRef<AbortController | null>(null);

  function exportResults(format: 'csv' | 'json') {
    if (!completed) return;
    const rows = exportedResults(completed.response, completed.request, topK, threshold);
    if (format === 'csv') downloadText(exportFileName(baseName, 'results.csv'), resultsCsv(rows), 'text/csv');
    else downloadText(exportFileName(baseName, 'results.json'), resultsJson(rows), 'application/json');
  }

  async function exportVectors(format: 'json' | 'projector') {
    if (entries.length === 0) {
      setStatus({ kind: 'error', text: ({ m }) => m.exporting.empty });
      return;
    }
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    const total = entries.length;
    setStatus({ kind: 'working', done: 0, total });
    try {
      const base = await embedBase(
        baseName,
        entries,
        completed?.request.dimensions,
        (limits ?? DEFAULT_LIMITS).maxInputs,
        controller.signal,
        (done) => setStatus({ kind: 'working', done, total }),
      );
      if (format === 'json') {
        downloadText(exportFileName(baseName, 'vectors.json'), vectorsJson(base), 'application/json');
      } else {
        downloadText(
          exportFileName(baseName, 'projector-vectors.tsv'),
          projectorVectorsTsv(base),
          'text/tab-separated-values',
        );
        downloadText(
          exportFileName(baseName, 'projector-metadata.tsv'),
          projectorMetadataTsv(base),
          'text/tab-separated-values',
        );
      }
      setStatus(null);
    } catch (error) {
      if (controller.signal.aborted) {
        setStatus(null);
        return;
      }
      const problem = describeFailure(error, (i) => entries[i]?.line);
      setStatus({ kind: 'error', text: (w) => w.m.exporting.failed(problem.message(w)) });
    }
  }

  return (
    <div className="relative">
      <button
        type="button"
        data-testid="export-button"
        aria-expanded={open}
        aria-controls="export-menu"
        onClick={() => setOpen((value) => !value)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-slate-700 text-sm hover:bg-slate-50 sm:min-h-8"
      >
        {words.button}
      </button>
      {open ? (
        <div
          id="export-menu"
          data-testid="export-menu"
          className="absolute right-0 z-20 mt-1 w-72 space-y-1 rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
        >
          <button
            type="button"
            data-testid="export-results-csv"
            disabled={!completed}
            onClick={() => exportResults('csv')}
            className={itemClass}
          >
            {words.resultsCsv}
          </button>
          <button
            type="button"
            data-testid="export-results-json"
            disabled={!completed}
            onClick={() => exportResults('json')}
            className={itemClass}
          >
            {words.resultsJson}
          </button>
          {!completed ? <p className="px-3 text-slate-500 text-xs">{words.searchFirst}</p> : null}
          <button
            type="button"
            data-testid="export-vectors-json"
            onClick={() => void exportVectors('json')}
            className={itemClass}
          >
            {words.vectorsJson}
          </button>
          <button
            type="button"
            data-testid="export-projector"
            onClick={() => void exportVectors('projector')}
            className={itemClass}
          >
            {words.projector}
          </button>
          {status ? (
            <p
              role={status.kind === 'error' ? 'alert' : 'status'}
              data-testid="export-status"
              className={`flex items-center gap-2 px-3 py-1 text-sm ${status.kind === 'error' ? 'text-red-800' : 'text-slate-600'}`}
            >
              {status.kind === 'working'
                ? words.progress(String(status.done), String(status.total))
                : status.text(i18n)}
              {status.kind === 'working' ? (
                <button
                  type="button"
                  onClick={() => controllerRef.current?.abort()}
                  className="font-medium text-sky-700 underline"
                >
                  {words.cancel}
                </button>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
