import { chromium } from '@playwright/test';
import { randomUUID } from 'node:crypto';

// Time from clicking Generate to the first progress event and to the finished image,
// measured in Chromium against a running app (`npm start`). Prints medians over RUNS.
const BASE = process.env.BENCH_URL ?? 'http://localhost:3000';
const RUNS = Number(process.env.RUNS ?? 5);
const STEPS = Number(process.env.STEPS ?? 20);
const SIZE = Number(process.env.SIZE ?? 512);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage();
  // Socket.IO frames are watched on the wire: the first progress event is when it reaches the tab.
  let firstProgressAt = 0;
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (!firstProgressAt && String(payload).includes('generation:progress')) firstProgressAt = performance.now();
    }),
  );
  await page.goto(`${BASE}/signup`);
  await page.getByLabel('Email').fill(`bench-${randomUUID().slice(0, 8)}@example.com`);
  await page.getByLabel('Password').fill('benchmark-password');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(/\/generate$/);
  await page.getByLabel('Prompt', { exact: true }).fill('a large red circle on a blue background');
  await page.getByLabel('Steps').fill(String(STEPS));
  await page.getByLabel('Width').fill(String(SIZE));
  await page.getByLabel('Height').fill(String(SIZE));

  const resultImage = page.getByRole('img', { name: /^Generated image/ });

  const first: number[] = [];
  const done: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.getByLabel('Seed').fill(String(1000 + i));
    const previous = (await resultImage.count()) > 0 ? await resultImage.getAttribute('src') : null;
    firstProgressAt = 0;
    const clicked = performance.now();
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.waitForFunction(
      (prev) => {
        const img = [...document.querySelectorAll('img')].find((el) => el.alt.startsWith('Generated image'));
        return !!img && img.getAttribute('src') !== prev && img.complete && img.naturalWidth > 0;
      },
      previous,
      { polling: 'raf', timeout: 120_000 },
    );
    done.push(performance.now() - clicked);
    first.push(firstProgressAt ? firstProgressAt - clicked : NaN);
  }
  await browser.close();
  console.log(`click-to-image: ${RUNS} runs, ${SIZE}x${SIZE}, ${STEPS} steps DDIM, guidance 7.5`);
  console.log(`  first progress event:      median ${median(first).toFixed(0)} ms (min ${Math.min(...first).toFixed(0)}, max ${Math.max(...first).toFixed(0)})`);
  console.log(`  finished image displayed: median ${median(done).toFixed(0)} ms (min ${Math.min(...done).toFixed(0)}, max ${Math.max(...done).toFixed(0)})`);
}

main().catch((err) => {
  console.error(`bench failed (is the app running at ${BASE}?):`, err);
  process.exit(1);
});
