import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS } from './teaching';
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

describe('workspace', () => {
  it('adds a base, makes it active and keeps the first one', () => {
    const first = initialWorkspace('a', options);
    const next = addBase(first, 'Second');
    expect(next.bases.map((b) => b.name)).toEqual(['My knowledge base', 'Second']);
    expect(activeBase(next).text).toBe('');
  });

  it('edits only the active base', () => {
    const two = addBase(initialWorkspace('a', options), 'Second');
    const edited = setActiveText(two, 'b');
    expect(edited.bases.map((b) => b.text)).toEqual(['a', 'b']);
  });

  it('gives a new or renamed base a name not yet used', () => {
    const two = addBase(initialWorkspace('a', options), 'My knowledge base');
    expect(activeBase(two).name).toBe('My knowledge base 2');
    expect(uniqueName(two, '  ')).toBe('My knowledge base 3');
    const renamed = renameBase(two, two.activeId, 'My knowledge base 2');
    expect(activeBase(renamed).name).toBe('My knowledge base 2');
  });

  it('switches to another base when the active one is deleted', () => {
    const first = initialWorkspace('a', options);
    const two = addBase(first, 'Second');
    const left = deleteBase(two, two.activeId);
    expect(left.bases).toHaveLength(1);
    expect(activeBase(left).text).toBe('a');
  });

  it('leaves one empty base after the last one is deleted', () => {
    const only = initialWorkspace('a', options);
    const left = deleteBase(only, only.activeId);
    expect(left.bases).toHaveLength(1);
    expect(activeBase(left).text).toBe('');
  });

  it('reads back a stored workspace and refuses anything else', () => {
    const stored = initialWorkspace('a', options);
    expect(readWorkspace(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(readWorkspace({ ...stored, activeId: 'missing' })).toBeNull();
    expect(readWorkspace({ ...stored, version: 2 })).toBeNull();
    expect(readWorkspace('garbage')).toBeNull();
  });

  it('reads a workspace saved before the long-entries option with the default mode', () => {
    const stored = initialWorkspace('a', options);
    const { longEntries: _, ...older } = stored.options;
    expect(readWorkspace({ ...stored, options: older })?.options.longEntries).toBe('window');
  });
});
