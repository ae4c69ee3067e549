'use client';

import type { ReactNode } from 'react';
import { useHealth } from '@/hooks/use-health';
import { plainMessage, sentence } from '@/lib/user-message';

/** Warnings about the model that a stakeholder must not miss: a failed load, or random weights. */
export function ModelBanners() {
  const { state, health: data, error } = useHealth();

  // The server's own words, without file paths or traces (its log has those).
  const errorMessage =
    state === 'unavailable'
      ? `${sentence(plainMessage(data?.message ?? 'The embedding model failed to load'))} The server log has the details.`
      : state === 'unreachable'
        ? `${sentence(plainMessage(error?.message ?? 'Could not reach the server'))} The page checks again every few seconds.`
        : null;

  return (
    <>
      {errorMessage ? (
        <Banner testId="health-error" tone="error" title="The model is not available" role="alert">
          {errorMessage}
        </Banner>
      ) : null}
      {data?.model?.isTestModel ? (
        <Banner testId="test-model-banner" tone="warning" title="Test model: rankings are meaningless">
          The server is running <strong className="font-semibold">{data.model.id}</strong>, a generated model
          with random weights, so the scores below mean nothing. Run{' '}
          <code className="rounded bg-amber-100 px-1 py-0.5 font-mono text-[13px]">npm run model:pull</code>,
          then restart the server, to get the real Qwen3-Embedding-0.6B.
        </Banner>
      ) : null}
    </>
  );
}

const TONES = {
  error: 'border-red-200 bg-red-50 text-red-800',
  warning: 'border-amber-300 bg-amber-50 text-amber-900',
} as const;

interface BannerProps {
  testId: string;
  tone: keyof typeof TONES;
  title: string;
  role?: 'alert';
  children: ReactNode;
}

function Banner({ testId, tone, title, role, children }: BannerProps) {
  return (
    <div
      data-testid={testId}
      role={role}
      className={`flex gap-3 rounded-xl border px-4 py-3 text-sm ${TONES[tone]}`}
    >
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-5 shrink-0">
        <path
          fillRule="evenodd"
          d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <div>
        <p className="font-semibold">{title}</p>
        <p className="mt-0.5 leading-6">{children}</p>
      </div>
    </div>
  );
}
