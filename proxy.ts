/**
 * A fresh nonce per page view and the Content-Security-Policy that allows only scripts carrying
 * it: Next reads the nonce from the request's CSP header and puts it on its own scripts, so no
 * inline script runs without it (no 'unsafe-inline' for scripts). Pages must therefore render per
 * request (the root layout awaits `connection()`). API routes and static files are not pages: the
 * matcher skips them, and next.config.js sets the headers every response gets.
 */
import { type NextRequest, NextResponse } from 'next/server';

/**
 * Inline `style` attributes (React, the chart) cannot carry nonces, so styles keep 'unsafe-inline';
 * styles cannot run code. Development needs eval for React's debugging and a websocket for reloads.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|v1/|_next/static|_next/image|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
