import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS } from './teaching';
import { wordingFor } from './user-message';
import {
  activeBase,
  addBase,
  deleteBase,
  initialWorkspace,
  readWorkspace,
  renameBase,
  setActiveText,
  uniqueName,
} from './workspace';

const options = {
  query: 'q',
  topK: '5',
  threshold: '0.4',
  knobs: DEFAULT_KNOBS,
  longEntries: 'window' as const,
};
const NAME = wordingFor('en').m.knowledgeBase.defaultName;

describe('workspace', () => {
  it('adds a base, makes it active and keeps the first one', () => {
    const first = initialWorkspace('a', options, NAME);
    const next = addBase(first, 'Second', NAME);
    expect(next.bases.map((b) => b.name)).toEqual(['My knowledge base', 'Second']);
    expect(activeBase(next).text).toBe('');
  });

  it('edits only the active base', () => {
    const two = addBase(initialWorkspace('a', options, NAME), 'Second', NAME);
    const edited = setActiveText(two, 'b');
    expect(edited.bases.map((b) => b.text)).toEqual(['a', 'b']);
  });

  it('gives a new or renamed base a name not yet used', () => {
    const two = addBase(initialWorkspace('a', options, NAME), 'My knowledge base', NAME);
    expect(activeBase(two).name).toBe('My knowledge base 2');
    expect(uniqueName(two, '  ', NAME)).toBe('My knowledge base 3');
    const renamed = renameBase(two, two.activeId, 'My knowledge base 2', NAME);
    expect(activeBase(renamed).name).toBe('My knowledge base 2');
  });

  it('switches to another base when the active one is deleted', () => {
    const first = initialWorkspace('a', options, NAME);
    const two = addBase(first, 'Second', NAME);
    const left = deleteBase(two, two.activeId, NAME);
    expect(left.bases).toHaveLength(1);
    expect(activeBase(left).text).toBe('a');
  });

  it('leaves one empty base after the last one is deleted', () => {
    const only = initialWorkspace('a', options, NAME);
    const left = deleteBase(only, only.activeId, NAME);
    expect(left.bases).toHaveLength(1);
    expect(activeBase(left).text).toBe('');
  });

  it('names the first base, and a base left after deleting the last, in the page’s language', () => {
    const zhName = wordingFor('zh').m.knowledgeBase.defaultName;
    const first = initialWorkspace('a', options, zhName);
    expect(activeBase(first).name).toBe('我的知识库');
    expect(activeBase(deleteBase(first, first.activeId, zhName)).name).toBe('我的知识库');
    expect(uniqueName(first, ' ', zhName)).toBe('我的知识库 2');
  });

  it('reads back a stored workspace and refuses anything else', () => {
    const stored = initialWorkspace('a', options, NAME);
    expect(readWorkspace(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(readWorkspace({ ...stored, activeId: 'missing' })).toBeNull();
    expect(readWorkspace({ ...stored, version: 2 })).toBeNull();
    expect(readWorkspace('garbage')).toBeNull();
  });

  it('reads a workspace saved before the long-entries option with the default mode', () => {
    const stored = initialWorkspace('a', options, NAME);
    const { longEntries: _, ...older } = stored.options;
    expect(readWorkspace({ ...stored, options: older })?.options.longEntries).toBe('window');
  });
});
