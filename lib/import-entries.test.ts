import { describe, expect, it } from 'vitest';
import { importEntries, importFormat } from './import-entries';

const utf8 = (text: string) => new TextEncoder().encode(text);
const entries = (name: string, text: string, max = 100) => importEntries(name, utf8(text), max);

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
    expect(result).toEqual({ ok: false, message: expect.stringContaining('row 3') });
  });

  it('reads a JSON array of strings and of objects with text', () => {
    expect(entries('kb.json', '["a", {"text": "b", "id": 2}]')).toEqual({ ok: true, entries: ['a', 'b'] });
  });

  it('refuses JSON that is not a list', () => {
    expect(entries('kb.json', '{"text": "a"}')).toEqual({
      ok: false,
      message: expect.stringContaining('not a list'),
    });
  });

  it('refuses a JSON item without a text string, naming the item', () => {
    expect(entries('kb.json', '["a", {"title": "b"}]')).toEqual({
      ok: false,
      message: expect.stringContaining('item 2'),
    });
  });

  it('refuses a file that is not valid JSON', () => {
    expect(entries('kb.json', '["a",')).toEqual({ ok: false, message: 'it is not valid JSON' });
  });

  it('reads JSON Lines of strings and objects, skipping blank lines', () => {
    expect(entries('kb.jsonl', '"a"\n\n{"text":"b"}\n')).toEqual({ ok: true, entries: ['a', 'b'] });
  });

  it('refuses a JSON Lines file with a broken line, naming the line', () => {
    expect(entries('kb.jsonl', '"a"\n{"text":\n')).toEqual({
      ok: false,
      message: 'line 2 is not valid JSON',
    });
  });

  it('refuses a binary file', () => {
    const result = importEntries('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), 100);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('binary') });
  });

  it('refuses text that is not UTF-8 (GBK bytes for 苹果)', () => {
    const result = importEntries('kb.txt', new Uint8Array([0xc6, 0xbb, 0xb9, 0xfb]), 100);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('not UTF-8') });
  });

  it('drops a UTF-8 byte-order mark at the start', () => {
    expect(entries('kb.csv', '\uFEFFtext\n苹果\n')).toEqual({ ok: true, entries: ['苹果'] });
  });

  it('refuses a file with more entries than fit, giving both numbers', () => {
    expect(entries('kb.txt', 'a\nb\nc', 2)).toEqual({
      ok: false,
      message: 'it has 3 entries; at most 2 fit',
    });
  });

  it('refuses a file with no entries', () => {
    expect(entries('kb.txt', '\n  \n')).toEqual({ ok: false, message: 'it has no entries' });
  });

  it('refuses an unsupported file type', () => {
    expect(entries('kb.docx', 'x')).toEqual({ ok: false, message: expect.stringContaining('not supported') });
    expect(importFormat('kb.docx')).toBeNull();
  });
});
