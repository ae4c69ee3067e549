import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUiWords, scanComponents } from './ui-words';

const COMPONENTS = path.join(import.meta.dirname, '..', 'components');

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
    const stray = words.map((word) => `components/${word.file}:${word.line}: ${JSON.stringify(word.text)}`);
    expect(stray, 'move these to lib/i18n/en.ts and zh.ts').toEqual([]);
  });
});
