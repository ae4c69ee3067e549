/**
 * Every message of a catalogue subtree as text, keyed by its path (`search.stale.running`), for the
 * catalogue tests: a function is called with sample values ('7' first, then '1', '2'…; as counts
 * they read as plural) and parts (a list) are joined.
 */
export function messageTexts(tree: unknown, path = ''): [string, string][] {
  if (typeof tree === 'string') return [[path, tree]];
  if (typeof tree === 'function') {
    const args = Array.from({ length: tree.length }, (_, i) => (i === 0 ? '7' : `${i}`));
    const value: unknown = tree(...args);
    return [[path, Array.isArray(value) ? value.join('') : String(value)]];
  }
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, child]) =>
    messageTexts(child, path ? `${path}.${key}` : key),
  );
}
