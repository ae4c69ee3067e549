'use client';

import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import type { ImportMessage, ImportMode } from '@/hooks/use-import';
import { IMPORT_EXTENSIONS } from '@/lib/import-entries';
import { useI18n } from './i18n-provider';

interface ImportControlsProps {
  mode: ImportMode;
  message: ImportMessage | null;
  canUndo: boolean;
  onModeChange: (mode: ImportMode) => void;
  onFile: (file: File) => void;
  onUndo: () => void;
}

const buttonClass =
  'min-h-11 rounded-md border border-slate-300 bg-white px-3 text-slate-700 text-sm hover:bg-slate-50 sm:min-h-8';

/** "Import a file…" with append/replace, and what the last import did (or why it could not). */
export function ImportControls({
  mode,
  message,
  canUndo,
  onModeChange,
  onFile,
  onUndo,
}: ImportControlsProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const i18n = useI18n();
  const words = i18n.m.importing;
  return (
    <div className="mt-2 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={inputRef}
          type="file"
          data-testid="kb-import-input"
          accept={IMPORT_EXTENSIONS.join(',')}
          aria-label={words.fileLabel}
          // Out of the accessibility tree and the tab order: the button below is the one control people
          // reach; it opens this picker (a hidden file input still opens when clicked from script).
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file);
            event.target.value = '';
          }}
        />
        <button
          type="button"
          data-testid="kb-import"
          onClick={() => inputRef.current?.click()}
          className={buttonClass}
        >
          {words.button}
        </button>
        <label htmlFor="kb-import-mode" className="text-slate-600 text-sm">
          {words.modeLabel}
        </label>
        <select
          id="kb-import-mode"
          data-testid="kb-import-mode"
          value={mode}
          onChange={(event) => onModeChange(event.target.value as ImportMode)}
          className="h-11 rounded-md border border-slate-300 bg-white px-2 text-sm sm:h-8"
        >
          <option value="append">{words.append}</option>
          <option value="replace">{words.replace}</option>
        </select>
        <span className="text-slate-500 text-xs">{words.dropHint(IMPORT_EXTENSIONS.join(' '))}</span>
      </div>
      {message ? (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="kb-import-message"
          data-kind={message.kind}
          className={`flex flex-wrap items-center gap-2 rounded-md px-3 py-2 text-sm ${
            message.kind === 'error' ? 'bg-red-50 text-red-800' : 'bg-emerald-50 text-emerald-900'
          }`}
        >
          {message.text(i18n)}
          {message.kind === 'done' && canUndo ? (
            <button
              type="button"
              data-testid="kb-import-undo"
              onClick={onUndo}
              className="font-medium text-sky-700 underline"
            >
              {words.undo}
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** The left pane as a drop target for a file; shows an outline while a file is dragged over it. */
export function ImportDropZone({ onFile, children }: { onFile: (file: File) => void; children: ReactNode }) {
  const [over, setOver] = useState(false);
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; "Import a file…" is the accessible way
    <div
      data-testid="kb-drop-zone"
      data-drag-over={over}
      className={over ? 'rounded-xl outline-2 outline-sky-500 outline-dashed outline-offset-4' : undefined}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {children}
    </div>
  );
}
