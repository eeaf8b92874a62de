import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native addons, the ONNX runtime and TensorFlow.js (whose wasm and model files are read from
  // node_modules at run time) must stay outside the server bundle, and so must piscina, which starts
  // its worker threads from its own files (the upload pool's thread entry is read from server/uploads/).
  serverExternalPackages: ['@node-rs/argon2', 'sharp', 'onnxruntime-node', 'bullmq', 'ioredis', 'postgres', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'nsfwjs', 'piscina'],
  poweredByHeader: false,
  // Server actions take 1 MB by default; an admin's "check an image" upload may be up to the
  // 10 MB upload limit (a generated 1024² PNG alone is about 1.5 MB).
  experimental: { serverActions: { bodySizeLimit: '11mb' } },
};

export default nextConfig;
