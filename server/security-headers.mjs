// @ts-check
/**
 * Headers for every response, said once: next.config.js sets them on what Next answers, the front
 * server (server/front/request-gate.ts) on the refusals it answers itself before Next. The
 * Content-Security-Policy of pages is set per page view by proxy.ts, with a fresh script nonce;
 * user text is rendered as text, never as HTML. Plain JavaScript so that next.config.js can load it.
 */
export const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** API answers are data: nothing in them may run or be framed, whatever a client does with them. */
export const API_CONTENT_SECURITY_POLICY = {
  key: 'Content-Security-Policy',
  value: "default-src 'none'; frame-ancestors 'none'",
};
