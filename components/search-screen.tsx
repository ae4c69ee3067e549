'use client';

import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useHealth } from '@/hooks/use-health';
import { useSearch } from '@/hooks/use-search';
import { useWorkspace } from '@/hooks/use-workspace';
import { parseKnowledgeBase } from '@/lib/knowledge-base';
import { DEFAULT_LONG_ENTRIES, DEFAULT_PRESET, DEFAULT_THRESHOLD, DEFAULT_TOP_K } from '@/lib/schemas';
import {
  checkSearchForm,
  entriesProblem,
  type PageProblem,
  parseThreshold,
  parseTopK,
} from '@/lib/search-form';
import { DEFAULT_KNOBS, type Knobs, knobsRequest } from '@/lib/teaching';
import { activeBase, setActiveText, type WorkspaceOptions } from '@/lib/workspace';
import { AppHeader } from './app-header';
import { Card } from './card';
import { EXAMPLE_KNOWLEDGE_BASE, EXAMPLE_QUERY } from './example-data';
import { useI18n } from './i18n-provider';
import { showLine } from './knowledge-base-pane';
import { KnowledgeBaseWorkbench } from './knowledge-base-workbench';
import { LongEntriesSelect } from './long-entries-select';
import { ModelBanners } from './model-banners';
import { QueryPane } from './query-pane';
import { RankMovement } from './rank-movement';
import { ResultList } from './result-list';
import { ScoreExplainer } from './score-explainer';
import { SearchAnnouncer } from './search-announcer';
import { SearchKnobs } from './search-knobs';
import { SearchStatus } from './search-status';
import { TeachingViews } from './teaching-views';
import { VectorPanel } from './vector-panel';

const DEFAULT_OPTIONS: WorkspaceOptions = {
  query: EXAMPLE_QUERY,
  topK: String(DEFAULT_TOP_K),
  threshold: String(DEFAULT_THRESHOLD),
  knobs: DEFAULT_KNOBS,
  longEntries: DEFAULT_LONG_ENTRIES,
};

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function SearchScreen() {
  const { m } = useI18n();
  const server = useHealth();
  const limits = server.health?.limits;
  // The knowledge bases, query and options live in the browser's storage (hooks/use-workspace.ts).
  const saved = useWorkspace(EXAMPLE_KNOWLEDGE_BASE, DEFAULT_OPTIONS);
  const kbText = activeBase(saved.workspace).text;
  const { query, topK, threshold, knobs } = saved.workspace.options;
  const { update } = saved;
  const setKbText = (text: string) => update((current) => setActiveText(current, text));
  const setOptions = (patch: Partial<WorkspaceOptions>) =>
    update((current) => ({ ...current, options: { ...current.options, ...patch } }));
  // The last valid values, applied at once to the scores already computed.
  const [shownTopK, setShownTopK] = useState(DEFAULT_TOP_K);
  const [shownThreshold, setShownThreshold] = useState(DEFAULT_THRESHOLD);
  // Teaching views (issue 10): the knobs that shape the request (the instruction toggle of the
  // score explainer is the knobs' "no instruction"), kept with the saved options; and the entry
  // picked on the map.
  const setKnobs = (next: Knobs) => setOptions({ knobs: next });
  const [selectedEntry, setSelectedEntry] = useState<number | null>(null);
  const [formProblem, setFormProblem] = useState<PageProblem | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const resultsRef = useRef<HTMLElement>(null);
  const search = useSearch({
    modelReady: server.state === 'ready',
    healthCheckedAt: server.checkedAt,
    onRequestFailed: server.recheck,
  });
  const { phase, completed } = search;

  const entries = useMemo(() => parseKnowledgeBase(kbText), [kbText]);
  const limitProblem = entriesProblem(entries, limits);
  const problem = formProblem ?? (phase.kind === 'failed' ? phase.problem : null);
  const highlightLine = problem?.line ?? null;

  function runSearch(withKnobs: Knobs = knobs) {
    if (phase.kind === 'running' || phase.kind === 'retry-wait') return;
    const checked = checkSearchForm({ entries, query, topK, threshold }, limits);
    if (!checked.ok) {
      setFormProblem(checked.problem);
      return;
    }
    setFormProblem(null);
    setKnobs(withKnobs);
    setSelectedEntry(null);
    const request = {
      ...checked.request,
      ...knobsRequest(withKnobs),
      explain: {},
      longEntries: saved.workspace.options.longEntries,
    };
    search.start({ request, entries, kbText, queryText: query, limits });
  }

  function selectLine(line: number, select = true) {
    if (textareaRef.current) showLine(textareaRef.current, line, { select });
  }

  // Saved options arrive after the first render: the re-ranking follows them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the saved state has loaded
  useEffect(() => {
    if (saved.loadedAt === 0) return;
    setShownTopK(parseTopK(topK, limits) ?? DEFAULT_TOP_K);
    setShownThreshold(parseThreshold(threshold, limits) ?? DEFAULT_THRESHOLD);
  }, [saved.loadedAt]);

  // An error about a line brings that line into view.
  useEffect(() => {
    if (highlightLine !== null && textareaRef.current)
      showLine(textareaRef.current, highlightLine, { select: false });
  }, [highlightLine]);

  // On a phone the results are far below the Search button: bring them into view when they arrive.
  useEffect(() => {
    const element = resultsRef.current;
    if (!completed || !element) return;
    const top = element.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) {
      element.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
    }
  }, [completed]);

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runSearch();
    } else if (event.key === 'Escape' && search.busy) {
      event.preventDefault();
      search.cancel();
    }
  }

  const edited = completed !== null && (completed.kbText !== kbText || completed.queryText !== query);
  const staleReason =
    phase.kind === 'running'
      ? m.search.stale.running
      : phase.kind === 'failed'
        ? m.search.stale.failed
        : edited
          ? m.search.stale.edited
          : null;
  const blockedReason =
    server.state === 'loading' || server.state === 'unavailable' || server.state === 'unreachable'
      ? m.query.blocked[server.state]
      : null;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: page-wide shortcuts (Ctrl/Cmd+Enter, Esc) from either pane
    <div className="min-h-dvh" onKeyDown={handleKeyDown}>
      <AppHeader />
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-6 sm:px-6 sm:py-8 2xl:max-w-[1800px]">
        <ModelBanners />

        <div className="grid items-start gap-6 lg:grid-cols-2">
          <KnowledgeBaseWorkbench
            workspace={saved.workspace}
            onWorkspaceChange={update}
            saveState={saved.saveState}
            notice={saved.notice}
            onDismissNotice={saved.dismissNotice}
            entries={entries}
            completed={completed}
            shownTopK={shownTopK}
            shownThreshold={shownThreshold}
            value={kbText}
            entryCount={entries.length}
            limits={limits}
            limitProblem={limitProblem}
            highlightLine={highlightLine}
            textareaRef={textareaRef}
            onChange={(value) => {
              setKbText(value);
              setFormProblem(null);
            }}
          />

          <div className="space-y-6">
            <Card id="semantic-query" title={m.query.title} description={m.query.description}>
              <QueryPane
                query={query}
                topK={topK}
                threshold={threshold}
                searching={search.busy}
                blockedReason={search.busy ? null : blockedReason}
                onQueryChange={(value) => {
                  setOptions({ query: value });
                  setFormProblem(null);
                }}
                onTopKChange={(value) => {
                  setOptions({ topK: value });
                  const parsed = parseTopK(value, limits);
                  if (parsed !== null) setShownTopK(parsed);
                }}
                onThresholdChange={(value) => {
                  setOptions({ threshold: value });
                  const parsed = parseThreshold(value, limits);
                  if (parsed !== null) setShownThreshold(parsed);
                }}
                onSearch={() => runSearch()}
                onCancel={search.cancel}
              >
                <LongEntriesSelect
                  value={saved.workspace.options.longEntries}
                  onChange={(longEntries) => setOptions({ longEntries })}
                />
                <SearchStatus
                  phase={phase}
                  formProblem={formProblem}
                  onCancel={search.cancel}
                  onShowLine={selectLine}
                />
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
              ref={resultsRef}
              id="results"
              title={m.search.resultsTitle}
              description={m.search.resultsDescription}
            >
              {completed ? (
                <>
                  <ScoreExplainer
                    withoutInstruction={completed.request.instruction === ''}
                    busy={search.busy}
                    onToggleInstruction={() =>
                      runSearch({
                        ...knobs,
                        instruction: {
                          preset: completed.request.instruction === '' ? DEFAULT_PRESET : 'none',
                        },
                      })
                    }
                  />
                  <RankMovement response={completed.response} topK={shownTopK} />
                  <ResultList
                    completed={completed}
                    topK={shownTopK}
                    threshold={shownThreshold}
                    staleReason={staleReason}
                    onSelectLine={selectLine}
                    highlightedIndex={selectedEntry}
                  />
                </>
              ) : (
                <p className="rounded-lg border border-slate-300 border-dashed px-4 py-8 text-center text-slate-500 text-sm">
                  {m.search.noResultsYet(
                    <strong key="search" className="font-medium">
                      {m.query.search}
                    </strong>,
                  )}
                </p>
              )}
            </Card>
          </div>
        </div>

        <VectorPanel search={completed} />
        {completed ? (
          <TeachingViews
            request={completed.request}
            response={completed.response}
            threshold={shownThreshold}
            selectedIndex={selectedEntry}
            onSelect={setSelectedEntry}
          />
        ) : null}
      </main>
      <SearchAnnouncer
        phase={phase}
        formProblem={formProblem}
        completed={completed}
        topK={shownTopK}
        threshold={shownThreshold}
      />
      <footer className="mx-auto max-w-6xl 2xl:max-w-[1800px] px-4 pb-8 text-center text-slate-500 text-xs sm:px-6">
        {m.search.footer}
      </footer>
    </div>
  );
}
