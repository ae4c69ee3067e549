import { describe, expect, it } from 'vitest';
import { type ImportResult, importEntries, importFormat, importProblemText } from './import-entries';
import { type Wording, wordingFor } from './user-message';

const utf8 = (text: string) => new TextEncoder().encode(text);
const entries = (name: string, text: string, max = 100) => importEntries(name, utf8(text), max);
const en = wordingFor('en');
const zh = wordingFor('zh');
/** Why a file was refused, in words (null when it was read). */
const refusal = (result: ImportResult, wording: Wording = en) =>
  result.ok ? null : importProblemText(result.problem, wording);

describe('importEntries', () => {
  it('reads a text file as one entry per line and skips blank lines', () => {
    expect(entries('notes.txt', '苹果\n\n  \r\n香蕉\r\n')).toEqual({ ok: true, entries: ['苹果', '香蕉'] });
  });

  it('reads a Markdown file the same way as a text file', () => {
    expect(entries('notes.MD', '# 标题\n正文')).toEqual({ ok: true, entries: ['# 标题', '正文'] });
  });

  it('takes the column named text from a CSV with quoted commas, doubled quotes and line breaks', () => {
    const csv = 'id,text\n1,"Hello, world"\n2,"She said ""hi"""\n3,"two\nlines"\n';
    expect(entries('kb.csv', csv)).toEqual({
      ok: true,
      entries: ['Hello, world', 'She said "hi"', 'two lines'],
    });
  });

  it('takes the first column of a CSV that has no text column', () => {
    expect(entries('kb.csv', 'sentence,label\n苹果,fruit\n北京,city\n')).toEqual({
      ok: true,
      entries: ['苹果', '北京'],
    });
  });

  it('reads a TSV with a header row', () => {
    expect(entries('kb.tsv', 'label\ttext\na\tfirst, with comma\nb\tsecond\n')).toEqual({
      ok: true,
      entries: ['first, with comma', 'second'],
    });
  });

  it('refuses a CSV with a quote that is never closed, naming the row', () => {
    const result = entries('kb.csv', 'text\nfine\n"broken\n');
    expect(refusal(result)).toBe('row 3 has a quote that is never closed');
    expect(refusal(result, zh)).toBe('第 3 行有一个没有闭合的引号');
  });

  it('reads a JSON array of strings and of objects with text', () => {
    expect(entries('kb.json', '["a", {"text": "b", "id": 2}]')).toEqual({ ok: true, entries: ['a', 'b'] });
  });

  it('refuses JSON that is not a list', () => {
    expect(refusal(entries('kb.json', '{"text": "a"}'))).toContain('not a list');
  });

  it('refuses a JSON item without a text string, naming the item', () => {
    const result = entries('kb.json', '["a", {"title": "b"}]');
    expect(refusal(result)).toMatch(/^item 2 /);
    expect(refusal(result, zh)).toMatch(/^第 2 项/);
  });

  it('refuses a file that is not valid JSON', () => {
    expect(refusal(entries('kb.json', '["a",'))).toBe('it is not valid JSON');
  });

  it('reads JSON Lines of strings and objects, skipping blank lines', () => {
    expect(entries('kb.jsonl', '"a"\n\n{"text":"b"}\n')).toEqual({ ok: true, entries: ['a', 'b'] });
  });

  it('refuses a JSON Lines file with a broken line, naming the line', () => {
    expect(refusal(entries('kb.jsonl', '"a"\n{"text":\n'))).toBe('line 2 is not valid JSON');
  });

  it('refuses a binary file', () => {
    const result = importEntries('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), 100);
    expect(refusal(result)).toContain('binary');
    expect(refusal(result, zh)).toContain('二进制');
  });

  it('refuses text that is not UTF-8 (GBK bytes for 苹果)', () => {
    const result = importEntries('kb.txt', new Uint8Array([0xc6, 0xbb, 0xb9, 0xfb]), 100);
    expect(refusal(result)).toContain('not UTF-8');
    expect(refusal(result, zh)).toContain('不是 UTF-8');
  });

  it('drops a UTF-8 byte-order mark at the start', () => {
    expect(entries('kb.csv', '\uFEFFtext\n苹果\n')).toEqual({ ok: true, entries: ['苹果'] });
  });

  it('refuses a file with more entries than fit, giving both numbers', () => {
    const result = entries('kb.txt', 'a\nb\nc', 2);
    expect(result).toEqual({ ok: false, problem: { code: 'tooMany', count: 3, max: 2 } });
    expect(refusal(result)).toBe('it has 3 entries; at most 2 fit');
    expect(refusal(result, zh)).toBe('其中有 3 个条目，最多只能放 2 个');
  });

  it('refuses a file with no entries', () => {
    expect(refusal(entries('kb.txt', '\n  \n'))).toBe('it has no entries');
  });

  it('refuses an unsupported file type', () => {
    expect(refusal(entries('kb.docx', 'x'))).toBe(
      'its type is not supported (use .txt, .md, .csv, .tsv, .json, .jsonl)',
    );
    expect(importFormat('kb.docx')).toBeNull();
  });
});

describe('importProblemText', () => {
  it('groups the digits of large counts in both languages', () => {
    const problem = { code: 'tooMany', count: 12_000, max: 10_000 } as const;
    expect(importProblemText(problem, en)).toBe('it has 12,000 entries; at most 10,000 fit');
    expect(importProblemText(problem, zh)).toBe('其中有 12,000 个条目，最多只能放 10,000 个');
  });
});
