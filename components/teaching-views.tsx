'use client';

import type { SearchRequest, SearchResponse } from '@/lib/schemas';
import { EmbeddingMap } from './embedding-map';
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
  const explain = response.explain;
  if (!explain) return null;
  const texts = request.knowledgeBase;
  return (
    <div data-testid="teaching-views" className="space-y-4">
      <TeachingPanel
        id="map"
        title="Map of the space"
        summary={`The ${texts.length} entries and the query as points: nearby points tend to mean similar things.`}
      >
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
      <TeachingPanel
        id="heatmap"
        title="Similarity heatmap"
        summary="Every entry compared with every other, and with the query."
      >
        {() => <SimilarityHeatmap explain={explain} texts={texts} />}
      </TeachingPanel>
      <TeachingPanel
        id="tokens"
        title="The tokenizer at work"
        summary="The exact text the model reads, cut into the tokens it sees."
      >
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
        title="Vector facts and why this score"
        summary={`All ${explain.dims} values of the query vector, 50 at a time, beside any result's.`}
      >
        {() => <VectorFacts explain={explain} results={response.results} />}
      </TeachingPanel>
    </div>
  );
}
