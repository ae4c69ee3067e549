// @ts-check

const isDev = process.env.NODE_ENV !== 'production';

/**
 * Content-Security-Policy: everything from our own origin. Next's App Router bootstraps with inline
 * scripts, hence 'unsafe-inline' for scripts (nonces would force every page to render dynamically);
 * dev mode's hot reload also needs eval. User text is rendered as text, never as HTML.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? ' ws:' : ''}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: csp },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and heavy ML packages stay out of the server bundle (Next 16 already does this; named for clarity).
  serverExternalPackages: ['onnxruntime-node', '@huggingface/transformers', 'lmdb'],
  poweredByHeader: false,
  // `next dev` blocks its dev resources for hosts other than localhost; tests and docs use 127.0.0.1.
  allowedDevOrigins: ['127.0.0.1'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
