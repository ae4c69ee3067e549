/**
 * The benchmark corpus: seeded, so every run and every machine embeds the same texts. A realistic
 * mix for a knowledge base: English, Chinese and mixed lines from a few tokens to about 300, most
 * short, a long tail (log-normal lengths).
 */
import { NormalStream } from '../test-model/prng';

const ENGLISH =
  'the of and to in is for on with as by at from that this it be are was an or which about our their more new can will one all has have not your other some time into what up out most than its only may these also how when where after over such first used use make many data model search query vector system user team product market report result results city weather river mountain coffee tea apple banana energy battery solar power health sleep study school history music travel train flight hotel price order account policy security network cloud server request response language meaning answer question'.split(
    ' ',
  );
const CHINESE =
  '我们 今天 北京 上海 天气 晴朗 气温 苹果 香蕉 水果 好吃 东西 学习 工作 公司 产品 市场 用户 数据 模型 搜索 向量 查询 语义 问题 答案 城市 旅行 火车 飞机 酒店 价格 订单 账户 安全 网络 服务器 请求 健康 睡眠 音乐 历史 学校 咖啡 茶 能源 电池 太阳能 河流 山脉 因为 所以 但是 如果 已经 可以 需要 非常 一个 这个 那个 什么 怎么 为什么'.split(
    ' ',
  );

export interface CorpusOptions {
  count: number;
  seed: number;
  /** Median length in tokens (roughly); knowledge-base lines are shorter than documents. */
  medianTokens?: number;
}

type Random = () => number;

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** Roughly one token per English word or Chinese word of this list; lengths 4..300, log-normal. */
function targetLength(stream: NormalStream, median: number): number {
  const gaussian = stream.normal();
  return Math.max(4, Math.min(300, Math.round(median * Math.exp(0.9 * gaussian))));
}

function sentence(random: Random, words: number, language: 'en' | 'zh' | 'mixed'): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) {
    const zh = language === 'zh' || (language === 'mixed' && random() < 0.5);
    parts.push(zh ? pick(random, CHINESE) : pick(random, ENGLISH));
  }
  const text = language === 'zh' ? parts.join('') : parts.join(' ');
  return `${text}${language === 'zh' ? '。' : '.'}`;
}

export function makeCorpus({ count, seed, medianTokens = 40 }: CorpusOptions): string[] {
  const stream = new NormalStream(seed);
  const random = () => stream.uniform();
  return Array.from({ length: count }, (_, i) => {
    const roll = random();
    const language = roll < 0.5 ? 'en' : roll < 0.85 ? 'zh' : 'mixed';
    // Chinese words in this list are ~1.5 tokens each: fewer words for the same token length.
    const words = Math.max(3, Math.round(targetLength(stream, medianTokens) / (language === 'en' ? 1 : 1.5)));
    return `${i}: ${sentence(random, words, language)}`;
  });
}
