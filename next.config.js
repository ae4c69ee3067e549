// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and heavy ML packages stay out of the server bundle (Next 16 already does this; named for clarity).
  serverExternalPackages: ['onnxruntime-node', '@huggingface/transformers'],
  poweredByHeader: false,
};
export default nextConfig;
