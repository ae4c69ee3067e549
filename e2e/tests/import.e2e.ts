import type { Page } from '@playwright/test';
import { MAX_PAGE_ENTRIES } from '../../lib/chunked-search';
import { expect, test } from '../fixtures';

function importFile(page: Page, name: string, content: string | Buffer) {
  const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return page
    .getByTestId('kb-import-input')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

/** Drops a file on the left pane the way a file manager does: dragover, then drop with a DataTransfer. */
async function dropFile(page: Page, name: string, content: string) {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, text]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], fileName));
      return transfer;
    },
    [name, content] as const,
  );
  const zone = page.getByTestId('kb-drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

test('a CSV with a header, quoted commas, doubled quotes and a line break imports from its text column', async ({
  app,
  page,
}) => {
  await app.goto();
  await page.getByTestId('kb-import-mode').selectOption('replace');
  await importFile(page, 'kb.csv', 'id,text\n1,"苹果, 香蕉"\n2,"She said ""hi"""\n3,"two\nlines"\n');
  await expect(page.getByTestId('kb-import-message')).toContainText('Imported 3 entries from “kb.csv”');
  await expect(app.kbInput).toHaveValue('苹果, 香蕉\nShe said "hi"\ntwo lines');
  const outcome = await app.search();
  expect(outcome.request.knowledgeBase).toEqual(['苹果, 香蕉', 'She said "hi"', 'two lines']);
});

test('an imported file is added after what is already typed when appending', async ({ app, page }) => {
  await app.goto();
  await app.setKnowledgeBase('typed by hand');
  await importFile(page, 'more.jsonl', '{"text":"from jsonl"}\n"plain string"\n');
  await expect(app.kbInput).toHaveValue('typed by hand\nfrom jsonl\nplain string');
});

test('a replacing import can be undone, bringing back the typed text', async ({ app, page }) => {
  await app.goto();
  await app.setKnowledgeBase('my own lines');
  await page.getByTestId('kb-import-mode').selectOption('replace');
  await importFile(page, 'kb.json', '["a", {"text": "b"}]');
  await expect(app.kbInput).toHaveValue('a\nb');
  await page.getByTestId('kb-import-undo').click();
  await expect(app.kbInput).toHaveValue('my own lines');
});

test('a text file dropped on the left pane is imported', async ({ app, page }) => {
  await app.goto();
  await page.getByTestId('kb-import-mode').selectOption('replace');
  await dropFile(page, 'notes.md', '第一行\n\n第二行\n');
  await expect(app.kbInput).toHaveValue('第一行\n第二行');
  await expect(page.getByTestId('kb-import-message')).toContainText('“notes.md”');
});

test('a JSON file that is not a list is refused by name and the typed text is kept', async ({
  app,
  page,
}) => {
  await app.goto();
  await app.setKnowledgeBase('keep me');
  await importFile(page, 'object.json', '{"text": "not a list"}');
  await expect(page.getByTestId('kb-import-message')).toHaveAttribute('data-kind', 'error');
  await expect(page.getByTestId('kb-import-message')).toContainText('“object.json”: the JSON is not a list');
  await expect(app.kbInput).toHaveValue('keep me');
});

test('a binary file is refused as binary', async ({ app, page }) => {
  await app.goto();
  await importFile(
    page,
    'photo.txt',
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  );
  await expect(page.getByTestId('kb-import-message')).toContainText('binary file');
  await expect(app.kbInput).toHaveValue(/苹果是一种很好吃的水果/);
});

test('a file in another encoding than UTF-8 is refused with a hint', async ({ app, page }) => {
  await app.goto();
  // "苹果" in GBK.
  await importFile(page, 'gbk.txt', Buffer.from([0xc6, 0xbb, 0xb9, 0xfb, 0x0a]));
  await expect(page.getByTestId('kb-import-message')).toContainText('not UTF-8');
});

test('a file with more entries than the page takes is refused with both numbers', async ({ app, page }) => {
  await app.goto();
  await page.getByTestId('kb-import-mode').selectOption('replace');
  const lines = Array.from({ length: MAX_PAGE_ENTRIES + 1 }, (_, i) => `line ${i}`);
  await importFile(page, 'big.txt', lines.join('\n'));
  await expect(page.getByTestId('kb-import-message')).toContainText(
    `it has ${(MAX_PAGE_ENTRIES + 1).toLocaleString('en-US')} entries; at most ${MAX_PAGE_ENTRIES.toLocaleString('en-US')} fit`,
  );
  await expect(app.kbInput).toHaveValue(/苹果是一种很好吃的水果/);
});

test('an appended file that would pass the page limit together with the typed entries is refused', async ({
  app,
  page,
}) => {
  await app.goto();
  await app.replaceKnowledgeBase(Array.from({ length: MAX_PAGE_ENTRIES - 1 }, (_, i) => `typed ${i}`));
  await importFile(page, 'two.txt', 'a\nb\n');
  await expect(page.getByTestId('kb-import-message')).toContainText('already here');
  await expect(app.kbCount).toContainText(`${(MAX_PAGE_ENTRIES - 1).toLocaleString('en-US')} entries`);
});
