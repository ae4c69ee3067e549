'use client';

import { countLabel } from '@/lib/knowledge-base';
import { Card } from './card';

interface KnowledgeBasePaneProps {
  value: string;
  entryCount: number;
  onChange: (value: string) => void;
  onReset: () => void;
}

export function KnowledgeBasePane({ value, entryCount, onChange, onReset }: KnowledgeBasePaneProps) {
  return (
    <Card
      id="knowledge-base"
      title="Knowledge base"
      description="Paste your documents, one entry per line. Blank lines are ignored."
      aside={
        <span
          data-testid="kb-count"
          aria-live="polite"
          className="rounded-full bg-sky-50 px-2.5 py-0.5 font-medium text-sky-700 text-xs ring-1 ring-sky-200 ring-inset"
        >
          {countLabel(entryCount, 'entry', 'entries')}
        </span>
      }
    >
      <label htmlFor="kb-input" className="mb-1.5 block font-medium text-slate-700 text-sm">
        Entries
      </label>
      <textarea
        id="kb-input"
        data-testid="kb-input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        rows={12}
        spellCheck={false}
        className="block min-h-48 w-full resize-y rounded-lg border border-slate-300 bg-slate-50/60 px-3 py-2.5 text-[15px] text-slate-900 leading-7 shadow-inner placeholder:text-slate-400 focus:border-sky-500 focus:bg-white focus:outline-none focus:ring-2 focus:ring-sky-500/30"
        placeholder={'苹果是一种很好吃的水果\n今天北京天气晴朗…'}
      />
      <div className="mt-2 flex justify-end">
        <button
          type="button"
          onClick={onReset}
          className="rounded-md px-2 py-1 text-slate-500 text-xs hover:bg-slate-100 hover:text-slate-700"
        >
          Restore the example
        </button>
      </div>
    </Card>
  );
}
