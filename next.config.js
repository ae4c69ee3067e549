// @ts-check

/**
 * Headers for every response. The Content-Security-Policy is set per page view by proxy.ts, with a
 * fresh script nonce; user text is rendered as text, never as HTML.
 */
const securityHeaders = [
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
  // The app shows no raster images: without this, /_next/image would resize any local image on request.
  images: { unoptimized: true },
  // `next dev` blocks its dev resources for hosts other than localhost; tests and docs use 127.0.0.1.
  allowedDevOrigins: ['127.0.0.1'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // API answers are data: nothing in them may run or be framed, whatever a client does with them.
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
