/** The Chinese (simplified) message catalogue: the same keys as en.ts, checked by the Messages type. */
import type { Messages } from './en';

export const zh: Messages = {
  meta: {
    title: 'Semantic Radar 语义雷达',
    description: '粘贴一个知识库，提出问题，按语义查看条目的排序。',
  },
  preferences: {
    switchLanguage: '切换页面语言',
  },
  // ---- header, model status and banners
  header: {
    title: 'Semantic Radar 语义雷达',
    tagline: '按语义而不是关键词查找条目',
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
  results: {
    units: {
      underOneMs: '<1 毫秒',
      ms: (value: string) => `${value} 毫秒`,
      s: (value: string) => `${value} 秒`,
    },
    bestMatchesFor: <T>(query: T) => ['与 ', query, ' 最匹配的条目'],
    embeddedWithoutInstruction: '（查询嵌入时未加指令）',
    aboveCount: (count: string) => `${count} 条`,
    aboveThreshold: <T>(count: T, threshold: string) => [`高于阈值 ${threshold} 的有 `, count],
    noConfidentMatch: (threshold: string) =>
      `没有可信的匹配：没有条目的得分高于阈值 ${threshold}。下面列出的最接近的条目只是较弱的匹配，很可能不是你要找的内容。`,
    weakerMatches: (_count: number, formatted: string) => `${formatted} 条较弱的匹配（不高于阈值）`,
    meta: {
      cache: (embedded: string, cached: string) => `新嵌入 ${embedded} 条，来自缓存 ${cached} 条 · `,
      timing: (total: string, embed: string, rank: string) =>
        `总耗时 ${total}（嵌入 ${embed}，排序 ${rank}）`,
      answeredBy: <T>(model: T, dtype: string, device: string, tokens: string) => [
        '回答模型：',
        model,
        ` · ${dtype} · ${device} · 查询共 ${tokens} 个词元`,
      ],
    },
    row: {
      selectLine: (line: string) => `第 ${line} 行：在知识库中选中这一行`,
      line: (line: string) => `第 ${line} 行`,
      showMore: '展开全文',
      showLess: '收起',
      truncated: (maxTokens: string) => `只读取了前 ${maxTokens} 个词元`,
      windowNote: (count: string, start: string, end: string) =>
        `${count} 个窗口中最匹配的一个：第 ${start}–${end} 个字符（已标出）`,
      scoreLabel: (rank: string) => `第 ${rank} 个结果的相似度`,
      scoreValue: (score: string) => `相似度 ${score}`,
      thresholdTick: (threshold: string) => `阈值 ${threshold}`,
    },
    explainer: {
      question: '这个分数是什么意思？',
      cosine: <T>(term: T) => [
        '每个分数都是两个向量——查询的向量和条目的向量——的',
        term,
        '。两个向量的长度都是 1，所以分数就是它们的点积：1 表示方向相同，0 表示无关，小于 0 表示方向相反。它不是百分比：长度为 79% 的条表示分数 0.79，而不是“79% 匹配”。',
      ],
      cosineTerm: '余弦相似度',
      typical: (defaultThreshold: string) =>
        `对 Qwen3-Embedding 来说，相关的一对文本通常得分约 0.6–0.8，无关的约 0.1–0.3，所以阈值默认从 ${defaultThreshold} 开始。请在同一次搜索内比较分数，不要单独解读某一个分数。`,
      identical:
        '与查询完全相同的条目得分也小于 1，因为查询在嵌入时前面加了一段检索指令（“Given a web search query, retrieve relevant passages…”），而条目没有。不加指令时，完全相同的一行得分为 1.0000。',
      searchWithInstruction: '加上指令重新搜索',
      compareWithout: '不加指令比较一下',
    },
    rankMovement: {
      label: '与完整长度向量的排序比较',
      rankedWith: <T>(dims: T, fullDims: string, k: string, overlap: T) => [
        '按 ',
        dims,
        ` 维（共 ${fullDims} 维）排序。前 ${k} 名与完整长度排序的重合：`,
        overlap,
        '。',
      ],
      overlap: (shared: string, k: string) => `${shared} / ${k}`,
      move: (rank: string, fullRank: string) => `#${rank}：完整长度时 #${fullRank}`,
      same: '名次不变',
      up: (by: string) => `上升 ${by} 名`,
      down: (by: string) => `下降 ${by} 名`,
    },
  },
  // ---- the query's vector
  vector: {
    title: '幕后：查询向量',
    summary: (shown: string) => `模型把你的查询变成了什么：它的嵌入向量的前 ${shown} 个数。`,
    runSearchFirst: '先搜索一次，就能看到查询的嵌入向量。',
    theVectorOf: <T>(query: T, how: string) => ['查询 ', query, ` 的向量，${how}。`],
    withChosenInstruction: '嵌入时前面加上了所选的指令',
    withRetrievalInstruction: '嵌入时前面加上了检索指令',
    withoutInstruction: '嵌入时没有加指令',
    dimensions: '维数',
    queryTokens: '查询词元数',
    shown: '显示',
    firstN: (count: string) => `前 ${count} 个`,
    fixedScale: (from: string, to: string) =>
      `固定纵轴范围 ${from} 到 ${to}，每个查询都一样（便于对比截图；更高的柱会被截断）`,
    chartDescription: (count: string) => `查询向量前 ${count} 个值的柱状图；下方列出了同样的数值。`,
    valuesHeading: '数值（4 位小数）',
    chart: {
      xAxis: '维度',
      yAxis: '数值',
      tooltip: (dimension: string, value: string) => `第 ${dimension} 维：${value}`,
      positive: '正值',
      negative: '负值',
    },
    full: {
      showAll: (dims: string) => `显示全部 ${dims} 个值`,
      loadFailed: (reason: string) => `无法加载完整向量：${reason}`,
      loading: (dims: string) => `正在加载全部 ${dims} 个值…`,
      allValues: <T>(count: T, sumOfSquares: T) => [
        '共 ',
        count,
        ' 个值。它们的平方和：',
        sumOfSquares,
        ' —— 向量的长度为 1，所以两个这样的向量的点积就是它们的余弦相似度。',
      ],
      copy: '复制全部数值',
      download: '下载为 JSON',
      copied: '已把全部数值复制到剪贴板。',
      copyRefused: '浏览器不允许复制，请改用下载。',
      listLabel: (count: string) => `查询向量的全部 ${count} 个值`,
    },
  },
  // ---- teaching views: map, heatmap, tokens, dimensions, instruction
  teaching: {
    panels: {
      mapTitle: '语义空间地图',
      mapSummary: (entries: string) => `把 ${entries} 个条目和查询画成点：相近的点往往意思相近。`,
      heatmapTitle: '相似度热力图',
      heatmapSummary: '每个条目与其他每个条目、以及与查询的比较。',
      tokensTitle: '分词器如何工作',
      tokensSummary: '模型读到的确切文本，以及它被切分成的词元（token）。',
      factsTitle: '向量概况：为什么是这个分数',
      factsSummary: (dims: string, window: string) =>
        `查询向量的全部 ${dims} 个值，每次 ${window} 个，可与任一结果的向量并排对照。`,
    },
    map: {
      tooSmall: (count: number) =>
        `地图至少需要三个条目。只有${count === 1 ? '一个' : '两个'}条目时没有什么可以展开的：任意两个点都在一条直线上，二维图只会重复下面的分数。`,
      tooSmallEntry: <T>(entry: string, text: T, score: T) => [
        `条目 ${entry}（`,
        text,
        '）：与查询的余弦相似度 ',
        score,
      ],
      percent: (value: string) => `${value}%`,
      variance: (entries: string, dims: string, x: string, y: string, both: string) =>
        `对 ${entries} 个条目的 ${dims} 维向量做主成分分析：横轴解释了它们 ${x} 的方差，纵轴解释了 ${y}（合计 ${both}）。查询是被放进这张图里的，并没有参与绘制它。`,
      squeezeNote: (dims: string) =>
        `把 ${dims} 维压缩到 2 维会丢失信息：图上靠得近的点通常（但不一定）意思相近。显示的余弦相似度来自完整的向量，而不是来自这张图。`,
      notConverged: '（两条坐标轴是近似的：拟合在完全收敛之前就停止了。）',
      axis: (component: string, share: string) => `主成分 ${component}（${share}）`,
      queryPoint: (query: string) => `查询：${query}`,
      entryPoint: (entry: string, score: string, text: string) =>
        `条目 ${entry}，余弦相似度 ${score}：${text}`,
      queryMark: '查询',
      activeQuery: '查询：',
      entry: (entry: string) => `条目 ${entry}`,
      activeEntry: <T>(entry: T, score: T, text: string) => [
        entry,
        ' · 与查询的余弦相似度 ',
        score,
        `：${text}`,
      ],
      picked: (entry: string, rank: string, entries: string, amongResults: boolean) =>
        `已选中条目 ${entry}：在 ${entries} 个条目中排第 ${rank} 名${amongResults ? '，已在上面的结果中标出。' : '，排在显示的结果之后。'}`,
      legendQuery: '查询（菱形）',
      legendAbove: (threshold: string) => `高于阈值 ${threshold}（实心）`,
      legendBelow: (threshold: string) => `不高于阈值 ${threshold}（空心）`,
      keyboardHint: '点击一个点，或用方向键和回车键，在结果中标出对应的行。',
      tableSummary: '以表格查看地图',
      tablePoint: '点',
      tableAxis: (component: string) => `主成分 ${component}`,
      tableCosine: '余弦相似度',
      tableQuery: '查询',
    },
    heatmap: {
      subset: (shown: string, entries: string, cells: string) =>
        `只显示 ${entries} 个条目中与这次查询得分最高的 ${shown} 个：全部两两组合会有 ${cells} 个格子，多得看不过来。`,
      caption:
        '每两个条目之间、以及每个条目与查询（第一行）之间的余弦相似度。每个格子都标注了它的两个条目和分数。',
      rowHeader: '行',
      query: '查询',
      entry: (entry: string) => `条目 ${entry}`,
      nearDuplicates: (min: string) => `几乎重复的条目对（余弦相似度 ≥ ${min}）`,
      noNearDuplicates: (min: string) => `这些条目中没有任何两个达到 ${min}。`,
      pair: <T>(score: T, a: string, textA: T, b: string, textB: T) => [
        score,
        ` · ${a} `,
        textA,
        ` 与 ${b} `,
        textB,
      ],
      morePairs: (count: string) => `……还有 ${count} 对。`,
      scale: '色标：蓝色表示方向相反（−1），白色表示无关（0），红色表示方向相同（+1）。',
    },
    tokens: {
      queryHeading: '模型读到的查询',
      failed: (reason: string) => `无法对查询分词：${reason}`,
      tokenising: '正在分词…',
      counts: <T>(total: string, prefix: T | null, query: T, eos: T) => [
        `共 ${total} 个词元：`,
        ...(prefix === null ? ['没有指令，'] : [prefix, '，']),
        query,
        '，以及末尾的 ',
        eos,
        '。',
      ],
      prefixTokens: (count: string) => `${count} 个属于指令前缀`,
      queryTokens: (count: string) => `${count} 个属于查询`,
      truncatedTo: (max: string) => ` 已截断为 ${max} 个词元。`,
      chipsLabel: '按顺序排列的查询词元',
      chipInstruction: '（指令）',
      chipEos: '（文本结束：用来取嵌入向量的词元）',
      eosNote: <T>(eos: T, id: string) => [
        eos,
        `（id ${id}）加在末尾。模型从左到右读这些词元；它在最后这个词元上的隐藏状态，归一化到长度 1，就是嵌入向量。一个被拆成两个词元的字符只显示一次，跨在两个 id 上方。`,
      ],
      entriesHeading: '知识库条目（不加指令）',
      entriesSummary: (
        entries: string,
        total: string,
        longest: string,
        cut: number,
        cutText: string,
        max: string,
      ) =>
        `${entries} 个条目，共 ${total} 个词元（含结束词元），最长 ${longest} 个。${cut === 0 ? '没有条目' : `有 ${cutText} 个条目`}在 ${max} 个词元的上限处被截断。`,
      tableEntry: '条目',
      tableTokens: '词元数',
      tableTruncated: '是否截断',
      cutAt: (max: string) => `✂ 在 ${max} 处截断`,
      notCut: '否',
      firstRows: (rows: string) => `只列出前 ${rows} 个条目；上面的合计包括全部条目。`,
    },
    facts: {
      dimensions: '维数',
      norm: '长度（范数）',
      min: '最小值',
      max: '最大值',
      mean: '平均值',
      unitLength:
        '每个嵌入向量都被缩放到长度 1.0（归一化），所以分数只比较方向；对单位向量来说，余弦相似度就是对应数值乘积之和。',
      firstDimension: '从第几维开始显示',
      previous: (size: string) => `上一组 ${size} 维`,
      next: (size: string) => `下一组 ${size} 维`,
      compareWith: '为什么是这个分数？选择要比较的结果',
      caption: (first: string, last: string, dims: string, result: string | null) =>
        `第 ${first}–${last} 维（共 ${dims} 维）：查询${result === null ? '' : `与第 ${result} 个结果`}并排对照。下面的表格列出了同样的数值。`,
      whyHeading: (result: string, score: string) => `为什么第 ${result} 个结果得分 ${score}`,
      whySum: <T>(count: string, sum: T) => [
        `全部 ${count} 个乘积（查询的值 × 条目的值）之和是 `,
        sum,
        '，也就是余弦相似度。贡献最大的维度：',
      ],
      contribution: <T>(dimension: string, query: string, entry: string, product: T) => [
        `第 ${dimension} 维：${query} × ${entry} = `,
        product,
      ],
      tableSummary: '以表格查看这一段',
      dimension: '维度',
      query: '查询',
      entry: '条目',
      product: '乘积',
      dimensionN: (dimension: string) => `第 ${dimension} 维`,
    },
  },
  // ---- theme switch
  theme: {},
};
