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
  results: {
    /** Durations in the line under the results. */
    units: {
      underOneMs: '<1 ms',
      ms: (value: string) => `${value} ms`,
      s: (value: string) => `${value} s`,
    },
    /** Parts with a slot (`<T>`) take an element the component draws (a quote, a bold number). */
    bestMatchesFor: <T>(query: T) => ['Best matches for ', query],
    embeddedWithoutInstruction: ' (embedded without the instruction)',
    aboveCount: (count: string) => `${count} above`,
    aboveThreshold: <T>(count: T, threshold: string) => [count, ` the threshold ${threshold}`],
    noConfidentMatch: (threshold: string) =>
      `No confident match: no entry scores above the threshold ${threshold}. The closest entries are listed below as weaker matches; they are probably not what you are looking for.`,
    weakerMatches: (count: number, formatted: string) =>
      `${formatted} weaker ${count === 1 ? 'match' : 'matches'} (at or below the threshold)`,
    meta: {
      cache: (embedded: string, cached: string) => `Embedded ${embedded}, cached ${cached} · `,
      timing: (total: string, embed: string, rank: string) =>
        `${total} total (embedding ${embed}, ranking ${rank})`,
      answeredBy: <T>(model: T, dtype: string, device: string, tokens: string) => [
        'Answered by ',
        model,
        ` · ${dtype} · ${device} · query ${tokens} tokens`,
      ],
    },
    row: {
      selectLine: (line: string) => `Line ${line}: select it in the knowledge base`,
      line: (line: string) => `line ${line}`,
      showMore: 'Show more',
      showLess: 'Show less',
      truncated: (maxTokens: string) => `Only the first ${maxTokens} tokens were read`,
      windowNote: (count: string, start: string, end: string) =>
        `Best of ${count} windows: characters ${start}–${end} (marked)`,
      scoreLabel: (rank: string) => `Similarity of result ${rank}`,
      scoreValue: (score: string) => `similarity ${score}`,
      thresholdTick: (threshold: string) => `threshold ${threshold}`,
    },
    explainer: {
      question: 'What is this score?',
      cosine: <T>(term: T) => [
        'Each score is the ',
        term,
        ' of two vectors: the query’s and the entry’s. Both have length 1, so the score is their dot product: 1 means the same direction, 0 unrelated, below 0 opposed. It is not a percentage: a bar 79\u00a0% long is a score of 0.79, not a “79\u00a0% match”.',
      ],
      cosineTerm: 'cosine similarity',
      typical: (defaultThreshold: string) =>
        `For Qwen3-Embedding, a relevant pair typically scores around 0.6–0.8 and an unrelated one around 0.1–0.3, which is why the threshold starts at ${defaultThreshold}. Compare scores within one search rather than reading one on its own.`,
      identical:
        'An entry identical to the query scores less than 1 because the query is embedded with a retrieval instruction in front of it (“Given a web search query, retrieve relevant passages…”) and the entries are not. Without the instruction, an identical line scores 1.0000.',
      searchWithInstruction: 'Search again with the instruction',
      compareWithout: 'Compare without the instruction',
    },
    rankMovement: {
      label: 'Ranking compared with full-size vectors',
      rankedWith: <T>(dims: T, fullDims: string, k: string, overlap: T) => [
        'Ranked with ',
        dims,
        ` of ${fullDims} dimensions. Top ${k} overlap with the full-size ranking: `,
        overlap,
        '.',
      ],
      overlap: (shared: string, k: string) => `${shared} of ${k}`,
      move: (rank: string, fullRank: string) => `#${rank}: full-size #${fullRank}`,
      same: 'same rank',
      up: (by: string) => `up ${by}`,
      down: (by: string) => `down ${by}`,
    },
  },
  // ---- the query's vector
  vector: {
    title: 'Behind the scenes: the query vector',
    summary: (shown: string) =>
      `What the model turned your query into: the first ${shown} numbers of its embedding.`,
    runSearchFirst: 'Run a search to see the query’s embedding.',
    theVectorOf: <T>(query: T, how: string) => ['The vector of the query ', query, `, ${how}.`],
    withChosenInstruction: 'embedded with the chosen instruction in front of it',
    withRetrievalInstruction: 'embedded with the retrieval instruction in front of it',
    withoutInstruction: 'embedded without the instruction',
    dimensions: 'Dimensions',
    queryTokens: 'Query tokens',
    shown: 'Shown',
    firstN: (count: string) => `first ${count}`,
    fixedScale: (from: string, to: string) =>
      `Fixed y-axis from ${from} to ${to}, the same for every query (so screenshots compare; taller bars are cut off)`,
    chartDescription: (count: string) =>
      `Bar chart of the first ${count} values of the query vector; the same values are listed below.`,
    valuesHeading: 'Values (4 decimals)',
    chart: {
      xAxis: 'dimension',
      yAxis: 'value',
      tooltip: (dimension: string, value: string) => `dimension ${dimension}: ${value}`,
      positive: 'Positive',
      negative: 'Negative',
    },
    full: {
      showAll: (dims: string) => `Show all ${dims} values`,
      loadFailed: (reason: string) => `Could not load the whole vector: ${reason}`,
      loading: (dims: string) => `Loading all ${dims} values…`,
      allValues: <T>(count: T, sumOfSquares: T) => [
        'All ',
        count,
        ' values. Sum of their squares: ',
        sumOfSquares,
        ' — the vector has length 1, which is why a dot product of two such vectors is their cosine similarity.',
      ],
      copy: 'Copy all values',
      download: 'Download as JSON',
      copied: 'Copied all values to the clipboard.',
      copyRefused: 'The browser did not allow copying; use Download instead.',
      listLabel: (count: string) => `All ${count} values of the query vector`,
    },
  },
  // ---- teaching views: map, heatmap, tokens, dimensions, instruction
  teaching: {
    panels: {
      mapTitle: 'Map of the space',
      mapSummary: (entries: string) =>
        `The ${entries} entries and the query as points: nearby points tend to mean similar things.`,
      heatmapTitle: 'Similarity heatmap',
      heatmapSummary: 'Every entry compared with every other, and with the query.',
      tokensTitle: 'The tokenizer at work',
      tokensSummary: 'The exact text the model reads, cut into the tokens it sees.',
      factsTitle: 'Vector facts and why this score',
      factsSummary: (dims: string, window: string) =>
        `All ${dims} values of the query vector, ${window} at a time, beside any result's.`,
    },
    map: {
      tooSmall: (count: number) =>
        `A map needs at least three entries. With ${count === 1 ? 'one entry' : 'two entries'} there is nothing to spread out: any two points lie on one line, so a 2D picture would only repeat the scores below.`,
      tooSmallEntry: <T>(entry: string, text: T, score: T) => [
        `Entry ${entry} (`,
        text,
        '): cosine with the query ',
        score,
      ],
      percent: (value: string) => `${value} %`,
      variance: (entries: string, dims: string, x: string, y: string, both: string) =>
        `Principal component analysis of the ${entries} entries’ ${dims}-dimensional vectors: the horizontal axis explains ${x} of their variance, the vertical ${y} (${both} in all). The query is placed into this map, not used to draw it.`,
      squeezeNote: (dims: string) =>
        `Squeezing ${dims} dimensions into 2 loses information: points near each other on the map are often, but not always, close in meaning. The cosines shown are from the full vectors, not from the map.`,
      notConverged: ' (The two axes are approximate: the fit stopped before fully settling.)',
      axis: (component: string, share: string) => `PC ${component} (${share})`,
      queryPoint: (query: string) => `Query: ${query}`,
      entryPoint: (entry: string, score: string, text: string) => `Entry ${entry}, cosine ${score}: ${text}`,
      /** The word drawn beside the query's point on the chart. */
      queryMark: 'Query',
      activeQuery: 'Query:',
      entry: (entry: string) => `Entry ${entry}`,
      activeEntry: <T>(entry: T, score: T, text: string) => [
        entry,
        ' · cosine with the query ',
        score,
        `: ${text}`,
      ],
      picked: (entry: string, rank: string, entries: string, amongResults: boolean) =>
        `Picked entry ${entry}: it ranks #${rank} of ${entries}${amongResults ? ', marked in the results above.' : ', below the results shown.'}`,
      legendQuery: 'Query (diamond)',
      legendAbove: (threshold: string) => `Above the threshold (filled) ${threshold}`,
      legendBelow: (threshold: string) => `Below the threshold (hollow) ${threshold}`,
      keyboardHint: 'Click a point, or use the arrow keys and Enter, to mark its row in the results.',
      tableSummary: 'The map as a table',
      tablePoint: 'Point',
      tableAxis: (component: string) => `PC ${component}`,
      tableCosine: 'Cosine',
      tableQuery: 'Query',
    },
    heatmap: {
      subset: (shown: string, entries: string, cells: string) =>
        `Showing the ${shown} entries that score highest for this query, out of ${entries}: all pairs would be ${cells} cells, too many to read.`,
      caption:
        'Cosine similarity of every pair of entries, and of each entry with the query (first row). Each cell is labelled with its pair and score.',
      rowHeader: 'Row',
      query: 'Query',
      entry: (entry: string) => `Entry ${entry}`,
      nearDuplicates: (min: string) => `Near-duplicate pairs (cosine ≥ ${min})`,
      noNearDuplicates: (min: string) => `No two of these entries reach ${min}.`,
      pair: <T>(score: T, a: string, textA: T, b: string, textB: T) => [
        score,
        ` · ${a} `,
        textA,
        ` and ${b} `,
        textB,
      ],
      morePairs: (count: string) => `… and ${count} more pairs.`,
      scale: 'Colour scale: blue is opposed (−1), white unrelated (0), red same direction (+1).',
    },
    tokens: {
      queryHeading: 'The query as the model reads it',
      failed: (reason: string) => `Could not tokenise the query: ${reason}`,
      tokenising: 'Tokenising…',
      /** `prefix` is null when the query has no instruction in front of it. */
      counts: <T>(total: string, prefix: T | null, query: T, eos: T) => [
        `${total} tokens: `,
        ...(prefix === null ? ['no instruction, '] : [prefix, ', ']),
        query,
        ', and ',
        eos,
        ' at the end.',
      ],
      prefixTokens: (count: string) => `${count} for the instruction prefix`,
      queryTokens: (count: string) => `${count} for the query`,
      truncatedTo: (max: string) => ` Truncated to ${max} tokens.`,
      chipsLabel: 'Query tokens in order',
      chipInstruction: ' (instruction)',
      chipEos: ' (end of text: the embedding token)',
      eosNote: <T>(eos: T, id: string) => [
        eos,
        ` (id ${id}) is added at the end. The model reads the tokens left to right; its hidden state at this last token, normalised to length 1, is the embedding. A character split over two tokens is shown once, above both ids.`,
      ],
      entriesHeading: 'Knowledge-base entries (no instruction)',
      entriesSummary: (
        entries: string,
        total: string,
        longest: string,
        cut: number,
        cutText: string,
        max: string,
      ) =>
        `${entries} entries, ${total} tokens in all (end token included), longest ${longest}. ${cut === 0 ? 'None' : cutText} ${cut === 1 ? 'was' : 'were'} cut at the limit of ${max} tokens.`,
      tableEntry: 'Entry',
      tableTokens: 'Tokens',
      tableTruncated: 'Truncated',
      cutAt: (max: string) => `✂ cut at ${max}`,
      notCut: 'no',
      firstRows: (rows: string) => `First ${rows} entries listed; the totals cover all.`,
    },
    facts: {
      dimensions: 'Dimensions',
      norm: 'Length (norm)',
      min: 'Min',
      max: 'Max',
      mean: 'Mean',
      unitLength:
        'Every embedding is scaled to length 1.0 (normalised), so a score compares directions only; with unit vectors the cosine is simply the sum of the products of matching values.',
      firstDimension: 'First dimension shown',
      previous: (size: string) => `Previous ${size}`,
      next: (size: string) => `Next ${size}`,
      compareWith: 'Why this score? Compare with',
      caption: (first: string, last: string, dims: string, result: string | null) =>
        `Dimensions ${first}–${last} of ${dims}: the query${result === null ? '' : ` and result #${result}`}, side by side. The table below lists the same values.`,
      whyHeading: (result: string, score: string) => `Why result #${result} scores ${score}`,
      whySum: <T>(count: string, sum: T) => [
        `The sum of all ${count} products (query value × entry value) is `,
        sum,
        ': the cosine. The dimensions that add the most:',
      ],
      contribution: <T>(dimension: string, query: string, entry: string, product: T) => [
        `dim ${dimension}: ${query} × ${entry} = `,
        product,
      ],
      tableSummary: 'The window as a table',
      dimension: 'Dimension',
      query: 'Query',
      entry: 'Entry',
      product: 'Product',
      /** The chart's tooltip title. */
      dimensionN: (dimension: string) => `Dimension ${dimension}`,
    },
  },
  // ---- theme switch
  theme: {
    label: 'Theme',
    options: { system: 'System', light: 'Light', dark: 'Dark' },
  },
};

export type Messages = typeof en;
