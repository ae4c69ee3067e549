import { describe, expect, it } from 'vitest';
import { AppError, invalid } from './errors';
import { describeFailure, plainMessage, wordingFor } from './user-message';

const noLines = () => undefined;
const en = wordingFor('en');
const zh = wordingFor('zh');

describe('plainMessage', () => {
  it('drops file paths and the stack trace from a server message', () => {
    const text =
      'Model file not found: /srv/app/models/qwen/config.json\n    at load (server/embedder.ts:12:3)';
    expect(plainMessage(text)).toBe('Model file not found');
  });

  it('gives the fallback when nothing but a path is left', () => {
    expect(plainMessage('/srv/app/models', 'Something went wrong on the server.')).toBe(
      'Something went wrong on the server.',
    );
  });
});

describe('describeFailure', () => {
  it('names the line of a refused entry instead of its field', () => {
    const problem = describeFailure(invalid('knowledgeBase[2]', 'is empty'), (i) => [1, 3, 7][i]);
    expect(problem.line).toBe(7);
    expect(problem.message(en)).toBe('Line 7 is empty.');
  });

  it('names the line of a refused entry in Chinese, quoting the server’s reason', () => {
    const problem = describeFailure(invalid('knowledgeBase[2]', 'is empty'), (i) => [1, 3, 7][i]);
    expect(problem.message(zh)).toBe('服务器拒绝了第 7 行（is empty.）。');
  });

  it('names a refused option in words', () => {
    expect(describeFailure(invalid('topK', 'must be at most 100'), noLines).message(en)).toBe(
      'Top K must be at most 100.',
    );
    expect(describeFailure(invalid('threshold', 'is too low'), noLines).message(zh)).toBe(
      '服务器不接受阈值（is too low.）。',
    );
  });

  it('never shows an API field name it has no words for', () => {
    const problem = describeFailure(invalid('explain.count', 'is not a number'), noLines);
    expect(problem.message(en)).toBe('The search is not a number.');
    expect(problem.message(zh)).not.toContain('explain');
  });

  it('tells what to do when the request is too large, in either language', () => {
    const problem = describeFailure(new AppError('payload_too_large', 'body over 4194304 bytes'), noLines);
    expect(problem.message(en)).toMatch(/split/i);
    expect(problem.message(zh)).toContain('拆成');
  });

  it('says the server is busy in Chinese when its queue is full', () => {
    const problem = describeFailure(new AppError('queue_full', 'The server is busy; retry shortly'), noLines);
    expect(problem.message(zh)).toBe('服务器正忙于其他搜索，请稍后再试。');
  });

  it('words a failure in the page itself without a server reason', () => {
    expect(describeFailure(new TypeError('x is undefined'), noLines).message(zh)).toBe(
      '页面出了问题，请重试。',
    );
  });
});
