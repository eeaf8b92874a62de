import { encodePreviewWebp } from './engine/encode-preview';
import { latentsToPreview, type PreviewProjection } from './engine/preview';

type Publish = (p: { step: number; steps: number; preview: Buffer }) => Promise<void>;

/**
 * Keeps preview work off the denoising loop: a step only projects its latents to RGB (cheap,
 * synchronous); WebP encoding and publishing run beside the next steps, one at a time, and a
 * newer frame replaces one still waiting. The last step is always published, and frames are
 * at least `minIntervalMs` apart so a fast model does not flood the browser.
 */
export class PreviewPublisher {
  private pending: { step: number; steps: number; rgb: Uint8Array; width: number; height: number } | null = null;
  private running: Promise<void> | null = null;
  private lastSentAt = -Infinity;
  private failure: unknown = null;

  constructor(
    private readonly projection: PreviewProjection,
    private readonly publish: Publish,
    private readonly minIntervalMs = 50,
  ) {}

  offer(step: number, steps: number, latents: Float32Array, shape: readonly number[]): void {
    const now = performance.now();
    if (step !== steps && now - this.lastSentAt < this.minIntervalMs) return;
    this.lastSentAt = now;
    const rgb = latentsToPreview(latents, shape, this.projection.factors, this.projection.bias);
    this.pending = { step, steps, rgb, width: shape[3], height: shape[2] };
    this.running ??= this.drain();
  }

  /** Waits until the last offered frame is published; rethrows a publishing failure. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.failure) throw this.failure;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const frame = this.pending;
        this.pending = null;
        const preview = await encodePreviewWebp(frame.rgb, frame.width, frame.height);
        await this.publish({ step: frame.step, steps: frame.steps, preview });
      }
    } catch (err) {
      this.failure = err;
    } finally {
      this.running = null;
    }
  }
}
