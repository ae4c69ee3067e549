/**
 * The English message catalogue: every word the page shows, in one place. zh.ts has the same shape
 * (the type below makes a missing or misspelt key a type error). Messages that take values are
 * functions, so word order can differ between languages. Each namespace belongs to one area of the
 * page; keep keys in the order the page shows them.
 */
export const en = {
  meta: {
    title: 'Semantic Radar',
    description: 'Paste a knowledge base, ask a question, and see the entries ranked by meaning.',
  },
  preferences: {
    /** Shown on the language switch, which names the other language in its own words. */
    switchLanguage: 'Switch the page to another language',
  },
  // ---- header, model status and banners
  header: {
    title: 'Semantic Radar',
    tagline: 'Find entries by meaning, not by keywords',
  },
  modelStatus: {},
  // ---- query and search options
  query: {},
  // ---- knowledge base pane: named bases, lines, limits
  knowledgeBase: {},
  // ---- import, export, share
  importing: {},
  exporting: {},
  sharing: {},
  longEntries: {},
  // ---- search progress, status and failures
  search: {},
  errors: {},
  // ---- results
  results: {},
  // ---- the query's vector
  vector: {},
  // ---- teaching views: map, heatmap, tokens, dimensions, instruction
  teaching: {},
  // ---- theme switch
  theme: {
    label: 'Theme',
    options: { system: 'System', light: 'Light', dark: 'Dark' },
  },
};

export type Messages = typeof en;
