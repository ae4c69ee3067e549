'use client';

import { useCallback, useState } from 'react';
import { MAX_PAGE_ENTRIES } from '@/lib/chunked-search';
import { importEntries, importProblemText } from '@/lib/import-entries';
import type { Wording } from '@/lib/user-message';

export type ImportMode = 'append' | 'replace';

/** What the last import did; worded when shown (so it follows a language switch). */
export type ImportMessage = { kind: 'done' | 'error'; text: (wording: Wording) => string };

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
        setMessage({ kind: 'error', text: ({ m }) => m.importing.unreadable(file.name) });
        return;
      }
      const result = importEntries(file.name, bytes, Math.max(0, room));
      if (!result.ok) {
        const problem = result.problem;
        // Only a count refusal depends on what is already typed: say so there, not after "not a list".
        const counted = problem.code === 'tooMany' && mode === 'append' && room < MAX_PAGE_ENTRIES;
        setMessage({
          kind: 'error',
          text: (w) => {
            const { importing, knowledgeBase } = w.m;
            const roomNote = counted
              ? importing.alreadyHere(knowledgeBase.entries(w.formatNumber(entryCount), entryCount))
              : '';
            return importing.refused(file.name, importProblemText(problem, w), roomNote);
          },
        });
        return;
      }
      const imported = result.entries.join('\n');
      const next =
        mode === 'replace' || text.trim() === '' ? imported : `${text.replace(/\s+$/, '')}\n${imported}`;
      setUndoText(text);
      onText(next);
      const count = result.entries.length;
      const replaced = mode === 'replace';
      setMessage({
        kind: 'done',
        text: ({ m, formatNumber }) =>
          m.importing.done(m.knowledgeBase.entries(formatNumber(count), count), file.name, replaced),
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
