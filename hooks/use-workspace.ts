'use client';

import { createStore, get, set, type UseStore } from 'idb-keyval';
import { useCallback, useEffect, useRef, useState } from 'react';
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
  | { kind: 'failed'; message: string };

let store: UseStore | null = null;
// IndexedDB, not localStorage: a knowledge base can be megabytes, past localStorage's ~5 MB, and
// IndexedDB writes happen off the main thread, so saving never stalls typing.
function database(): UseStore {
  store ??= createStore('semantic-radar', 'state');
  return store;
}

function storageProblem(error: unknown, workspace: Workspace): string {
  const chars = workspace.bases.reduce((sum, base) => sum + base.text.length, 0);
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return `The browser's storage is full: your latest changes (${chars.toLocaleString('en-US')} characters in all) are not saved. Delete a knowledge base you no longer need, or export this one. Nothing on the page is lost while it stays open.`;
  }
  return 'This browser does not let the page save (private window or storage turned off): your work lasts only while the page is open.';
}

type Notice = { kind: 'info' | 'error'; message: string };

/** Adds the base a share link in the URL fragment holds (as a new base) and clears the fragment. */
function openSharedLink(workspace: Workspace, setNotice: (notice: Notice) => void): Workspace {
  const shared = readShareFragment(window.location.hash);
  if (shared.kind === 'none') return workspace;
  // The link has done its job; a reload should not add the base a second time.
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (shared.kind === 'broken') {
    setNotice({ kind: 'error', message: `${shared.message} Your own knowledge bases are unchanged.` });
    return workspace;
  }
  const next = { ...addBase(workspace, shared.state.name, shared.state.text), options: shared.state.options };
  setNotice({
    kind: 'info',
    message: `Opened the shared knowledge base as “${next.bases.at(-1)?.name}”. Your own knowledge bases are kept in the list.`,
  });
  return next;
}

/**
 * The page's saved state: the named knowledge bases, the query and the options, kept in IndexedDB.
 * It loads once after the first render (the server renders the example), opens a share link found
 * in the URL fragment as a new base (the person's own bases untouched), and saves after each pause
 * in typing.
 */
export function useWorkspace(initialText: string, initialOptions: WorkspaceOptions) {
  const [workspace, setWorkspace] = useState(() => initialWorkspace(initialText, initialOptions));
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
      let problem: string | null = null;
      try {
        stored = readWorkspace(await get(STORAGE_KEY, database()));
      } catch (error) {
        problem = storageProblem(error, latest.current);
      }
      if (cancelled) return;
      setWorkspace(openSharedLink(stored ?? latest.current, setNotice));
      setSaveState(problem ? { kind: 'failed', message: problem } : { kind: 'saved' });
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
      setWorkspace(openSharedLink(latest.current, setNotice));
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
        (error: unknown) => setSaveState({ kind: 'failed', message: storageProblem(error, workspace) }),
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
