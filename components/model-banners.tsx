'use client';

import type { ReactNode } from 'react';
import { useHealth } from '@/hooks/use-health';
import { plainMessage, sentence } from '@/lib/user-message';
import { useI18n } from './i18n-provider';

/** Warnings about the model that a stakeholder must not miss: a failed load, or random weights. */
export function ModelBanners() {
  const { state, health: data, error } = useHealth();
  const { m } = useI18n();
  const words = m.modelStatus;

  // The server's own words (the API's English), without file paths or traces (its log has those).
  const errorMessage =
    state === 'unavailable'
      ? words.unavailableBody(sentence(plainMessage(data?.message ?? '', words.loadFailed)))
      : state === 'unreachable'
        ? words.unreachableBody(sentence(plainMessage(error?.message ?? '', words.noServer)))
        : null;

  return (
    <>
      {errorMessage ? (
        <Banner testId="health-error" tone="error" title={words.notAvailableTitle} role="alert">
          {errorMessage}
        </Banner>
      ) : null}
      {data?.model?.isTestModel ? (
        <Banner testId="test-model-banner" tone="warning" title={words.testModelTitle}>
          {words.testModelBody(
            <strong key="model" className="font-semibold">
              {data.model.id}
            </strong>,
            <code key="command" className="rounded bg-amber-100 px-1 py-0.5 font-mono text-[13px]">
              npm run model:pull
            </code>,
          )}
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
