'use client';
import { useCallback } from 'react';
import { imageSeed } from '@/domain/generation-params';
import { remixFields, type RemixMode, type RemixSource } from '@/domain/remix';
import type { ActionState } from '@/server/auth/action';
import type { GeneratedImage } from '@/server/realtime/events';
import type { StoredUpload } from '@/server/uploads/store-upload';
import type { FormValues } from '@/domain/generator-form';
import type { GenerationState } from './generation-state';
import type { InitImage } from './InitImagePicker';

type Deps = {
  uploadFromImage: (input: { imageId: string }) => Promise<ActionState<StoredUpload>>;
  setValues: (update: (v: FormValues) => FormValues) => void;
  setInitImage: (image: InitImage | null) => void;
  setAdvancedOpen: (open: boolean) => void;
  /** Tells the user what changed, next to the form. */
  announce: (message: string) => void;
};

const NOTICES: Record<RemixMode, (seed: number) => string> = {
  settings: (seed) => `The form now has that image's settings and its seed (${seed}).`,
  'vary-subtle': () => 'That image is the init image at a subtle strength; press Generate for variations.',
  'vary-strong': () => 'That image is the init image at a strong strength; press Generate for variations.',
  seed: (seed) => `Seed ${seed} is set in Advanced settings.`,
};

/** A feed card's image as a remix source: its generation's settings with the image's own seed. */
export function remixSourceOf(g: GenerationState, image: GeneratedImage): RemixSource {
  const index = Math.max(0, g.images.findIndex((i) => i.id === image.id));
  return { imageId: image.id, seed: imageSeed(g.params.seed, index), params: g.params };
}

/**
 * Fills the form from an image: Use settings, Vary (which first makes an init-image upload of it
 * on the server) and Reuse seed. Resolves to an error message, or null when the form was filled.
 */
export function useRemix({ uploadFromImage, setValues, setInitImage, setAdvancedOpen, announce }: Deps) {
  return useCallback(
    async (source: RemixSource, mode: RemixMode, previewUrl: string): Promise<string | null> => {
      if (mode === 'vary-subtle' || mode === 'vary-strong') {
        const upload = await uploadFromImage({ imageId: source.imageId });
        if (!upload?.ok) return upload?.error.message ?? 'The image could not be prepared for a variation. Try again.';
        setInitImage({ id: upload.id, width: upload.width, height: upload.height, previewUrl });
      } else if (mode === 'settings') {
        setInitImage(null);
      }
      setValues((v) => ({ ...v, ...remixFields(source, mode) }));
      if (mode === 'seed') setAdvancedOpen(true);
      announce(NOTICES[mode](source.seed));
      return null;
    },
    [uploadFromImage, setValues, setInitImage, setAdvancedOpen, announce],
  );
}
