import type { SearchPhase } from '@/hooks/use-search';
import type { PageProblem } from '@/lib/search-form';
import { useI18n } from './i18n-provider';
import { SearchProgress } from './search-progress';

interface SearchStatusProps {
  phase: SearchPhase;
  /** A problem found before sending (the form), shown instead of the last search's outcome. */
  formProblem: PageProblem | null;
  onCancel: () => void;
  onShowLine: (line: number) => void;
}

const BOX = 'rounded-lg border px-3 py-2 text-sm';

/** Under the form: what the search is doing now, or why it did not happen. */
export function SearchStatus({ phase, formProblem, onCancel, onShowLine }: SearchStatusProps) {
  const i18n = useI18n();
  const words = i18n.m.search;
  if (formProblem) {
    return (
      <p data-testid="form-message" className={`${BOX} border-amber-300 bg-amber-50 text-amber-900`}>
        {formProblem.message(i18n)} <LineLink problem={formProblem} onShowLine={onShowLine} />
      </p>
    );
  }
  switch (phase.kind) {
    case 'running':
      return <SearchProgress progress={phase.progress} />;
    case 'waiting-for-model':
      return (
        <p data-testid="search-waiting" className={`${BOX} border-sky-200 bg-sky-50 text-sky-900`}>
          {words.waiting}
          <CancelButton onCancel={onCancel} />
        </p>
      );
    case 'retry-wait':
      return (
        <p data-testid="search-retry" className={`${BOX} border-amber-300 bg-amber-50 text-amber-900`}>
          {words.retry(
            <span key="seconds" data-testid="search-retry-seconds" className="font-semibold tabular-nums">
              {words.seconds(String(phase.secondsLeft))}
            </span>,
          )}
          <CancelButton onCancel={onCancel} />
        </p>
      );
    case 'failed':
      return (
        <div data-testid="search-error" className={`${BOX} border-red-200 bg-red-50 text-red-800`}>
          <span className="font-semibold">{words.failed}</span>
          {phase.problem.message(i18n)} <LineLink problem={phase.problem} onShowLine={onShowLine} />
        </div>
      );
    case 'cancelled':
      return (
        <p
          data-testid="search-cancelled"
          className="rounded-lg bg-slate-100 px-3 py-2 text-slate-600 text-sm"
        >
          {words.cancelled}
        </p>
      );
    default:
      return null;
  }
}

function LineLink({ problem, onShowLine }: { problem: PageProblem; onShowLine: (line: number) => void }) {
  const { m } = useI18n();
  if (problem.line === undefined) return null;
  const line = problem.line;
  return (
    <button
      type="button"
      data-testid="problem-line"
      onClick={() => onShowLine(line)}
      className="min-h-11 font-medium underline underline-offset-2 sm:min-h-0"
    >
      {m.search.showLine(String(line))}
    </button>
  );
}

function CancelButton({ onCancel }: { onCancel: () => void }) {
  const { m } = useI18n();
  return (
    <button
      type="button"
      data-testid="search-wait-cancel"
      onClick={onCancel}
      className="ml-2 min-h-11 rounded-md border border-current px-3 font-medium sm:min-h-7"
    >
      {m.search.cancel}
    </button>
  );
}
