import { describe, expect, it } from 'vitest';
import { AppError, invalid } from './errors';
import { describeFailure, plainMessage } from './user-message';

const noLines = () => undefined;

describe('plainMessage', () => {
  it('drops file paths and the stack trace from a server message', () => {
    const text =
      'Model file not found: /srv/app/models/qwen/config.json\n    at load (server/embedder.ts:12:3)';
    expect(plainMessage(text)).toBe('Model file not found');
  });
});

describe('describeFailure', () => {
  it('names the line of a refused entry instead of its field', () => {
    const problem = describeFailure(invalid('knowledgeBase[2]', 'is empty'), (i) => [1, 3, 7][i]);
    expect(problem).toEqual({ line: 7, message: 'Line 7 is empty.' });
  });

  it('names a refused option in words', () => {
    expect(describeFailure(invalid('topK', 'must be at most 100'), noLines).message).toBe(
      'Top K must be at most 100.',
    );
  });

  it('tells what to do when the request is too large', () => {
    expect(
      describeFailure(new AppError('payload_too_large', 'body over 4194304 bytes'), noLines).message,
    ).toMatch(/split/i);
  });
});
