'use client';

import { useCallback, useState } from 'react';
import { MAX_PAGE_ENTRIES } from '@/lib/chunked-search';
import { importEntries } from '@/lib/import-entries';
import { countLabel } from '@/lib/knowledge-base';

export type ImportMode = 'append' | 'replace';

export type ImportMessage = { kind: 'done' | 'error'; text: string };

interface UseImportOptions {
  text: string;
  entryCount: number;
  onText: (text: string) => void;
}

/**
 * Reads a dropped or picked file into the knowledge base. A bad file changes nothing and says why;
 * a replace keeps the previous text for Undo, so nothing typed is lost either way.
 */
export function useImport({ text, entryCount, onText }: UseImportOptions) {
  const [mode, setMode] = useState<ImportMode>('append');
  const [message, setMessage] = useState<ImportMessage | null>(null);
  const [undoText, setUndoText] = useState<string | null>(null);
  const importFile = useCallback(
    async (file: File) => {
      // The page takes bases larger than one request (it searches them in parts): its own limit applies.
      const room = mode === 'append' ? MAX_PAGE_ENTRIES - entryCount : MAX_PAGE_ENTRIES;
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        setMessage({
          kind: 'error',
          text: `Could not import “${file.name}”: the browser could not read it.`,
        });
        return;
      }
      const result = importEntries(file.name, bytes, Math.max(0, room));
      if (!result.ok) {
        const roomNote =
          mode === 'append' && room < MAX_PAGE_ENTRIES
            ? ` (${countLabel(entryCount, 'entry', 'entries')} already here)`
            : '';
        setMessage({
          kind: 'error',
          text: `Could not import “${file.name}”: ${result.message}${roomNote}. Nothing was changed.`,
        });
        return;
      }
      const imported = result.entries.join('\n');
      const next =
        mode === 'replace' || text.trim() === '' ? imported : `${text.replace(/\s+$/, '')}\n${imported}`;
      setUndoText(text);
      onText(next);
      const verb = mode === 'replace' ? 'replacing the previous text' : 'added at the end';
      setMessage({
        kind: 'done',
        text: `Imported ${countLabel(result.entries.length, 'entry', 'entries')} from “${file.name}”, ${verb}.`,
      });
    },
    [mode, entryCount, text, onText],
  );

  const undo = useCallback(() => {
    if (undoText === null) return;
    onText(undoText);
    setUndoText(null);
    setMessage(null);
  }, [undoText, onText]);

  return { mode, setMode, message, importFile, canUndo: undoText !== null, undo };
}
