import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native addons and the ONNX runtime must stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'sharp', 'onnxruntime-node', 'bullmq', 'ioredis', 'postgres'],
  poweredByHeader: false,
};

export default nextConfig;
