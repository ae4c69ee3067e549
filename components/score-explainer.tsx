import { DEFAULT_THRESHOLD } from '@/lib/schemas';
import { useI18n } from './i18n-provider';

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
  const t = useI18n().m.results.explainer;
  return (
    <details
      data-testid="score-explainer"
      className="mb-3 rounded-lg bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200 ring-inset"
    >
      <summary className="flex min-h-11 items-center font-medium text-slate-700 sm:min-h-8">
        {t.question}
      </summary>
      <div className="space-y-2 pt-1 pb-1 text-slate-600 leading-6">
        <p>
          {t.cosine(
            <strong key="term" className="font-medium text-slate-800">
              {t.cosineTerm}
            </strong>,
          )}
        </p>
        <p>{t.typical(String(DEFAULT_THRESHOLD))}</p>
        <p>{t.identical}</p>
        <button
          type="button"
          data-testid="compare-instruction"
          onClick={onToggleInstruction}
          aria-disabled={busy}
          className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 font-medium text-slate-700 text-sm shadow-sm hover:bg-slate-50 aria-disabled:opacity-60 sm:min-h-8"
        >
          {withoutInstruction ? t.searchWithInstruction : t.compareWithout}
        </button>
      </div>
    </details>
  );
}
