import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native addons, the ONNX runtime and TensorFlow.js (whose wasm and model files are read from
  // node_modules at run time) must stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'sharp', 'onnxruntime-node', 'bullmq', 'ioredis', 'postgres', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'nsfwjs'],
  poweredByHeader: false,
};

export default nextConfig;
