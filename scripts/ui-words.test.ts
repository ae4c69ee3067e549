import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUiWords, scanComponents } from './ui-words';

const COMPONENTS = path.join(import.meta.dirname, '..', 'components');

/**
 * Components whose words have not moved to the catalogue yet (another branch of issue 9 converts
 * them). The list may only shrink: a file that no longer writes words must leave it.
 */
const WAITING_FOR_THE_CATALOGUE = new Set([
  'export-menu.tsx',
  'import-controls.tsx',
  'knowledge-base-list.tsx',
  'knowledge-base-pane.tsx',
  'knowledge-base-workbench.tsx',
  'long-entries-select.tsx',
  'model-banners.tsx',
  'model-status.tsx',
  'query-pane.tsx',
  'search-knobs.tsx',
  'search-progress.tsx',
  'search-screen.tsx',
  'search-status.tsx',
  'share-control.tsx',
]);

const texts = (source: string) => findUiWords(source, 'sample.tsx').map((word) => word.text);

describe('finding words written into a component', () => {
  it('reports JSX text with the line it is on', () => {
    const words = findUiWords('const a = 1;\nexport const X = () => <p>\n  Hello there\n</p>;', 'x.tsx');
    expect(words).toEqual([{ file: 'x.tsx', line: 2, text: 'Hello there' }]);
  });

  it('reports strings a JSX expression renders, in either branch of a condition', () => {
    const source = `const X = ({ on }) => <b>{on ? 'Show less' : \`Show \${n} more\`}</b>;`;
    expect(texts(source)).toEqual(['Show less', 'Show', 'more']);
  });

  it('reports text props: aria-label, title, placeholder, alt and a chart label object', () => {
    const source = `const X = () => (
      <div aria-label="Close" title={\`threshold \${t}\`}>
        <input placeholder="Type here" />
        <img alt="A map" src="/a.png" />
        <XAxis label={{ value: 'dimension', position: 'insideBottom' }} />
        <Bar name="Query" dataKey="query" />
      </div>
    );`;
    expect(texts(source)).toEqual(['Close', 'threshold', 'Type here', 'A map', 'dimension', 'Query']);
  });

  it('reports label-like fields of objects, such as a series legend', () => {
    expect(texts("const SERIES = { positive: { label: 'Positive', color: '#0284c7' } };")).toEqual([
      'Positive',
    ]);
  });

  it('reports the text of the browser dialogs confirm(), alert() and prompt()', () => {
    const source = `if (window.confirm(\`Delete \${name}?\`)) alert('Deleted.');`;
    expect(texts(source)).toEqual(['Delete', 'Deleted.']);
  });

  it('reports Chinese written into a component as well', () => {
    expect(texts('const X = () => <p>查询</p>;')).toEqual(['查询']);
  });

  it('ignores class names, test ids, roles, comparisons, call arguments and symbols', () => {
    const source = `const X = ({ kind }) => (
      <p className="text-sm" data-testid="result-row" role="status" dir="auto">
        {kind === 'query' ? '' : ' · '}#{rank} {m.row.line(format('6'))} {a} × {b}
      </p>
    );`;
    expect(texts(source)).toEqual([]);
  });

  it('ignores code samples in <code>, <pre> and <kbd>', () => {
    expect(
      texts('const X = () => <p><code>npm run build</code> <kbd>Esc</kbd> <pre>{`curl -s`}</pre></p>;'),
    ).toEqual([]);
  });
});

describe('the components', () => {
  const words = scanComponents(COMPONENTS);

  it('take every word they show from the message catalogue', () => {
    const stray = words
      .filter((word) => !WAITING_FOR_THE_CATALOGUE.has(word.file))
      .map((word) => `components/${word.file}:${word.line}: ${JSON.stringify(word.text)}`);
    expect(stray, 'move these to lib/i18n/en.ts and zh.ts').toEqual([]);
  });

  it('list as waiting for the catalogue only files that still write words', () => {
    const stillWriting = new Set(words.map((word) => word.file));
    const done = [...WAITING_FOR_THE_CATALOGUE].filter((file) => !stillWriting.has(file));
    expect(done, 'these write no words any more: remove them from WAITING_FOR_THE_CATALOGUE').toEqual([]);
  });
});
