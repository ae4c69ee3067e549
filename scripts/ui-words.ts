/**
 * Finds words written straight into components instead of coming from the message catalogue
 * (lib/i18n): JSX text, strings a JSX expression renders, text-bearing props (aria-label, title,
 * placeholder, alt, chart labels and series names), label-like object fields and the text of
 * confirm()/alert()/prompt(). What is a format
 * rather than words (class names, data-testid, ids, API field names) is not looked at; code samples
 * inside <code>/<pre>/<kbd> are allowed.
 *
 *   npx tsx scripts/ui-words.ts            # lists file:line: "text" for components/*.ts(x)
 *
 * The guard test (scripts/ui-words.test.ts) runs the same check over components/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';

export interface UiWord {
  file: string;
  line: number;
  text: string;
}

/** Props whose value a person reads or hears. */
const TEXT_PROPS = new Set([
  'aria-label',
  'aria-valuetext',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
  'summary',
]);
/** On components (capitalised tags) these also carry words: a chart series' `name`, a panel's `summary`. */
const COMPONENT_TEXT_PROPS = new Set(['name', 'summary', 'title', 'label', 'caption', 'description']);
/** Object fields that hold words (series labels, legend names, messages). */
const TEXT_FIELDS = new Set([
  'label',
  'title',
  'name',
  'message',
  'description',
  'caption',
  'summary',
  'value',
]);
/** Elements whose text is code, shown as written. */
const CODE_ELEMENTS = new Set(['code', 'pre', 'kbd', 'samp']);

/** The browser's own dialogs: their text is shown as given. */
const DIALOGS = new Set(['confirm', 'alert', 'prompt']);

const HAS_LETTER = /\p{L}/u;

// Babel's AST, walked generically: only the fields read below matter.
interface Node {
  type: string;
  loc?: { start: { line: number } };
  [key: string]: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function tagName(element: Node): string {
  const name = (element.openingElement as Node | undefined)?.name as Node | undefined;
  if (!name) return '';
  if (name.type === 'JSXIdentifier') return String(name.name);
  if (name.type === 'JSXMemberExpression') return String((name.property as Node).name);
  return '';
}

/** `confirm` for `confirm(…)` and `window.confirm(…)`. */
function calleeName(callee: unknown): string {
  if (!isNode(callee)) return '';
  if (callee.type === 'Identifier') return String(callee.name);
  if (callee.type === 'MemberExpression') return calleeName(callee.property);
  return '';
}

export function findUiWords(source: string, file: string): UiWord[] {
  const found: UiWord[] = [];
  // A label object inside a JSX prop is reached twice (as the prop's value and as an object field).
  const reported = new WeakSet<Node>();
  const report = (node: Node, text: string) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (reported.has(node) || !HAS_LETTER.test(trimmed)) return;
    reported.add(node);
    found.push({ file, line: node.loc?.start.line ?? 0, text: trimmed });
  };

  /** The strings an expression evaluates to (not the ones it compares against or passes to calls). */
  function rendered(node: unknown): void {
    if (!isNode(node)) return;
    switch (node.type) {
      case 'StringLiteral':
        report(node, String(node.value));
        return;
      case 'TemplateLiteral':
        for (const quasi of node.quasis as Node[])
          report(quasi, String((quasi.value as { cooked: string }).cooked));
        return;
      case 'ConditionalExpression':
        rendered(node.consequent);
        rendered(node.alternate);
        return;
      case 'LogicalExpression':
        if (node.operator !== '&&') rendered(node.left);
        rendered(node.right);
        return;
      case 'BinaryExpression':
        if (node.operator === '+') {
          rendered(node.left);
          rendered(node.right);
        }
        return;
      case 'ArrayExpression':
        for (const element of node.elements as unknown[]) rendered(element);
        return;
      case 'ObjectExpression':
        for (const property of node.properties as Node[]) {
          const key = property.key as Node | undefined;
          if (property.type === 'ObjectProperty' && key && TEXT_FIELDS.has(String(key.name ?? key.value)))
            rendered(property.value);
        }
        return;
      case 'TSAsExpression':
      case 'ParenthesizedExpression':
        rendered(node.expression);
        return;
      default:
        // JSX inside the expression is walked by visit(); calls, comparisons and names are not words.
        return;
    }
  }

  function visit(node: unknown, parent: Node | null): void {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent);
      return;
    }
    if (!isNode(node)) return;

    if (node.type === 'JSXText') {
      if (!(parent && CODE_ELEMENTS.has(tagName(parent)))) report(node, String(node.value));
    } else if (
      node.type === 'JSXExpressionContainer' &&
      parent &&
      /^JSX(Element|Fragment)$/.test(parent.type)
    ) {
      if (!CODE_ELEMENTS.has(tagName(parent))) rendered(node.expression);
    } else if (node.type === 'JSXAttribute') {
      const name = String((node.name as Node).name);
      const owner = parent ? tagName(parent) : '';
      const component = /^[A-Z]/.test(owner);
      if (TEXT_PROPS.has(name) || (component && COMPONENT_TEXT_PROPS.has(name))) {
        const value = node.value as Node | null;
        if (value?.type === 'StringLiteral') report(value, String(value.value));
        else if (value?.type === 'JSXExpressionContainer') rendered(value.expression);
      }
    } else if (node.type === 'CallExpression' && DIALOGS.has(calleeName(node.callee))) {
      for (const argument of node.arguments as unknown[]) rendered(argument);
    } else if (node.type === 'ObjectProperty' && !(parent && parent.type === 'JSXExpressionContainer')) {
      const key = node.key as Node | undefined;
      const value = node.value as Node;
      if (key && TEXT_FIELDS.has(String(key.name ?? key.value)) && value.type === 'StringLiteral')
        report(value, String(value.value));
    }

    // Attributes belong to their element (for the component check), children to the element.
    const owner = node.type === 'JSXOpeningElement' ? parent : node;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'extra') continue;
      if (typeof child === 'object' && child !== null) visit(child, owner);
    }
  }

  const ast = parse(source, { sourceType: 'module', plugins: ['jsx', 'typescript'] });
  visit(ast.program, null);
  return found;
}

/** Every .ts/.tsx file directly in `dir`, with what it still writes in words. */
export function scanComponents(dir: string): UiWord[] {
  return readdirSync(dir)
    .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
    .sort()
    .flatMap((name) => findUiWords(readFileSync(path.join(dir, name), 'utf8'), name));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const words = scanComponents(path.join(import.meta.dirname, '..', 'components'));
  for (const word of words) console.log(`components/${word.file}:${word.line}: ${JSON.stringify(word.text)}`);
  process.exitCode = words.length > 0 ? 1 : 0;
}
