import { expect, test } from '../fixtures';

// About 1,300 tokens: more than two 512-token windows.
const LONG = Array.from(
  { length: 120 },
  (_, i) => `Sentence ${i} talks about ${['apples', 'the weather', 'trains', '数学', 'music'][i % 5]} today.`,
).join(' ');

test('a long entry is matched by its best window, which the result names and marks', async ({
  app,
  page,
}) => {
  await app.goto();
  await app.replaceKnowledgeBase([LONG, 'a short entry']);
  await app.setQuery('trains today');
  const outcome = await app.search();
  expect(outcome.request.longEntries).toBe('window');
  const window = outcome.result?.results.find((r) => r.index === 0)?.window;
  if (!window) throw new Error('the long entry has no matched window');
  expect(window.count).toBeGreaterThan(2);

  // The window's own vector (from /api/embed) gives exactly the entry's score, and no window scores higher.
  const embed = async (texts: string[], kind: 'query' | 'document') =>
    (
      (await (await page.request.post('/api/embed', { data: { texts, kind } })).json()) as {
        embeddings: number[][];
      }
    ).embeddings;
  const [query] = await embed(['trains today'], 'query');
  const [vector] = await embed([window.text], 'document');
  const dot = (a: number[] = [], b: number[] = []) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
  const score = outcome.result?.results.find((r) => r.index === 0)?.score ?? Number.NaN;
  expect(dot(query, vector)).toBeCloseTo(score, 4);

  const row = app.resultRows.filter({ hasText: 'Sentence 0' });
  await expect(row.getByTestId('result-window-note')).toContainText(`Best of ${window.count} windows`);
  await expect(row.getByTestId('result-window')).toHaveText(window.text);
});

test('the long-entries choice is sent with the search and kept across a reload', async ({ app, page }) => {
  await app.goto();
  await page.getByTestId('long-entries-select').selectOption('mean');
  const outcome = await app.search();
  expect(outcome.request.longEntries).toBe('mean');
  await expect.poll(async () => (await app.storedWorkspace())?.options.longEntries).toBe('mean');
  await page.reload();
  await app.waitForWorkspaceLoaded();
  await expect(page.getByTestId('long-entries-select')).toHaveValue('mean');
});

test('an unknown long-entries mode is refused with a 400 naming the field', async ({ page }) => {
  const response = await page.request.post('/api/search', {
    data: { knowledgeBase: ['a'], query: 'a', longEntries: 'chunks' },
  });
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: { field: string } }).error.field).toBe('longEntries');
});

test('/api/embed says which texts reached the token limit', async ({ app, page }) => {
  await app.goto();
  const maxTokens = (await app.health()).model?.maxTokens ?? 0;
  const long = Array.from({ length: maxTokens + 10 }, (_, i) =>
    String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000)),
  ).join('');
  const response = await page.request.post('/api/embed', { data: { texts: ['short', long] } });
  expect(((await response.json()) as { truncated: boolean[] }).truncated).toEqual([false, true]);
});
