import { describe, expect, test } from 'vitest';
import { openAIEmbeddingsSchema } from './openai-schemas';

const schema = openAIEmbeddingsSchema({ maxInputs: 3, maxCharsPerText: 10 });

function issue(body: unknown) {
  const parsed = schema.safeParse(body);
  if (parsed.success) throw new Error('expected a validation error');
  const first = parsed.error.issues[0];
  return { path: first?.path.join('.'), message: first?.message };
}

describe('the /v1/embeddings request schema', () => {
  test('reads a string as one text and an array of strings as texts', () => {
    expect(schema.parse({ input: 'a b' }).input).toEqual({ kind: 'texts', texts: ['a b'] });
    expect(schema.parse({ input: [' a', 'b '] }).input).toEqual({ kind: 'texts', texts: [' a', 'b '] });
  });

  test('reads an array of ints as one row of token ids and an array of int arrays as rows', () => {
    expect(schema.parse({ input: [1, 2] }).input).toEqual({ kind: 'ids', rows: [[1, 2]] });
    expect(schema.parse({ input: [[1], [2, 3]] }).input).toEqual({ kind: 'ids', rows: [[1], [2, 3]] });
  });

  test('defaults to float vectors of documents and ignores fields it does not know', () => {
    const parsed = schema.parse({ input: 'x', user: 'u', whatever: true });
    expect(parsed).toMatchObject({ encoding_format: 'float', input_type: 'document', user: 'u' });
    expect(parsed).not.toHaveProperty('whatever');
  });

  test('names the empty string it refuses', () => {
    expect(issue({ input: ['ok', ''] })).toEqual({ path: 'input.1', message: 'must not be an empty string' });
  });

  test('names the token id that is not a non-negative integer', () => {
    expect(
      issue({
        input: [
          [1, 2],
          [3, 1.5],
        ],
      }).path,
    ).toBe('input.1.1');
    expect(issue({ input: [4, -1] }).path).toBe('input.1');
  });

  test('refuses a mixed array at the first entry of another kind', () => {
    expect(issue({ input: ['a', 2] })).toEqual({
      path: 'input.1',
      message: 'must be a string like the other entries',
    });
  });

  test('holds texts and entries to the configured limits', () => {
    expect(issue({ input: ['a', 'b', 'c', 'd'] }).message).toBe('must have at most 3 entries');
    expect(issue({ input: 'x'.repeat(11) }).message).toBe('must be at most 10 characters');
  });

  test('says a missing input is required', () => {
    expect(issue({ model: 'm' })).toEqual({ path: 'input', message: 'is required' });
  });

  test('accepts only the float and base64 encodings', () => {
    expect(issue({ input: 'x', encoding_format: 'int8' }).path).toBe('encoding_format');
  });
});
