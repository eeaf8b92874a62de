/**
 * What decides an image: the one definition the pipeline runs, checkpoints fingerprint and
 * generation rows store (with the model and upload id around it).
 */
export interface GenerationRequest {
  prompt: string;
  negativePrompt: string;
  /** Pixels; multiples of 8. */
  width: number;
  height: number;
  steps: number;
  /** Classifier-free guidance scale; 1 or less runs the prompt alone, at half the cost. */
  guidance: number;
  /** Safe non-negative integer. */
  seed: number;
  /** Images, denoised together; image i from seed imageSeed(seed, i). Absent: 1. */
  n?: number;
  /** One of SAMPLER_NAMES; job rows store it as a plain string, so it is checked here. */
  sampler: string;
  /** Image to image: the start image as 8-bit RGB (HWC) at width x height, and how far to move from it. */
  init?: {
    rgb: Uint8Array;
    strength: number;
    /** Inpainting: width*height bytes, 255 = repaint, 0 = keep (a hard or soft mask at image size). */
    mask?: Uint8Array;
    /** Feather radius in pixels of the final composite's mask edge, outward from the mask (default 4; 0 = hard edge). */
    maskFeather?: number;
  };
}
