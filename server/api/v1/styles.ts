import 'server-only';
import { z } from 'zod';
import { styleEffectSchema } from '../../../domain/styles/effects';
import { styleOverridesSchema } from '../../../domain/styles/style-schema';
import { listActiveStyles } from '../../styles/list-styles';

export const styleListSchema = z.object({
  data: z.array(
    z.object({
      slug: z.string().meta({ description: 'What a request sends as `style`.' }),
      name: z.string(),
      description: z.string(),
      previewUrl: z.string().nullable().meta({ description: 'A small preview the demo model made, a path on this server.' }),
      overrides: styleOverridesSchema.meta({ description: 'Suggested settings, used for the fields a request leaves out.' }),
      effects: z.array(styleEffectSchema).meta({ description: 'Post effects applied to each image, in order.' }),
    }),
  ),
});

/** `GET /api/v1/styles`: the active styles in the order the generator shows them. */
export async function describeStyles(): Promise<z.infer<typeof styleListSchema>> {
  return { data: await listActiveStyles() };
}
