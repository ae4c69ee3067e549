import { clampUnit, formatFixed4 } from '@/lib/format';
import { useI18n } from './i18n-provider';

interface ScoreBarProps {
  score: number;
  aboveThreshold: boolean;
  /** Drawn as a tick on the track when it lies inside 0..1. */
  threshold?: number;
  label: string;
}

/** A cosine similarity as a bar: the score clamped to 0..1, green above the threshold, grey below. */
export function ScoreBar({ score, aboveThreshold, threshold, label }: ScoreBarProps) {
  const t = useI18n().m.results.row;
  const value = clampUnit(score);
  const showThreshold = threshold !== undefined && threshold > 0 && threshold < 1;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={value}
      aria-valuetext={t.scoreValue(formatFixed4(score))}
      data-testid="result-bar"
      data-above-threshold={aboveThreshold ? 'true' : 'false'}
      className="relative h-2.5 w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-500 ${aboveThreshold ? 'bg-emerald-500' : 'bg-slate-400'}`}
        style={{ width: `${value * 100}%` }}
      />
      {showThreshold ? (
        <div
          aria-hidden
          title={t.thresholdTick(String(threshold))}
          className="absolute inset-y-0 w-0.5 bg-slate-600/50"
          style={{ left: `${threshold * 100}%` }}
        />
      ) : null}
    </div>
  );
}
