/** The search screen as the tests see it: locators by data-testid and the actions a person takes. */
import type { Locator, Page, Request, Response } from '@playwright/test';
import { DEFAULT_LIMITS, type Health, type SearchRequest, type SearchResponse } from '../../lib/schemas';
import type { Workspace } from '../../lib/workspace';

export interface ResultRowView {
  rank: number;
  text: string;
  scoreText: string;
  barValue: number;
  barMin: number;
  barMax: number;
  aboveThreshold: boolean;
  /** The bar's fill colour, to check that above/below rows look different. */
  fillColor: string;
}

export interface SearchOutcome {
  request: SearchRequest;
  /** The Accept header the page sent (it asks for the NDJSON stream). */
  accept: string;
  status: number;
  result?: SearchResponse;
  error?: { code: string; message: string };
}

export class SearchPage {
  readonly kbInput: Locator;
  readonly kbCount: Locator;
  readonly queryInput: Locator;
  readonly topKInput: Locator;
  readonly thresholdInput: Locator;
  readonly searchButton: Locator;
  readonly cancelButton: Locator;
  readonly formMessage: Locator;
  readonly searchError: Locator;
  readonly searchProgress: Locator;
  readonly resultRows: Locator;
  readonly vectorPanel: Locator;
  readonly vectorToggle: Locator;
  readonly vectorDims: Locator;
  readonly vectorValues: Locator;
  readonly vectorChart: Locator;
  readonly modelStatus: Locator;
  readonly testModelBanner: Locator;
  readonly healthError: Locator;
  /** The polite live region that tells screen readers how a search ended. */
  readonly liveAnnouncer: Locator;

  constructor(readonly page: Page) {
    const id = (testId: string) => page.getByTestId(testId);
    this.kbInput = id('kb-input');
    this.kbCount = id('kb-count');
    this.queryInput = id('query-input');
    this.topKInput = id('topk-input');
    this.thresholdInput = id('threshold-input');
    this.searchButton = id('search-button');
    this.cancelButton = id('cancel-button');
    this.formMessage = id('form-message');
    this.searchError = id('search-error');
    this.searchProgress = id('search-progress');
    this.resultRows = id('result-row');
    this.vectorPanel = id('vector-panel');
    this.vectorToggle = id('vector-toggle');
    this.vectorDims = id('vector-dims');
    this.vectorValues = id('vector-values');
    this.vectorChart = id('vector-chart');
    this.modelStatus = id('model-status');
    this.testModelBanner = id('test-model-banner');
    this.healthError = id('health-error');
    this.liveAnnouncer = id('live-announcer');
  }

  /** Opens the page and waits until it is hydrated and the model status is known. */
  async goto(): Promise<void> {
    await this.page.goto('/');
    // The server renders "Loading model…"; only the hydrated page replaces it with the model's name.
    await this.page.waitForFunction(
      () => !document.querySelector('[data-testid="model-status"]')?.textContent?.includes('Loading model'),
      undefined,
      { timeout: 30_000 },
    );
    await this.waitForWorkspaceLoaded();
  }

  /** The saved knowledge bases (or a share link) have been read and replaced the server-rendered example. */
  async waitForWorkspaceLoaded(): Promise<void> {
    await this.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="kb-save-status"]')?.getAttribute('data-state') !== 'loading',
    );
  }

  /**
   * What the page has written to IndexedDB (hooks/use-workspace.ts: database "semantic-radar",
   * store "state", key "workspace"), read with the browser's own IndexedDB API; null when nothing yet.
   */
  storedWorkspace(): Promise<Workspace | null> {
    return this.page.evaluate(
      () =>
        new Promise<Workspace | null>((resolve, reject) => {
          const open = indexedDB.open('semantic-radar');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('state')) return resolve(null);
            const get = db.transaction('state').objectStore('state').get('workspace');
            get.onsuccess = () => resolve((get.result as Workspace | undefined) ?? null);
            get.onerror = () => reject(get.error);
          };
        }),
    );
  }

  /** Waits until the page has written its state to IndexedDB (saving is debounced after typing). */
  async waitForSaved(): Promise<void> {
    await this.page.waitForFunction(
      () => document.querySelector('[data-testid="kb-save-status"]')?.getAttribute('data-state') === 'saved',
    );
  }

  async health(): Promise<Health> {
    const response = await this.page.request.get('/api/health');
    return (await response.json()) as Health;
  }

  /**
   * Hands the browser the health answer a loading or broken server gives (states the shared test
   * server cannot be put in on demand); the body has lib/schemas.ts's shape. Undo with
   * `page.unroute('**\/api/health')`.
   */
  async mockHealth(status: 'loading' | 'error', message?: string): Promise<void> {
    const body = {
      status,
      message,
      workerRestarts: 0,
      // No queue: it exists once the model is loaded.
      limits: DEFAULT_LIMITS,
    };
    await this.page.route('**/api/health', (route) => route.fulfill({ status: 503, json: body }));
  }

  async setKnowledgeBase(entries: readonly string[] | string): Promise<void> {
    await this.kbInput.fill(typeof entries === 'string' ? entries : entries.join('\n'));
  }

  /**
   * Puts a large knowledge base in at once. Typing (or Chromium's insertText, which `fill` uses)
   * takes ~10 s for 300 KB of text even in a bare textarea; setting the value and firing `input`
   * reaches React's onChange just the same.
   */
  async replaceKnowledgeBase(entries: readonly string[]): Promise<void> {
    await this.kbInput.evaluate((element, value) => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      setValue?.call(element, value);
      element.dispatchEvent(new Event('input', { bubbles: true }));
    }, entries.join('\n'));
  }

  async setQuery(query: string): Promise<void> {
    await this.queryInput.fill(query);
  }

  async setOptions({ topK, threshold }: { topK?: number; threshold?: number | string }): Promise<void> {
    if (topK !== undefined) await this.topKInput.fill(String(topK));
    if (threshold !== undefined) await this.thresholdInput.fill(String(threshold));
  }

  waitForSearchRequest(): Promise<Request> {
    return this.page.waitForRequest(
      (request) => new URL(request.url()).pathname === '/api/search' && request.method() === 'POST',
    );
  }

  waitForSearchResponse(): Promise<Response> {
    return this.page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/api/search' && response.request().method() === 'POST',
    );
  }

  /**
   * Triggers a search (click by default), waits for the page to settle, and returns the request the
   * page sent together with the server's answer to it. The answer is fetched again as plain JSON:
   * the model is deterministic (and the vectors cached), and a streamed body cannot be read back
   * reliably through devtools.
   */
  async search(trigger: 'click' | 'enter' = 'click'): Promise<SearchOutcome> {
    const requestPromise = this.waitForSearchRequest();
    const responsePromise = this.waitForSearchResponse();
    if (trigger === 'click') await this.searchButton.click();
    else await this.queryInput.press('Enter');
    const request = await requestPromise;
    await responsePromise;
    const sent = request.postDataJSON() as SearchRequest;
    const outcome = await this.replaySearch(sent);
    await this.waitForSettled(outcome.result !== undefined);
    return { ...outcome, request: sent, accept: request.headers().accept ?? '' };
  }

  /** Waits until Search can be pressed again and the results (or the error) of the last search show. */
  async waitForSettled(expectResults = true): Promise<void> {
    await this.page.waitForFunction((hasResults) => {
      const button = document.querySelector('[data-testid="search-button"]');
      if (!button || button.getAttribute('aria-disabled') === 'true') return false;
      if (!hasResults) return document.querySelector('[data-testid="search-error"]') !== null;
      return document.querySelector('[data-testid="result-list"]')?.getAttribute('data-stale') === 'false';
    }, expectResults);
  }

  /** Counts the searches the page sends from now on (to prove that a change needed no request). */
  countSearchRequests(): { readonly count: number } {
    const counter = { count: 0 };
    this.page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/search' && request.method() === 'POST')
        counter.count += 1;
    });
    return counter;
  }

  /** The rows shown as matches (above the threshold), not the collapsed weaker ones. */
  confidentRows(): Locator {
    return this.page.getByTestId('confident-results').getByTestId('result-row');
  }

  /** What the server answers to `request`, as plain JSON. */
  async replaySearch(request: SearchRequest): Promise<Omit<SearchOutcome, 'request' | 'accept'>> {
    const response = await this.page.request.post('/api/search', {
      data: request,
      headers: { Accept: 'application/json' },
    });
    const json = (await response.json()) as SearchResponse | { error: { code: string; message: string } };
    return 'error' in json
      ? { status: response.status(), error: json.error }
      : { status: response.status(), result: json };
  }

  async readResults(): Promise<ResultRowView[]> {
    // This callback is serialised and run in the page, so no helper functions inside: a transpiler may
    // wrap a named function in a helper call (tsx adds `__name`) that does not exist in the page.
    return this.resultRows.evaluateAll((rows) =>
      rows.map((row) => {
        const bar = row.querySelector('[data-testid="result-bar"]');
        const fill = bar?.firstElementChild;
        return {
          rank: Number(
            (row.querySelector('[data-testid="result-rank"]')?.textContent ?? '').replace(/\D/g, ''),
          ),
          text: row.querySelector('[data-testid="result-text"]')?.textContent ?? '',
          scoreText: row.querySelector('[data-testid="result-score"]')?.textContent ?? '',
          barValue: Number(bar?.getAttribute('aria-valuenow')),
          barMin: Number(bar?.getAttribute('aria-valuemin')),
          barMax: Number(bar?.getAttribute('aria-valuemax')),
          aboveThreshold: bar?.getAttribute('data-above-threshold') === 'true',
          fillColor: fill ? getComputedStyle(fill).backgroundColor : '',
        };
      }),
    );
  }

  /** Searches and returns the answer, which must carry the teaching views' `explain` data. */
  async searchWithExplain(): Promise<SearchResponse> {
    const outcome = await this.search();
    if (!outcome.result?.explain) throw new Error('the page asks for explain and gets it');
    return outcome.result;
  }

  /** Opens one of the teaching views' panels (components/teaching-views.tsx) by its id. */
  async openTeachingPanel(id: 'map' | 'heatmap' | 'tokens' | 'facts'): Promise<void> {
    await this.page.getByTestId(`${id}-toggle`).click();
    await this.page.waitForFunction(
      (panel) =>
        (document.querySelector(`[data-testid="${panel}-panel"]`) as HTMLDetailsElement | null)?.open ===
        true,
      id,
    );
  }

  async openVectorPanel(): Promise<void> {
    await this.vectorToggle.click();
    await this.page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="vector-panel"]') as HTMLDetailsElement | null)?.open === true,
    );
  }
}
