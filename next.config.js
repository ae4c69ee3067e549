// @ts-check

import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './server/security-headers.mjs';

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
      { source: '/:path*', headers: [...SECURITY_HEADERS] },
      { source: '/api/:path*', headers: [API_CONTENT_SECURITY_POLICY] },
    ];
  },
};

export default nextConfig;
