/** "What is this score?": the answer to the first question anyone asks about a 0.79 bar. */
export function ScoreExplainer({
  withoutInstruction,
  onToggleInstruction,
  busy,
}: {
  withoutInstruction: boolean;
  onToggleInstruction: () => void;
  busy: boolean;
}) {
  return (
    <details
      data-testid="score-explainer"
      className="mb-3 rounded-lg bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200 ring-inset"
    >
      <summary className="flex min-h-11 items-center font-medium text-slate-700 sm:min-h-8">
        What is this score?
      </summary>
      <div className="space-y-2 pt-1 pb-1 text-slate-600 leading-6">
        <p>
          Each score is the <strong className="font-medium text-slate-800">cosine similarity</strong> of two
          vectors: the query&rsquo;s and the entry&rsquo;s. Both have length 1, so the score is their dot
          product: 1 means the same direction, 0 unrelated, below 0 opposed. It is not a percentage: a bar
          79&nbsp;% long is a score of 0.79, not a &ldquo;79&nbsp;% match&rdquo;.
        </p>
        <p>
          For Qwen3-Embedding, a relevant pair typically scores around 0.6&ndash;0.8 and an unrelated one
          around 0.1&ndash;0.3, which is why the threshold starts at 0.4. Compare scores within one search
          rather than reading one on its own.
        </p>
        <p>
          An entry identical to the query scores less than 1 because the query is embedded with a retrieval
          instruction in front of it (&ldquo;Given a web search query, retrieve relevant
          passages&hellip;&rdquo;) and the entries are not. Without the instruction, an identical line scores
          1.0000.
        </p>
        <button
          type="button"
          data-testid="compare-instruction"
          onClick={onToggleInstruction}
          aria-disabled={busy}
          className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 font-medium text-slate-700 text-sm shadow-sm hover:bg-slate-50 aria-disabled:opacity-60 sm:min-h-8"
        >
          {withoutInstruction ? 'Search again with the instruction' : 'Compare without the instruction'}
        </button>
      </div>
    </details>
  );
}
