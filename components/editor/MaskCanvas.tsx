'use client';
import { useEffect, useState, type RefObject } from 'react';
import type { EditSource } from './edit-request';
import type { MaskPainting } from './use-mask-painting';

type Props = {
  source: EditSource;
  canvasRef: MaskPainting['canvasRef'];
  handlers: MaskPainting['handlers'];
  coverage: number;
  feather: number;
  erasing: boolean;
};

/** Display pixels per image pixel, followed as the layout resizes, for the feather preview. */
function useDisplayScale(ref: RefObject<HTMLCanvasElement | null>, width: number) {
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setScale(el.clientWidth / width));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, width]);
  return scale;
}

/**
 * The image with the mask canvas over it. The canvas has the image's pixel size and is scaled for
 * display; `touch-action: none` keeps a finger painting instead of scrolling the page. The blur
 * previews the feather the server applies.
 */
export function MaskCanvas({ source, canvasRef, handlers, coverage, feather, erasing }: Props) {
  const scale = useDisplayScale(canvasRef, source.width);
  return (
    <div
      className="relative mx-auto overflow-hidden rounded-lg bg-ink"
      style={{ aspectRatio: `${source.width} / ${source.height}`, width: `min(100%, calc(70vh * ${source.width / source.height}))` }}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- a signed, expiring URL */}
      <img src={source.url} alt={`Image to edit: ${source.prompt}`} className="img-smooth absolute inset-0 h-full w-full object-contain" draggable={false} />
      <canvas
        ref={canvasRef}
        width={source.width}
        height={source.height}
        role="img"
        aria-label={`Mask over the image: paint what to repaint. ${Math.round(coverage * 100)}% masked.`}
        data-testid="mask-canvas"
        className={`absolute inset-0 h-full w-full touch-none opacity-55 ${erasing ? 'cursor-cell' : 'cursor-crosshair'}`}
        style={{ filter: feather > 0 ? `blur(${(feather * scale) / 2}px)` : undefined }}
        {...handlers}
      />
    </div>
  );
}
