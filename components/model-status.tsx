'use client';

import { useQuery } from '@tanstack/react-query';
import { healthQueryOptions } from '@/lib/queries';

type Tone = 'pending' | 'ok' | 'error';

const DOT: Record<Tone, string> = {
  pending: 'bg-amber-400 motion-safe:animate-pulse',
  ok: 'bg-emerald-500',
  error: 'bg-red-500',
};

/** The header's one-line answer to "which model, dtype and device is answering?". */
export function ModelStatus() {
  const health = useQuery(healthQueryOptions);
  const data = health.data;

  let tone: Tone = 'pending';
  let text = 'Loading model…';
  let detail: string | undefined;
  if (data?.status === 'ready' && data.model) {
    tone = 'ok';
    text = [data.model.id, data.model.dtype, data.device].filter(Boolean).join(' · ');
    detail = `${data.model.dims} dimensions, up to ${data.model.maxTokens} tokens${
      data.deviceReason ? `. Device: ${data.deviceReason}` : ''
    }`;
  } else if (data?.status === 'error') {
    tone = 'error';
    text = 'Model unavailable';
  } else if (health.isError && !data) {
    tone = 'error';
    text = 'Server unreachable';
  }

  return (
    <div
      data-testid="model-status"
      role="status"
      title={detail}
      className="inline-flex max-w-full items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-slate-700 text-xs shadow-sm"
    >
      <span aria-hidden className={`size-2 shrink-0 rounded-full ${DOT[tone]}`} />
      <span className="sr-only">Model: </span>
      <span className="truncate font-medium">{text}</span>
    </div>
  );
}
