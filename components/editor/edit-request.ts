import { editOutputSize, EDIT_LIMITS, type EditMode, type Extend } from '@/domain/edit-modes';
import { effectiveSteps } from '@/domain/generation-params';
import { priceGeneration } from '@/domain/pricing';

/** The editor's three tools and the generation mode each asks for. */
export type EditTool = 'inpaint' | 'extend' | 'upscale';
export const TOOL_MODE: Record<EditTool, EditMode> = { inpaint: 'inpaint', extend: 'outpaint', upscale: 'upscale' };
export const isEditTool = (v: unknown): v is EditTool => v === 'inpaint' || v === 'extend' || v === 'upscale';

/** The image being edited, as the editor page hands it over, with the settings it was made with. */
export type EditSource = {
  id: string;
  url: string;
  width: number;
  height: number;
  prompt: string;
  negativePrompt: string;
  model: string;
  sampler: string;
  guidance: number;
  steps: number;
};

export type EditSettings = { prompt: string; strength: number; steps: number; feather: number };

/** Strength each tool starts at: repaint fully, except the hires pass, which only refines. */
export const DEFAULT_STRENGTH: Record<EditTool, number> = { inpaint: 1, extend: 1, upscale: EDIT_LIMITS.upscaleStrength };

/**
 * Steps each tool starts at: the image's own, except the hires pass, which at its low strength
 * runs only a fraction of them and needs a fuller schedule to add detail (A1111's hires fix uses 20).
 */
export function defaultSteps(tool: EditTool, imageSteps: number): number {
  return tool === 'upscale' ? Math.max(imageSteps, 20) : imageSteps;
}

/**
 * The createGenerationAction input for an edit. The server derives the size from the image, so
 * none is sent; the image's own model, sampler and guidance carry over so only the masked part changes character.
 */
export function editInput(tool: EditTool, source: EditSource, s: EditSettings, extra: { maskId?: string; extend?: Extend }): Record<string, unknown> {
  const input: Record<string, unknown> = {
    mode: TOOL_MODE[tool],
    initImage: source.id,
    prompt: s.prompt,
    negativePrompt: source.negativePrompt,
    model: source.model,
    sampler: source.sampler,
    guidance: source.guidance,
    steps: s.steps,
    strength: s.strength,
  };
  if (tool === 'inpaint') Object.assign(input, { mask: extra.maskId, maskFeather: s.feather });
  if (tool === 'extend') Object.assign(input, { extend: extra.extend, maskFeather: s.feather });
  if (tool === 'upscale') input.scale = EDIT_LIMITS.scale;
  return input;
}

/** What the edit will make and cost, priced like any generation: output pixels times the steps run. */
export function editEstimate(tool: EditTool, source: EditSource, s: Pick<EditSettings, 'steps' | 'strength'>, extend?: Extend) {
  const size = editOutputSize(TOOL_MODE[tool], source.width, source.height, extend);
  const steps = effectiveSteps({ steps: s.steps, strength: s.strength, initImage: source.id, sampler: source.sampler });
  return { ...size, steps, credits: priceGeneration({ ...size, steps, images: 1 }) };
}
