/** The example the page starts with: Chinese food and weather lines, and a query that matches one exactly. */
export const EXAMPLE_KNOWLEDGE_BASE = [
  '苹果是一种很好吃的水果',
  '香蕉富含钾元素,有助于肌肉恢复',
  '我想吃点东西',
  '今天北京天气晴朗,气温25度',
].join('\n');
export const EXAMPLE_QUERY = '我想吃点东西';
