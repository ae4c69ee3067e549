'use client';

import { type FormEvent, useState } from 'react';
import type { SaveState } from '@/hooks/use-workspace';
import { activeBase, addBase, deleteBase, renameBase, type Workspace } from '@/lib/workspace';
import { useI18n } from './i18n-provider';

interface KnowledgeBaseListProps {
  workspace: Workspace;
  saveState: SaveState;
  onChange: (change: (current: Workspace) => Workspace) => void;
}

const buttonClass =
  'min-h-11 rounded-md border border-slate-300 bg-white px-3 text-slate-700 text-sm hover:bg-slate-50 sm:min-h-8';

/** The named knowledge bases kept in this browser: pick one, make a new one, rename or delete it. */
export function KnowledgeBaseList({ workspace, saveState, onChange }: KnowledgeBaseListProps) {
  const { m, formatNumber } = useI18n();
  const words = m.knowledgeBase;
  const saveLabel: Record<Exclude<SaveState['kind'], 'failed'>, string> = {
    loading: words.saveLoading,
    saving: words.saving,
    saved: words.saved,
  };
  const active = activeBase(workspace);
  const activeLines = active.text.split('\n').filter((l) => l.trim()).length;
  const [mode, setMode] = useState<'list' | 'rename' | 'confirm-delete'>('list');
  const [draftName, setDraftName] = useState('');

  function submitRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange((current) => renameBase(current, active.id, draftName, words.defaultName));
    setMode('list');
  }

  return (
    <div data-testid="kb-list" className="mb-3 space-y-2">
      {mode === 'rename' ? (
        <form onSubmit={submitRename} className="flex flex-wrap items-center gap-2">
          <label htmlFor="kb-rename-input" className="text-slate-700 text-sm">
            {words.newName}
          </label>
          <input
            id="kb-rename-input"
            data-testid="kb-rename-input"
            value={draftName}
            onChange={(event) => setDraftName(event.target.value)}
            maxLength={120}
            // biome-ignore lint/a11y/noAutofocus: the person just asked to rename; the field is what they type into next
            autoFocus
            className="h-9 min-w-0 flex-1 rounded-md border border-slate-300 px-2 text-sm"
          />
          <button type="submit" data-testid="kb-rename-save" className={buttonClass}>
            {words.saveName}
          </button>
          <button type="button" onClick={() => setMode('list')} className={buttonClass}>
            {words.cancel}
          </button>
        </form>
      ) : mode === 'confirm-delete' ? (
        <div
          role="alertdialog"
          aria-labelledby="kb-delete-question"
          className="flex flex-wrap items-center gap-2"
        >
          <p id="kb-delete-question" className="text-red-800 text-sm">
            {words.deleteQuestion(active.name, formatNumber(activeLines), activeLines)}
          </p>
          <button
            type="button"
            data-testid="kb-delete-confirm"
            onClick={() => {
              onChange((current) => deleteBase(current, active.id, words.defaultName));
              setMode('list');
            }}
            className="min-h-11 rounded-md bg-red-700 px-3 font-medium text-sm text-white hover:bg-red-800 sm:min-h-8"
          >
            {words.delete}
          </button>
          <button
            type="button"
            data-testid="kb-delete-cancel"
            onClick={() => setMode('list')}
            className={buttonClass}
          >
            {words.keep}
          </button>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="kb-select" className="sr-only">
            {words.select}
          </label>
          <select
            id="kb-select"
            data-testid="kb-select"
            value={active.id}
            onChange={(event) => {
              const id = event.target.value;
              onChange((current) => ({ ...current, activeId: id }));
            }}
            className="h-11 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 text-slate-900 text-sm sm:h-9"
          >
            {workspace.bases.map((base) => (
              <option key={base.id} value={base.id}>
                {base.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            data-testid="kb-new"
            onClick={() => onChange((current) => addBase(current, words.newBaseName, words.defaultName))}
            className={buttonClass}
          >
            {words.new}
          </button>
          <button
            type="button"
            data-testid="kb-rename"
            onClick={() => {
              setDraftName(active.name);
              setMode('rename');
            }}
            className={buttonClass}
          >
            {words.rename}
          </button>
          <button
            type="button"
            data-testid="kb-delete"
            onClick={() => setMode('confirm-delete')}
            className={buttonClass}
          >
            {words.delete}
          </button>
        </div>
      )}
      {saveState.kind === 'failed' ? (
        <p
          role="alert"
          data-testid="kb-save-problem"
          className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 text-sm"
        >
          {saveState.problem.kind === 'full'
            ? words.storageFull(formatNumber(saveState.problem.chars))
            : words.storageUnavailable}
        </p>
      ) : (
        <p data-testid="kb-save-status" data-state={saveState.kind} className="text-slate-500 text-xs">
          {saveLabel[saveState.kind]}
        </p>
      )}
    </div>
  );
}
