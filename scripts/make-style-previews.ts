// Renders each shipped style's preview with the shipped demo model through the real engine and
// post effects, into public/styles/<slug>.webp (committed). Run after changing a shipped style:
//   npx tsx --conditions=react-server scripts/make-style-previews.ts [slug ...]
// One subject and seed for all, so the previews compare the styles and nothing else.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expandPrompts } from '../domain/styles/expand';
import { previewPathOf, SHIPPED_STYLES } from '../server/styles/shipped-styles';
import { generate } from '../worker/engine/pipeline';
import { loadModel } from '../worker/models/load-model';
import { applyStyleEffects } from '../worker/postprocess/style-effects';

const MODEL_DIR = path.resolve(__dirname, '..', 'worker', 'models', 'kumori-demo');
const SUBJECT = { prompt: 'a large orange circle in the centre on a blue background', negativePrompt: '' };
const BASE = { width: 128, height: 128, steps: 20, guidance: 7.5, sampler: 'ddim', seed: 42 };

async function main() {
  const only = process.argv.slice(2);
  const model = await loadModel(MODEL_DIR, { executionProvider: 'cpu' });
  try {
    for (const style of SHIPPED_STYLES.filter((s) => only.length === 0 || only.includes(s.slug))) {
      const expanded = expandPrompts(style, SUBJECT);
      if (!expanded.ok) throw new Error(`${style.slug}: ${expanded.message}`);
      const { width, height, ...rest } = { ...BASE, ...style.overrides };
      const out = await generate(model, { ...rest, width, height, ...expanded.value });
      const img = await applyStyleEffects({ rgb: out.images[0].rgb, width: out.width, height: out.height }, style.effects, BASE.seed);
      const file = path.join(__dirname, '..', 'public', previewPathOf(style.slug));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } }).resize(128, 128).webp({ quality: 82 }).toFile(file);
      console.log(`${style.slug}: ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await model.release();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
