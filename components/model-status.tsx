'use client';

import { useHealth } from '@/hooks/use-health';
import { useI18n } from './i18n-provider';

type Tone = 'pending' | 'ok' | 'error';

const DOT: Record<Tone, string> = {
  pending: 'bg-amber-400 motion-safe:animate-pulse',
  ok: 'bg-emerald-500',
  error: 'bg-red-500',
};

/** The header's one-line answer to "which model, dtype and device is answering?" — and is it answering. */
export function ModelStatus() {
  const { state, health } = useHealth();
  const { m } = useI18n();
  const words = m.modelStatus;

  let tone: Tone = 'pending';
  let text = words.loading;
  let detail: string | undefined;
  if (state === 'ready' && health?.model) {
    tone = 'ok';
    text = [health.model.id, health.model.dtype, health.device].filter(Boolean).join(' · ');
    detail = `${words.detail(String(health.model.dims), String(health.model.maxTokens))}${
      health.deviceReason ? words.device(health.deviceReason) : ''
    }`;
  } else if (state === 'unavailable') {
    tone = 'error';
    text = words.unavailable;
  } else if (state === 'unreachable') {
    tone = 'error';
    text = words.unreachable;
  }

  return (
    <div
      data-testid="model-status"
      data-state={state}
      role="status"
      title={detail}
      className="inline-flex max-w-full items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-slate-700 text-xs shadow-sm"
    >
      <span aria-hidden className={`size-2 shrink-0 rounded-full ${DOT[tone]}`} />
      <span className="sr-only">{words.label}</span>
      <span className="truncate font-medium">{text}</span>
    </div>
  );
}
