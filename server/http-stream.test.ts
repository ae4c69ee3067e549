/**
 * Large answers are written from the float arrays a slice at a time, as the client reads (issue 12,
 * finding 4): a client that stops reading holds the vectors, not a JSON copy of all of them.
 */
import { describe, expect, test } from 'vitest';
import { jsonResponseStreamingRows, jsonResponseStreamingVectors, vectorJson } from './http';

const vectors = Array.from({ length: 100 }, (_, i) => Float32Array.from([i, -i / 3, 0.1 * i]));

describe('jsonResponseStreamingVectors', () => {
  test('the streamed body is exactly the JSON of the whole answer', async () => {
    const response = jsonResponseStreamingVectors({ model: 'm', dims: 3 }, 'embeddings', vectors);
    const whole = { embeddings: vectors.map((v) => Array.from(v)), model: 'm', dims: 3 };
    expect(await response.text()).toBe(JSON.stringify(whole));
  });

  test('rows are serialised as the client reads them, not all before the first byte', async () => {
    let serialised = 0;
    const rowJson = (i: number) => {
      serialised++;
      return vectorJson(vectors[i] as Float32Array);
    };
    const response = jsonResponseStreamingRows({}, 'data', vectors.length, rowJson, () => {}, 10);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect(serialised).toBeLessThan(vectors.length / 2);
    while (!(await reader.read()).done);
    expect(serialised).toBe(vectors.length);
  });

  test('a client that goes away mid-answer releases the answer once', async () => {
    let released = 0;
    const response = jsonResponseStreamingVectors({}, 'embeddings', vectors, () => released++, 10);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    expect(released).toBe(1);
  });
});

test('a value JSON cannot hold is written as null', () => {
  expect(JSON.parse(vectorJson(Float32Array.from([1.5, Number.NaN, Number.POSITIVE_INFINITY])))).toEqual([
    1.5,
    null,
    null,
  ]);
});
