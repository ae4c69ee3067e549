'use client';

import type { SearchRequest, SearchResponse } from '@/lib/schemas';
import { VECTOR_WINDOW } from '@/lib/teaching';
import { EmbeddingMap } from './embedding-map';
import { useI18n } from './i18n-provider';
import { SimilarityHeatmap } from './similarity-heatmap';
import { TeachingPanel } from './teaching-panel';
import { TokenView } from './token-view';
import { VectorFacts } from './vector-facts';

interface TeachingViewsProps {
  request: SearchRequest;
  response: SearchResponse;
  threshold: number;
  selectedIndex: number | null;
  onSelect: (index: number) => void;
}

/**
 * "See the space" and "see the text become a vector": every view draws the `explain` data of the
 * search shown (computed once by the server from its vectors), so opening one does no model work.
 */
export function TeachingViews({ request, response, threshold, selectedIndex, onSelect }: TeachingViewsProps) {
  const { m, formatNumber } = useI18n();
  const t = m.teaching.panels;
  const explain = response.explain;
  if (!explain) return null;
  const texts = request.knowledgeBase;
  return (
    <div data-testid="teaching-views" className="space-y-4">
      <TeachingPanel id="map" title={t.mapTitle} summary={t.mapSummary(formatNumber(texts.length))}>
        {() => (
          <EmbeddingMap
            explain={explain}
            texts={texts}
            query={request.query}
            threshold={threshold}
            selectedIndex={selectedIndex}
            onSelect={onSelect}
            resultCount={response.results.length}
          />
        )}
      </TeachingPanel>
      <TeachingPanel id="heatmap" title={t.heatmapTitle} summary={t.heatmapSummary}>
        {() => <SimilarityHeatmap explain={explain} texts={texts} />}
      </TeachingPanel>
      <TeachingPanel id="tokens" title={t.tokensTitle} summary={t.tokensSummary}>
        {() => (
          <TokenView
            request={{ text: request.query, instruction: request.instruction, task: request.task }}
            explain={explain}
            texts={texts}
            maxTokens={response.model.maxTokens}
          />
        )}
      </TeachingPanel>
      <TeachingPanel
        id="facts"
        title={t.factsTitle}
        summary={t.factsSummary(String(explain.dims), String(VECTOR_WINDOW))}
      >
        {() => <VectorFacts explain={explain} results={response.results} />}
      </TeachingPanel>
    </div>
  );
}
