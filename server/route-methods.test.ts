import { describe, expect, test } from 'vitest';
import { allowHeader, routeOf } from './route-methods';

describe('routeOf', () => {
  test.each([
    ['/api/search', '/api/search'],
    ['/v1/models', '/v1/models'],
    ['/v1/models/Qwen/Qwen3-Embedding-0.6B', '/v1/models/[...model]'],
    ['/metrics', '/metrics'],
  ])('%s is served by %s', (path, route) => {
    expect(routeOf(path)).toBe(route);
  });

  test.each([['/'], ['/api/nope'], ['/api/search/extra'], ['/v1/models/'], ['/v1'], ['/_next/static/x.js']])(
    '%s has no route handler',
    (path) => {
      expect(routeOf(path)).toBeUndefined();
    },
  );
});

test('Allow lists the served methods and OPTIONS', () => {
  expect(allowHeader(['GET', 'HEAD'])).toBe('GET, HEAD, OPTIONS');
});
