'use client';

import type { ComponentProps } from 'react';
import { useImport } from '@/hooks/use-import';
import type { CompletedSearch } from '@/hooks/use-search';
import type { Notice, SaveState } from '@/hooks/use-workspace';
import type { KnowledgeBaseEntry } from '@/lib/knowledge-base';
import { activeBase, type Workspace } from '@/lib/workspace';
import { ExportMenu } from './export-menu';
import { useI18n } from './i18n-provider';
import { ImportControls, ImportDropZone } from './import-controls';
import { KnowledgeBaseList } from './knowledge-base-list';
import { KnowledgeBasePane } from './knowledge-base-pane';
import { ShareControl } from './share-control';

type PaneProps = Omit<ComponentProps<typeof KnowledgeBasePane>, 'header' | 'footer'>;

interface KnowledgeBaseWorkbenchProps extends PaneProps {
  workspace: Workspace;
  onWorkspaceChange: (change: (current: Workspace) => Workspace) => void;
  saveState: SaveState;
  notice: Notice | null;
  onDismissNotice: () => void;
  entries: readonly KnowledgeBaseEntry[];
  completed: CompletedSearch | null;
  shownTopK: number;
  shownThreshold: number;
}

/** The left pane with what keeps a knowledge base: the saved list, import, export and share. */
export function KnowledgeBaseWorkbench(props: KnowledgeBaseWorkbenchProps) {
  const { workspace, onWorkspaceChange, saveState, notice, onDismissNotice, entries, completed } = props;
  const { shownTopK, shownThreshold, ...paneProps } = props;
  const { m } = useI18n();
  const base = activeBase(workspace);
  const importer = useImport({
    text: props.value,
    entryCount: props.entryCount,
    onText: props.onChange,
  });

  const header = (
    <>
      {notice ? (
        <div
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="workspace-notice"
          data-kind={notice.kind}
          className={`mb-3 flex items-start justify-between gap-2 rounded-md px-3 py-2 text-sm ${
            notice.kind === 'error' ? 'bg-red-50 text-red-800' : 'bg-sky-50 text-sky-900'
          }`}
        >
          <span>{notice.kind === 'error' ? m.sharing.broken : m.sharing.opened(notice.name)}</span>
          <button type="button" onClick={onDismissNotice} className="font-medium underline">
            {m.knowledgeBase.dismiss}
          </button>
        </div>
      ) : null}
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <KnowledgeBaseList workspace={workspace} saveState={saveState} onChange={onWorkspaceChange} />
        </div>
        <ShareControl state={{ name: base.name, text: base.text, options: workspace.options }} />
        <ExportMenu
          baseName={base.name}
          entries={entries}
          completed={completed}
          topK={shownTopK}
          threshold={shownThreshold}
          limits={props.limits}
        />
      </div>
    </>
  );

  return (
    <ImportDropZone onFile={(file) => void importer.importFile(file)}>
      <KnowledgeBasePane
        {...paneProps}
        header={header}
        footer={
          <ImportControls
            mode={importer.mode}
            message={importer.message}
            canUndo={importer.canUndo}
            onModeChange={importer.setMode}
            onFile={(file) => void importer.importFile(file)}
            onUndo={importer.undo}
          />
        }
      />
    </ImportDropZone>
  );
}
