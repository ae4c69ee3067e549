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
  modelStatus: {
    loading: 'Loading model…',
    unavailable: 'Model unavailable',
    unreachable: 'Server unreachable',
    /** Read before the status by screen readers. */
    label: 'Model: ',
    detail: (dims: string, maxTokens: string) => `${dims} dimensions, up to ${maxTokens} tokens`,
    device: (reason: string) => `. Device: ${reason}`,
    notAvailableTitle: 'The model is not available',
    loadFailed: 'The embedding model failed to load',
    /** `detail` is the server's own sentence (English: the API's words). */
    unavailableBody: (detail: string) => `${detail} The server log has the details.`,
    noServer: 'Could not reach the server',
    unreachableBody: (detail: string) => `${detail} The page checks again every few seconds.`,
    testModelTitle: 'Test model: rankings are meaningless',
    /** Parts to lay out in order: the model's id and the command are shown as code. */
    testModelBody: <T>(model: T, command: T) => [
      'The server is running ',
      model,
      ', a generated model with random weights, so the scores below mean nothing. Run ',
      command,
      ', then restart the server, to get the real Qwen3-Embedding-0.6B.',
    ],
  },
  // ---- query and search options
  query: {
    title: 'Semantic query',
    description: 'Ask in your own words; entries are ranked by meaning.',
    label: 'Query',
    placeholder: 'What are you looking for? e.g. 我想吃点东西',
    search: 'Search',
    searching: 'Searching…',
    cancel: 'Cancel',
    shortcuts: 'Ctrl+Enter (⌘+Enter on a Mac) searches from either pane; Esc cancels.',
    blocked: {
      loading:
        'The model is still loading. Press Search anyway and it starts by itself when the model is ready.',
      unavailable:
        'The model is not available (see the message above). Search starts by itself once it is back.',
      unreachable: 'The server cannot be reached. Search starts by itself once it answers again.',
    },
    options: 'Options',
    topK: 'Top K',
    threshold: 'Threshold',
    topKRange: (min: string, max: string) => `a whole number from ${min} to ${max}`,
    thresholdRange: (min: string, max: string) => `a number from ${min} to ${max}`,
    optionsHint: (topKRange: string, thresholdRange: string) =>
      `Top K: how many entries to show (${topKRange}). Threshold (${thresholdRange}): entries scoring above it count as matches. Both apply at once to the scores already computed.`,
    knobs: {
      legend: 'Embedding options',
      dimensions: 'Dimensions',
      full: 'full',
      fullDimensions: (dims: string) => `${dims} (full)`,
      dimensionsHint: 'Keep the first values, re-normalised (Matryoshka); re-ranks without re-embedding.',
      instruction: 'Instruction',
      presets: {
        'web-search': 'Web search retrieval (default)',
        'question-answering': 'Question answering',
        'similar-text': 'Semantically similar text',
        classification: 'Classification',
        clustering: 'Clustering',
        none: 'No instruction',
      },
      customOption: 'Your own instruction…',
      customLabel: 'Your own instruction',
      customPlaceholder: 'e.g. Given a recipe question, retrieve matching recipes',
      instructionHint: 'Changing it re-embeds only the query.',
    },
  },
  // ---- knowledge base pane: named bases, lines, limits
  knowledgeBase: {
    title: 'Knowledge base',
    description: 'Paste your documents, one entry per line. Blank lines are ignored.',
    /** `count` formatted; `n` picks singular or plural. */
    entries: (count: string, n: number) => `${count} ${n === 1 ? 'entry' : 'entries'}`,
    ofAtMost: (max: string) => ` of at most ${max}`,
    entriesLabel: 'Entries',
    charsEach: (max: string) => `up to ${max} characters each`,
    placeholder: '苹果是一种很好吃的水果\n今天北京天气晴朗…',
    exampleRestored: 'Example restored.',
    undo: 'Undo',
    restoreExample: 'Restore the example',
    defaultName: 'My knowledge base',
    newBaseName: 'New knowledge base',
    select: 'Knowledge base',
    new: 'New',
    rename: 'Rename',
    delete: 'Delete',
    newName: 'New name',
    saveName: 'Save name',
    cancel: 'Cancel',
    deleteQuestion: (name: string, lines: string, n: number) =>
      `Delete “${name}” and its ${lines} ${n === 1 ? 'line' : 'lines'}? This cannot be undone.`,
    keep: 'Keep it',
    saveLoading: 'Opening your saved work…',
    saving: 'Saving…',
    saved: 'Saved in this browser',
    storageFull: (chars: string) =>
      `The browser's storage is full: your latest changes (${chars} characters in all) are not saved. Delete a knowledge base you no longer need, or export this one. Nothing on the page is lost while it stays open.`,
    storageUnavailable:
      'This browser does not let the page save (private window or storage turned off): your work lasts only while the page is open.',
    dismiss: 'Dismiss',
  },
  // ---- import, export, share
  importing: {
    fileLabel: 'Import a file',
    button: 'Import a file…',
    modeLabel: 'Imported entries',
    append: 'are added at the end',
    replace: 'replace the text',
    dropHint: (extensions: string) => `${extensions} · or drop a file here`,
    undo: 'Undo',
    unreadable: (file: string) => `Could not import “${file}”: the browser could not read it.`,
    refused: (file: string, reason: string, alreadyHere: string) =>
      `Could not import “${file}”: ${reason}${alreadyHere}. Nothing was changed.`,
    alreadyHere: (entries: string) => ` (${entries} already here)`,
    done: (entries: string, file: string, replaced: boolean) =>
      `Imported ${entries} from “${file}”, ${replaced ? 'replacing the previous text' : 'added at the end'}.`,
    /** Why a file was refused: the middle of `refused`. */
    problems: {
      binary: 'it looks like a binary file, not text',
      encoding: 'it is not UTF-8 text (save it as UTF-8 and try again)',
      unclosedQuote: (row: string) => `row ${row} has a quote that is never closed`,
      notJson: 'it is not valid JSON',
      notList: 'the JSON is not a list (expected an array of strings or of objects with "text")',
      badItem: (item: string) => `item ${item} is neither a string nor an object with a "text" string`,
      badLine: (line: string) => `line ${line} is neither a string nor an object with a "text" string`,
      badJsonLine: (line: string) => `line ${line} is not valid JSON`,
      unsupported: (extensions: string) => `its type is not supported (use ${extensions})`,
      empty: 'it has no entries',
      tooMany: (count: string, max: string) => `it has ${count} entries; at most ${max} fit`,
    },
  },
  exporting: {
    button: 'Export',
    resultsCsv: 'Results as CSV (spreadsheets)',
    resultsJson: 'Results as JSON',
    searchFirst: 'Search first to export results.',
    vectorsJson: 'Knowledge base with vectors (JSON)',
    projector: 'Embedding Projector files (2 TSV)',
    empty: 'The knowledge base is empty: there is nothing to export.',
    progress: (done: string, total: string) => `Getting vectors: ${done} of ${total}…`,
    failed: (reason: string) => `Export failed: ${reason}`,
    cancel: 'Cancel',
  },
  sharing: {
    button: 'Share',
    copied: 'Link copied. Anyone who opens it sees this knowledge base, query and options.',
    copyThis: 'Copy this link:',
    linkLabel: 'Share link',
    tooLong: (length: string, max: string) =>
      `This knowledge base is too large for a link (${length} characters; links longer than ${max} are often cut off). Send the file instead: the other person imports it with “Import a file…”.`,
    downloadJson: 'Download the knowledge base as JSON',
    close: 'Close',
    broken:
      'This share link is damaged or incomplete (perhaps cut off when it was copied), so it could not be opened. Your own knowledge bases are unchanged.',
    opened: (name: string) =>
      `Opened the shared knowledge base as “${name}”. Your own knowledge bases are kept in the list.`,
  },
  longEntries: {
    label: 'Long entries are',
    window: 'scored by their best window',
    mean: 'scored by the mean of their windows',
    truncate: 'cut at the token limit',
  },
  // ---- search progress, status and failures
  search: {
    waiting: 'The model is still loading; your search starts by itself as soon as it is ready.',
    /** Parts in order; `seconds` is shown emphasised. */
    retry: <T>(seconds: T) => [
      'The server is busy. It should have room in ',
      seconds,
      '; the search will be retried then, once.',
    ],
    seconds: (seconds: string) => `${seconds} s`,
    cancel: 'Cancel',
    failed: 'Search failed: ',
    cancelled: 'Search cancelled.',
    showLine: (line: string) => `Show line ${line}`,
    embedding: (done: string, total: string) => `Embedding knowledge base: ${done} / ${total}`,
    searching: 'Searching…',
    progressLabel: 'Embedding progress',
    stale: {
      running: 'Searching again; these are the previous results.',
      failed: 'The last search failed; these results are from the search before it.',
      edited:
        'Out of date: the query or the knowledge base changed since these results. Search again to update them.',
    },
    resultsTitle: 'Results',
    resultsDescription: 'Best match first; weaker matches below the threshold are set apart.',
    /** Parts in order; `search` is the Search button's name, emphasised. */
    noResultsYet: <T>(search: T) => [
      'Results appear here. Press ',
      search,
      ' (or Enter in the query box) to rank the knowledge base by meaning.',
    ],
    announce: {
      failed: (reason: string) => `Search failed: ${reason}`,
      cancelled: 'Search cancelled.',
      waiting: 'Waiting for the model to load; the search will start by itself.',
      retry: 'The server is busy; the search will be retried in a moment.',
      running: 'Searching…',
      noConfidentMatch: (shown: string) =>
        `Search finished: no confident match; ${shown} weaker matches listed.`,
      aboveThreshold: (above: string, shown: string) =>
        `Search finished: ${above} of ${shown} results above the threshold.`,
    },
    footer: 'Semantic Radar · cosine similarity over Qwen3-Embedding vectors, computed on the server',
  },
  errors: {
    page: 'Something went wrong in the page. Try again.',
    server: 'Something went wrong on the server.',
    /** What a refused request field is called (the API's names never reach the page). */
    fields: {
      query: 'The query',
      topK: 'Top K',
      threshold: 'The threshold',
      instruction: 'The instruction',
      dimensions: 'The number of dimensions',
      knowledgeBase: 'The knowledge base',
      other: 'The search',
    },
    /** `detail` is the server's reason, a sentence in the API's English. */
    refusedLine: (line: string, detail: string) => `Line ${line} ${detail}`,
    refusedField: (field: string, detail: string) => `${field} ${detail}`,
    payloadTooLarge:
      'The knowledge base is too large to send in one search. Split it into smaller parts and search each.',
    queueFull: 'The server is busy with other searches. Try again in a moment.',
    modelLoading: 'The model is still loading. The search will be possible in a moment.',
    shuttingDown: 'The server is restarting. Try again in a moment.',
    tryAgain: (detail: string) => `${detail} Try again in a moment.`,
    other: (detail: string) => detail,
    // The form, checked before sending.
    emptyBase: 'The knowledge base is empty: add at least one entry, one per line.',
    emptyQuery: 'Type a query to search for.',
    topK: (range: string) => `Top K must be ${range}.`,
    threshold: (range: string) => `Threshold must be ${range}.`,
    cannotSend: 'This search cannot be sent; check the query and the options.',
    queryTooLong: (chars: string, max: string) =>
      `The query has ${chars} characters; this server takes at most ${max}. Shorten it.`,
    tooManyEntries: (count: string, max: string) =>
      `The knowledge base has ${count} entries; this page searches at most ${max} at once. Split it into smaller knowledge bases and search each.`,
    lineTooLong: (line: string, chars: string, max: string) =>
      `Line ${line} has ${chars} characters; this server takes at most ${max} per entry. Shorten it or split it over several lines.`,
  },
  // ---- results
  results: {},
  // ---- the query's vector
  vector: {},
  // ---- teaching views: map, heatmap, tokens, dimensions, instruction
  teaching: {},
  // ---- theme switch
  theme: {},
};

export type Messages = typeof en;
