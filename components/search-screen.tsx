'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isAbortError, type SearchProgress as Progress } from '@/lib/api-client';
import { parseKnowledgeBase } from '@/lib/knowledge-base';
import { searchMutationOptions } from '@/lib/queries';
import { DEFAULT_THRESHOLD, DEFAULT_TOP_K, type SearchRequest, type SearchResponse } from '@/lib/schemas';
import { DEFAULT_KNOBS, type Knobs, knobsRequest } from '@/lib/teaching';
import { AppHeader } from './app-header';
import { Card } from './card';
import { KnowledgeBasePane } from './knowledge-base-pane';
import { ModelBanners } from './model-banners';
import { QueryPane } from './query-pane';
import { RankMovement } from './rank-movement';
import { ResultList } from './result-list';
import { SearchKnobs } from './search-knobs';
import { SearchProgress } from './search-progress';
import { TeachingViews } from './teaching-views';
import { VectorPanel } from './vector-panel';

/** The seed article's example knowledge base and query. */
const EXAMPLE_KNOWLEDGE_BASE = [
  '苹果是一种很好吃的水果',
  '香蕉富含钾元素,有助于肌肉恢复',
  '我想吃点东西',
  '今天北京天气晴朗,气温25度',
].join('\n');
const EXAMPLE_QUERY = '我想吃点东西';

interface CompletedSearch {
  request: SearchRequest & { threshold: number };
  response: SearchResponse;
}

type Validated = { ok: true; request: CompletedSearch['request'] } | { ok: false; message: string };

function validate(kbText: string, query: string, topKText: string, thresholdText: string): Validated {
  const knowledgeBase = parseKnowledgeBase(kbText);
  if (knowledgeBase.length === 0) {
    return { ok: false, message: 'The knowledge base is empty: add at least one entry, one per line.' };
  }
  if (query.trim() === '') return { ok: false, message: 'Type a query to search for.' };
  const topK = Number(topKText);
  if (topKText.trim() === '' || !Number.isInteger(topK) || topK < 1 || topK > 100) {
    return { ok: false, message: 'Top K must be a whole number from 1 to 100.' };
  }
  const threshold = Number(thresholdText);
  if (thresholdText.trim() === '' || !Number.isFinite(threshold) || threshold < -1 || threshold > 1) {
    return { ok: false, message: 'Threshold must be a number from -1 to 1.' };
  }
  return { ok: true, request: { knowledgeBase, query: query.trim(), topK, threshold } };
}

export function SearchScreen() {
  const [kbText, setKbText] = useState(EXAMPLE_KNOWLEDGE_BASE);
  const [query, setQuery] = useState(EXAMPLE_QUERY);
  const [topK, setTopK] = useState(String(DEFAULT_TOP_K));
  const [threshold, setThreshold] = useState(String(DEFAULT_THRESHOLD));
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [completed, setCompleted] = useState<CompletedSearch | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const search = useMutation(searchMutationOptions);
  // Teaching views (issue 10): the knobs that shape the request, and the entry picked on the map.
  const [knobs, setKnobs] = useState<Knobs>(DEFAULT_KNOBS);
  const [selectedEntry, setSelectedEntry] = useState<number | null>(null);

  // Leaving the page drops the server's job too.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const entryCount = parseKnowledgeBase(kbText).length;

  function runSearch(withKnobs: Knobs = knobs) {
    if (search.isPending) return;
    const validated = validate(kbText, query, topK, threshold);
    if (!validated.ok) {
      setFormMessage(validated.message);
      return;
    }
    setFormMessage(null);
    setProgress(null);
    const controller = new AbortController();
    controllerRef.current = controller;
    const request = { ...validated.request, ...knobsRequest(withKnobs), explain: {} };
    setSelectedEntry(null);
    search.mutate(
      {
        request,
        signal: controller.signal,
        onProgress: (next) => {
          if (controllerRef.current === controller) setProgress(next);
        },
      },
      { onSuccess: (response) => setCompleted({ request, response }) },
    );
  }

  function cancelSearch() {
    controllerRef.current?.abort();
  }

  function clearFormMessage() {
    if (formMessage) setFormMessage(null);
  }

  const cancelled = search.isError && isAbortError(search.error);

  return (
    <div className="min-h-dvh">
      <AppHeader />
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
        <ModelBanners />

        <div className="grid items-start gap-6 lg:grid-cols-2">
          <KnowledgeBasePane
            value={kbText}
            entryCount={entryCount}
            onChange={(value) => {
              setKbText(value);
              clearFormMessage();
            }}
            onReset={() => setKbText(EXAMPLE_KNOWLEDGE_BASE)}
          />

          <div className="space-y-6">
            <Card
              id="semantic-query"
              title="Semantic query"
              description="Ask in your own words; entries are ranked by meaning."
            >
              <QueryPane
                query={query}
                topK={topK}
                threshold={threshold}
                searching={search.isPending}
                onQueryChange={(value) => {
                  setQuery(value);
                  clearFormMessage();
                }}
                onTopKChange={setTopK}
                onThresholdChange={setThreshold}
                onSearch={() => runSearch()}
                onCancel={cancelSearch}
              >
                {formMessage ? (
                  <p
                    data-testid="form-message"
                    role="alert"
                    className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 text-sm"
                  >
                    {formMessage}
                  </p>
                ) : null}
                {search.isPending ? <SearchProgress progress={progress} /> : null}
                {search.isError && !cancelled ? (
                  <div
                    data-testid="search-error"
                    role="alert"
                    className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-red-800 text-sm"
                  >
                    <span className="font-semibold">Search failed: </span>
                    {search.error.message}
                  </div>
                ) : null}
                {cancelled ? (
                  <p role="status" className="rounded-lg bg-slate-100 px-3 py-2 text-slate-600 text-sm">
                    Search cancelled.
                  </p>
                ) : null}
              </QueryPane>
              <SearchKnobs
                knobs={knobs}
                onChange={(next, rerun) => {
                  setKnobs(next);
                  if (rerun && completed) runSearch(next);
                }}
                onSubmit={() => runSearch()}
              />
            </Card>

            <Card
              id="results"
              title="Results"
              description="Best match first. Green scores are above the threshold."
            >
              {completed ? (
                <>
                  <RankMovement response={completed.response} />
                  <ResultList
                    response={completed.response}
                    query={completed.request.query}
                    threshold={completed.request.threshold}
                    stale={search.isPending}
                    highlightedIndex={selectedEntry}
                  />
                </>
              ) : (
                <p className="rounded-lg border border-slate-300 border-dashed px-4 py-8 text-center text-slate-500 text-sm">
                  Results appear here. Press <strong className="font-medium">Search</strong> (or Enter in the
                  query box) to rank the knowledge base by meaning.
                </p>
              )}
            </Card>
          </div>
        </div>

        <VectorPanel query={completed?.response.query ?? null} />
        {completed ? (
          <TeachingViews
            request={completed.request}
            response={completed.response}
            threshold={completed.request.threshold}
            selectedIndex={selectedEntry}
            onSelect={setSelectedEntry}
          />
        ) : null}
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-8 text-center text-slate-400 text-xs sm:px-6">
        Semantic Radar · cosine similarity over Qwen3-Embedding vectors, computed on the server
      </footer>
    </div>
  );
}
