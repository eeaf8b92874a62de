import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { loadNsfwClassifier } from '../server/safety/nsfw/classifier';
import { closeUploadPool, processUploadOffThread } from '../server/uploads/upload-pool';
import { validateUploadedImage } from '../server/uploads/validate-image';

// Upload processing with the web's event loop in mind: stored size of a photo-like WebP, and how
// long a health check waits (asked from another process) and how far the event loop lags while
// N uploads are processed at once, the old way (PNG re-encode and NSFW inference on the main
// thread) and the new (re-encode in its own format and classify on the upload thread pool).
// "loop busy" is the share of the time the main thread ran JavaScript or native work: lag with a
// low share is the machine's other threads crowding the CPU, not work blocking the loop.
// Run: npx tsx --conditions=react-server bench/uploads.ts [--uploads 4] [--width 3000 --height 2000]
const { values } = parseArgs({
  options: { uploads: { type: 'string', default: '4' }, width: { type: 'string', default: '3000' }, height: { type: 'string', default: '2000' } },
});
const parallel = Number(values.uploads);
const [width, height] = [Number(values.width), Number(values.height)];
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

/** Fine noise, softened: compresses like a photo (WebP far better than PNG). */
async function photoWebp(): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  let x = 12345;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = x >> 23;
  }
  return sharp(noise, { raw: { width, height, channels: 3 } }).blur(0.8).webp({ quality: 95 }).toBuffer();
}

async function oldWay(bytes: Buffer): Promise<number> {
  const checked = await validateUploadedImage(bytes);
  if (!checked.ok) throw new Error(checked.error.message);
  await (await loadNsfwClassifier()).classify(checked.image.png);
  return checked.image.png.length;
}

async function newWay(bytes: Buffer): Promise<number> {
  const r = await processUploadOffThread(bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.image.bytes.length;
}

/** A health endpoint in this process, polled every 50 ms by a child process that reports its slowest answer. */
async function healthProbe() {
  const server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const script = `let max = 0; const tick = async () => { const t = performance.now(); await fetch('http://127.0.0.1:${port}/'); max = Math.max(max, performance.now() - t); };
    const timer = setInterval(tick, 50); process.on('message', () => { clearInterval(timer); process.send(max, () => process.exit(0)); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    async stop(): Promise<number> {
      const max = new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
      child.send('stop');
      const result = await max;
      server.close();
      return result;
    },
  };
}

async function measure(name: string, run: (bytes: Buffer) => Promise<number>, bytes: Buffer) {
  await run(bytes); // loads the model (in this thread, or in the pool's), when there is one
  const probe = await healthProbe();
  await new Promise((r) => setTimeout(r, 300));
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  const stored = await Promise.all(Array.from({ length: parallel }, () => run(bytes)));
  const wallMs = performance.now() - started;
  lag.disable();
  const busy = performance.eventLoopUtilization(elu).utilization;
  const healthMaxMs = await probe.stop();
  console.log(
    `${name.padEnd(26)} stored ${mb(stored[0]).padStart(8)}  ${parallel} uploads in ${(wallMs / 1000).toFixed(1)} s  ` +
      `event-loop lag max ${(lag.max / 1e6).toFixed(0)} ms (p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms)  health max ${healthMaxMs.toFixed(0)} ms  loop busy ${(busy * 100).toFixed(0)}%`,
  );
}

async function main() {
  const webp = await photoWebp();
  console.log(`input: ${width}x${height} WebP, ${mb(webp.length)}`);
  // What a busy machine costs with no upload at all: the floor for both figures below.
  await measure('idle (3 s, no uploads)', () => new Promise((r) => setTimeout(() => r(0), 3000)), webp);
  await measure('before (PNG, main thread)', oldWay, webp);
  await measure('after (WebP, thread pool)', newWay, webp);
  await closeUploadPool();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
