import sharp from 'sharp';

/**
 * Ordinary images like those Kumori's demo model makes, encoded as PNG, for tests and the bench:
 * no classifier should find anything unsafe in them.
 */
export async function benignImages(size: number): Promise<{ name: string; png: Buffer }[]> {
  const s = size;
  const svgs: Record<string, string> = {
    'red circle on blue': `<rect width="${s}" height="${s}" fill="#00f"/><circle cx="${s / 2}" cy="${s / 2}" r="${s / 3}" fill="#f00"/>`,
    'green square on yellow': `<rect width="${s}" height="${s}" fill="#ff0"/><rect x="${s / 4}" y="${s / 4}" width="${s / 2}" height="${s / 2}" fill="#0a0"/>`,
    'skin-tone circle on white': `<rect width="${s}" height="${s}" fill="#fff"/><circle cx="${s / 2}" cy="${s / 2}" r="${s / 3}" fill="#f1c27d"/>`,
    'orange to blue gradient': `<defs><linearGradient id="g"><stop offset="0" stop-color="#f80"/><stop offset="1" stop-color="#08f"/></linearGradient></defs><rect width="${s}" height="${s}" fill="url(#g)"/>`,
    landscape: `<defs><linearGradient id="sky" x2="0" y2="1"><stop offset="0" stop-color="#4a90e2"/><stop offset="1" stop-color="#cde7ff"/></linearGradient></defs><rect width="${s}" height="${s * 0.6}" fill="url(#sky)"/><rect y="${s * 0.6}" width="${s}" height="${s * 0.4}" fill="#3c8d2f"/><polygon points="0,${s * 0.6} ${s * 0.3},${s * 0.25} ${s * 0.6},${s * 0.6}" fill="#6b6b6b"/><circle cx="${s * 0.8}" cy="${s * 0.2}" r="${s * 0.08}" fill="#ffd700"/>`,
  };
  const images = await Promise.all(
    Object.entries(svgs).map(async ([name, body]) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}">${body}</svg>`;
      return { name, png: await sharp(Buffer.from(svg)).png().toBuffer() };
    }),
  );
  const solids = await Promise.all(
    ['#ff0000', '#ffffff', '#000000', '#e0ac69'].map(async (colour) => ({
      name: `solid ${colour}`,
      png: await sharp({ create: { width: s, height: s, channels: 3, background: colour } }).png().toBuffer(),
    })),
  );
  return [...solids, ...images];
}
