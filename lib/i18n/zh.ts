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
  results: {},
  // ---- the query's vector
  vector: {},
  // ---- teaching views: map, heatmap, tokens, dimensions, instruction
  teaching: {},
  // ---- theme switch
  theme: {
    label: '主题',
    options: { system: '跟随系统', light: '浅色', dark: '深色' },
  },
};
