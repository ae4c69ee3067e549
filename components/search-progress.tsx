import type { SearchProgress as Progress } from '@/lib/api-client';
import { useI18n } from './i18n-provider';

/** Shown while a search runs: a determinate bar once the server streams embedding progress. */
export function SearchProgress({ progress }: { progress: Progress | null }) {
  const { m } = useI18n();
  const known = progress !== null && progress.total > 0;
  const label = known
    ? m.search.embedding(String(progress.done), String(progress.total))
    : m.search.searching;
  return (
    <div
      data-testid="search-progress"
      role="status"
      className="rounded-lg motion-safe:animate-fade-in-late bg-sky-50 px-3 py-2.5"
    >
      <p className="mb-2 font-medium text-sky-800 text-sm">{label}</p>
      {known ? (
        <progress
          aria-label={m.search.progressLabel}
          value={progress.done}
          max={progress.total}
          className="h-1.5 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-sky-100 [&::-webkit-progress-value]:bg-sky-500 [&::-webkit-progress-value]:transition-[width] [&::-moz-progress-bar]:bg-sky-500"
        />
      ) : (
        <div aria-hidden className="relative h-1.5 w-full overflow-hidden rounded-full bg-sky-100">
          <div className="absolute inset-y-0 w-1/3 rounded-full motion-safe:animate-indeterminate bg-sky-500" />
        </div>
      )}
    </div>
  );
}
