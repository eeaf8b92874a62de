import 'server-only';
import { SAMPLERS, SAMPLER_LABELS } from '../../domain/samplers';
import { db } from '../db/client';
import { registeredModels } from '../models/registry';
import { listAllStyles } from '../styles/list-styles';

export type GalleryFilterOptions = {
  models: { value: string; label: string }[];
  samplers: { value: string; label: string }[];
  styles: { value: string; label: string }[];
  sizes: string[];
};

const COMMON_SIZES = ['512x512', '768x768', '1024x1024', '512x768', '768x512', '640x384', '384x640'];

/**
 * What the filter controls offer: the catalogue (registered models, sampler names, every style,
 * retired ones too), not the distinct values of the user's own images, which at 100k images is a
 * 200 ms scan on every page view.
 */
export async function galleryFilterOptions(): Promise<GalleryFilterOptions> {
  const [models, styles] = await Promise.all([registeredModels(db()), listAllStyles()]);
  return {
    models: models.map((m) => ({ value: m.id, label: m.displayName })),
    samplers: SAMPLERS.map((s) => ({ value: s, label: SAMPLER_LABELS[s] })),
    styles: styles.map((s) => ({ value: s.slug, label: s.name })),
    sizes: COMMON_SIZES,
  };
}
