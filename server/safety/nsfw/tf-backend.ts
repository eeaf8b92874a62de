import type { EventEmitter } from 'node:events';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeRequire } from './node-require';

/**
 * 'wasm' (XNNPACK, SIMD, one thread in Node) runs MobileNetV2 about 20x faster than the pure-JS
 * 'cpu' backend; 'cpu' stays selectable for comparison. tfjs-node is ruled out: its install
 * downloads libtensorflow.
 */
export type TfBackend = 'wasm' | 'cpu';

const requireFromHere = nodeRequire(import.meta.url);
let active: { name: TfBackend; ready: Promise<void> } | undefined;

/** TensorFlow.js has one global backend per process, so the first caller's choice sticks. */
export function startTfBackend(name: TfBackend): Promise<void> {
  if (active && active.name !== name) {
    return Promise.reject(new Error(`TensorFlow.js already runs on '${active.name}' in this process; cannot switch to '${name}'`));
  }
  if (!active) {
    const ready = start(name).catch((error: unknown) => {
      active = undefined;
      throw error;
    });
    active = { name, ready };
  }
  return active.ready;
}

async function start(name: TfBackend) {
  // Prod mode skips debug checks and silences the "install tfjs-node" banner the cpu backend prints.
  tf.enableProdMode();
  if (name === 'wasm') {
    // The .wasm binaries ship in the package; a directory path makes Emscripten read them with fs,
    // never fetch.
    const dist = path.dirname(requireFromHere.resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(dist + path.sep);
  }
  const before = processListeners();
  try {
    if (!(await tf.setBackend(name))) throw new Error(`TensorFlow.js could not start its '${name}' backend`);
    await tf.ready();
  } finally {
    removeListenersAddedSince(before);
  }
}

// The wasm backend's Emscripten glue adds process handlers that rethrow every uncaught exception and
// unhandled rejection, so Node reports any later crash in the worker at a 20 KB line of minified
// glue instead of its own stack. Its cleanup is broken, so take them back out here.
const CRASH_EVENTS = ['uncaughtException', 'unhandledRejection'];
const processEvents: EventEmitter = process;

function processListeners() {
  return new Map(CRASH_EVENTS.map((event) => [event, new Set(processEvents.listeners(event))]));
}

function removeListenersAddedSince(before: ReturnType<typeof processListeners>) {
  for (const event of CRASH_EVENTS) {
    for (const listener of processEvents.listeners(event)) {
      if (!before.get(event)?.has(listener)) processEvents.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
}
