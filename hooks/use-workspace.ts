'use client';

import { createStore, get, set, type UseStore } from 'idb-keyval';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { readShareFragment } from '@/lib/share-link';
import {
  addBase,
  initialWorkspace,
  readWorkspace,
  type Workspace,
  type WorkspaceOptions,
} from '@/lib/workspace';

/** Typing pauses shorter than this are one edit: the base is written once the person stops. */
const SAVE_DELAY_MS = 400;
const STORAGE_KEY = 'workspace';

export type SaveState =
  | { kind: 'loading' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; problem: StorageProblem };

/** Why saving failed: the storage is full (with how much was to be saved), or saving is not allowed. */
export type StorageProblem = { kind: 'full'; chars: number } | { kind: 'unavailable' };

let store: UseStore | null = null;
// IndexedDB, not localStorage: a knowledge base can be megabytes, past localStorage's ~5 MB, and
// IndexedDB writes happen off the main thread, so saving never stalls typing.
function database(): UseStore {
  store ??= createStore('semantic-radar', 'state');
  return store;
}

function storageProblem(error: unknown, workspace: Workspace): StorageProblem {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return { kind: 'full', chars: workspace.bases.reduce((sum, base) => sum + base.text.length, 0) };
  }
  return { kind: 'unavailable' };
}

/** What opening a share link did: opened it as the base named `name`, or found it broken. */
export type Notice = { kind: 'info'; name: string } | { kind: 'error' };

/** Adds the base a share link in the URL fragment holds (as a new base) and clears the fragment. */
function openSharedLink(
  workspace: Workspace,
  setNotice: (notice: Notice) => void,
  fallbackName: string,
): Workspace {
  const shared = readShareFragment(window.location.hash);
  if (shared.kind === 'none') return workspace;
  // The link has done its job; a reload should not add the base a second time.
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (shared.kind === 'broken') {
    setNotice({ kind: 'error' });
    return workspace;
  }
  const next = {
    ...addBase(workspace, shared.state.name, fallbackName, shared.state.text),
    options: shared.state.options,
  };
  setNotice({ kind: 'info', name: next.bases.at(-1)?.name ?? shared.state.name });
  return next;
}

/**
 * The page's saved state: the named knowledge bases, the query and the options, kept in IndexedDB.
 * It loads once after the first render (the server renders the example), opens a share link found
 * in the URL fragment as a new base (the person's own bases untouched), and saves after each pause
 * in typing.
 */
export function useWorkspace(initialText: string, initialOptions: WorkspaceOptions) {
  const { m } = useI18n();
  // The first base is named in the language of the first visit; the name is the person's afterwards.
  const [workspace, setWorkspace] = useState(() =>
    initialWorkspace(initialText, initialOptions, m.knowledgeBase.defaultName),
  );
  const fallbackName = useRef(m.knowledgeBase.defaultName);
  fallbackName.current = m.knowledgeBase.defaultName;
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'loading' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [loadedAt, setLoadedAt] = useState(0);
  const latest = useRef(workspace);
  latest.current = workspace;

  // Runs once: what is stored (or shared) replaces the first render's example.
  useEffect(() => {
    let cancelled = false;
    async function load() {
      let stored: Workspace | null = null;
      let problem: StorageProblem | null = null;
      try {
        stored = readWorkspace(await get(STORAGE_KEY, database()));
      } catch (error) {
        problem = storageProblem(error, latest.current);
      }
      if (cancelled) return;
      setWorkspace(openSharedLink(stored ?? latest.current, setNotice, fallbackName.current));
      setSaveState(problem ? { kind: 'failed', problem } : { kind: 'saved' });
      setLoadedAt(Date.now());
    }
    void load();
    return () => {
      cancelled = true;
    };
  }, []);

  // A share link pasted into this tab's address bar changes only the fragment (no reload): listen.
  useEffect(() => {
    if (loadedAt === 0) return;
    const onHashChange = () => {
      setWorkspace(openSharedLink(latest.current, setNotice, fallbackName.current));
      // The page re-reads the options (its shown top k and threshold) as after a load.
      setLoadedAt(Date.now());
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [loadedAt]);

  useEffect(() => {
    if (loadedAt === 0) return;
    setSaveState((current) => (current.kind === 'failed' ? current : { kind: 'saving' }));
    const timer = setTimeout(() => {
      set(STORAGE_KEY, workspace, database()).then(
        () => setSaveState({ kind: 'saved' }),
        (error: unknown) => setSaveState({ kind: 'failed', problem: storageProblem(error, workspace) }),
      );
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [workspace, loadedAt]);

  // Closing the tab inside the typing pause still writes the last keystrokes.
  useEffect(() => {
    if (loadedAt === 0) return;
    const flush = () => void set(STORAGE_KEY, latest.current, database()).catch(() => undefined);
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [loadedAt]);

  const update = useCallback((change: (current: Workspace) => Workspace) => setWorkspace(change), []);
  const dismissNotice = useCallback(() => setNotice(null), []);
  return { workspace, update, saveState, notice, dismissNotice, loadedAt };
}
