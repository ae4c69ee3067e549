'use client';

import { useState } from 'react';
import { downloadText } from '@/lib/download';
import { exportFileName } from '@/lib/export-files';
import { parseKnowledgeBase } from '@/lib/knowledge-base';
import { SHARE_URL_MAX_CHARS, type SharedState, shareUrl } from '@/lib/share-link';
import { useI18n } from './i18n-provider';

type ShareState =
  | { kind: 'closed' }
  | { kind: 'link'; url: string; copied: boolean }
  | { kind: 'too-long'; length: number };

/** "Share": a link holding the base, query and options in its fragment, copied and shown. */
export function ShareControl({ state }: { state: SharedState }) {
  const [share, setShare] = useState<ShareState>({ kind: 'closed' });
  const { m, formatNumber } = useI18n();
  const words = m.sharing;

  async function makeLink() {
    const url = shareUrl(window.location.href, state);
    if (url.length > SHARE_URL_MAX_CHARS) {
      setShare({ kind: 'too-long', length: url.length });
      return;
    }
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // No clipboard permission (or an insecure origin): the link is shown to copy by hand.
    }
    setShare({ kind: 'link', url, copied });
  }

  function downloadBase() {
    // The same shape the importer reads back: a JSON list of objects with `text`.
    const entries = parseKnowledgeBase(state.text).map((entry) => ({ text: entry.text }));
    downloadText(
      exportFileName(state.name, 'knowledge-base.json'),
      `${JSON.stringify(entries, null, 2)}\n`,
      'application/json',
    );
  }

  return (
    <div className="relative">
      <button
        type="button"
        data-testid="share-button"
        onClick={() => void makeLink()}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-slate-700 text-sm hover:bg-slate-50 sm:min-h-8"
      >
        {words.button}
      </button>
      {share.kind !== 'closed' ? (
        <div
          data-testid="share-panel"
          className="absolute right-0 z-20 mt-1 w-80 space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg"
        >
          {share.kind === 'link' ? (
            <>
              <p role="status" data-testid="share-status">
                {share.copied ? words.copied : words.copyThis}
              </p>
              <label htmlFor="share-link" className="sr-only">
                {words.linkLabel}
              </label>
              <input
                id="share-link"
                data-testid="share-link"
                readOnly
                value={share.url}
                onFocus={(event) => event.target.select()}
                className="h-9 w-full rounded-md border border-slate-300 px-2 text-xs"
              />
            </>
          ) : (
            <>
              <p role="alert" data-testid="share-too-long">
                {words.tooLong(formatNumber(share.length), formatNumber(SHARE_URL_MAX_CHARS))}
              </p>
              <button
                type="button"
                data-testid="share-download-json"
                onClick={downloadBase}
                className="font-medium text-sky-700 underline"
              >
                {words.downloadJson}
              </button>
            </>
          )}
          <button
            type="button"
            onClick={() => setShare({ kind: 'closed' })}
            className="text-slate-500 underline"
          >
            {words.close}
          </button>
        </div>
      ) : null}
    </div>
  );
}
