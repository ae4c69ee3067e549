/**
 * The methods each route handler serves, in one table. A route refuses the others with a 405 whose
 * `Allow` lists these (server/http.ts `otherMethods`), and the front server answers the methods Next
 * cannot route at all (TRACE, PROPFIND, …) with the same `Allow`, so both agree on every path.
 * OPTIONS is always allowed: it answers with the list.
 *
 * No `server-only` marker: the front server (server/front/, outside Next's bundle) reads it too.
 */

/** The methods Next's route handlers can be written for (OPTIONS aside). */
export const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** Keyed by the route's folder under app/; `[...name]` is one or more path segments. */
export const SERVED_METHODS = {
  '/api/embed': ['POST'],
  '/api/health': ['GET', 'HEAD'],
  '/api/search': ['POST'],
  '/api/tokenize': ['POST'],
  '/metrics': ['GET', 'HEAD'],
  '/v1/embeddings': ['POST'],
  '/v1/models': ['GET', 'HEAD'],
  '/v1/models/[...model]': ['GET', 'HEAD'],
} as const satisfies Record<string, readonly RouteMethod[]>;

export type RoutePath = keyof typeof SERVED_METHODS;

/** Pages and static files: the app has no server actions, so nothing else. */
export const PAGE_METHODS: readonly RouteMethod[] = ['GET', 'HEAD'];

/** The `Allow` header for a route serving `methods`. */
export function allowHeader(methods: readonly RouteMethod[]): string {
  return [...methods, 'OPTIONS'].join(', ');
}

const CATCH_ALL = /^\[\.\.\.\w+\]$/;

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string;
    if (CATCH_ALL.test(segment)) return got.length > i && got.slice(i).every((s) => s !== '');
    if (got[i] !== segment) return false;
  }
  return got.length === want.length;
}

/** The route handler a request path reaches, or undefined (a page, a static file, or nothing). */
export function routeOf(path: string): RoutePath | undefined {
  return (Object.keys(SERVED_METHODS) as RoutePath[]).find((pattern) => matches(pattern, path));
}
