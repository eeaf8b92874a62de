import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { styleDefinitionSchema } from '../../domain/styles/style-schema';
import { previewPathOf, SHIPPED_STYLES } from './shipped-styles';

describe('shipped styles', () => {
  it('all pass the style schema, at least 8 of them with post effects', () => {
    for (const s of SHIPPED_STYLES) expect(styleDefinitionSchema.safeParse(s).error?.issues ?? [], s.slug).toEqual([]);
    expect(SHIPPED_STYLES.filter((s) => s.effects.length > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('each has its committed preview under public/', () => {
    for (const s of SHIPPED_STYLES) expect(fs.existsSync(path.join('public', previewPathOf(s.slug))), s.slug).toBe(true);
  });
});
