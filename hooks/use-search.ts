'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError, type SearchProgress } from '@/lib/api-client';
import { searchInParts } from '@/lib/chunked-search';
import { AppError } from '@/lib/errors';
import type { KnowledgeBaseEntry } from '@/lib/knowledge-base';
import type { RequestLimits, SearchRequest, SearchResponse } from '@/lib/schemas';
import type { PageProblem } from '@/lib/search-form';
import { describeFailure } from '@/lib/user-message';

/** A search as the page asked for it: the request and the form it came from (for line numbers and staleness). */
export interface SearchJob {
  request: SearchRequest;
  entries: readonly KnowledgeBaseEntry[];
  kbText: string;
  queryText: string;
  /** The server's limits: a base larger than one request allows is sent in parts (lib/chunked-search.ts). */
  limits?: RequestLimits;
}

export interface CompletedSearch extends SearchJob {
  response: SearchResponse;
}

export type SearchPhase =
  | { kind: 'idle' }
  | { kind: 'waiting-for-model' }
  | { kind: 'running'; progress: SearchProgress | null }
  | { kind: 'retry-wait'; secondsLeft: number }
  | { kind: 'failed'; problem: PageProblem }
  | { kind: 'cancelled' };

/** One automatic retry after a 429: a second refusal is shown, not retried forever. */
const AUTO_RETRIES = 1;

interface UseSearchOptions {
  modelReady: boolean;
  /** When the health check behind `modelReady` answered: a search refused as "loading" waits for a newer one. */
  healthCheckedAt: number;
  /** Called after a failed request, so the page re-checks the server's health at once. */
  onRequestFailed: () => void;
}

/**
 * Page state for one search at a time: its abort controller, progress, a 429's countdown and one
 * automatic retry, waiting for the model to finish loading, and the last completed result.
 */
export function useSearch({ modelReady, healthCheckedAt, onRequestFailed }: UseSearchOptions) {
  const [phase, setPhase] = useState<SearchPhase>({ kind: 'idle' });
  const [completed, setCompleted] = useState<CompletedSearch | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const waitingJobRef = useRef<SearchJob | null>(null);
  // A job waits for a health check newer than this before it runs (so a stale "ready" cannot loop).
  const waitingSinceRef = useRef(0);
  const timerRef = useRef<ReturnType<typeof setInterval> | null>(null);
  const failedRef = useRef(onRequestFailed);
  failedRef.current = onRequestFailed;

  const stopTimer = useCallback(() => {
    if (timerRef.current !== null) clearInterval(timerRef.current);
    timerRef.current = null;
  }, []);

  const execute = useCallback(
    async (job: SearchJob, retriesLeft: number) => {
      const controller = new AbortController();
      controllerRef.current = controller;
      setPhase({ kind: 'running', progress: null });
      try {
        const response = await searchInParts(job.request, job.limits, {
          signal: controller.signal,
          onProgress: (progress) => {
            if (controllerRef.current === controller) setPhase({ kind: 'running', progress });
          },
        });
        if (controllerRef.current !== controller) return;
        setCompleted({ ...job, response });
        setPhase({ kind: 'idle' });
      } catch (error) {
        if (controllerRef.current !== controller) return;
        if (isAbortError(error)) {
          setPhase({ kind: 'cancelled' });
          return;
        }
        if (!AppError.is(error) || error.code !== 'invalid_request') failedRef.current();
        if (AppError.is(error) && error.code === 'model_loading') {
          waitingJobRef.current = job;
          waitingSinceRef.current = Date.now();
          setPhase({ kind: 'waiting-for-model' });
        } else if (AppError.is(error) && error.code === 'queue_full' && retriesLeft > 0) {
          let secondsLeft = Math.max(1, Math.ceil(error.retryAfterSeconds ?? 1));
          setPhase({ kind: 'retry-wait', secondsLeft });
          timerRef.current = setInterval(() => {
            secondsLeft -= 1;
            if (secondsLeft > 0) {
              setPhase({ kind: 'retry-wait', secondsLeft });
              return;
            }
            stopTimer();
            void execute(job, retriesLeft - 1);
          }, 1_000);
        } else {
          setPhase({ kind: 'failed', problem: describeFailure(error, (i) => job.entries[i]?.line) });
        }
      }
    },
    [stopTimer],
  );

  const start = useCallback(
    (job: SearchJob) => {
      if (phase.kind === 'running' || phase.kind === 'retry-wait') return;
      if (!modelReady) {
        waitingJobRef.current = job;
        waitingSinceRef.current = 0;
        setPhase({ kind: 'waiting-for-model' });
        return;
      }
      void execute(job, AUTO_RETRIES);
    },
    [execute, modelReady, phase.kind],
  );

  const cancel = useCallback(() => {
    stopTimer();
    waitingJobRef.current = null;
    const controller = controllerRef.current;
    if (controller && !controller.signal.aborted) controller.abort();
    setPhase((current) =>
      current.kind === 'waiting-for-model' || current.kind === 'retry-wait' ? { kind: 'cancelled' } : current,
    );
  }, [stopTimer]);

  // A search asked for while the model loaded starts by itself once it is ready.
  useEffect(() => {
    const job = waitingJobRef.current;
    if (!modelReady || phase.kind !== 'waiting-for-model' || !job) return;
    if (healthCheckedAt <= waitingSinceRef.current) return;
    waitingJobRef.current = null;
    void execute(job, AUTO_RETRIES);
  }, [execute, modelReady, healthCheckedAt, phase.kind]);

  // Leaving the page drops the server's job too.
  useEffect(
    () => () => {
      stopTimer();
      controllerRef.current?.abort();
    },
    [stopTimer],
  );

  const busy = phase.kind === 'running' || phase.kind === 'retry-wait' || phase.kind === 'waiting-for-model';
  return { phase, completed, busy, start, cancel };
}
