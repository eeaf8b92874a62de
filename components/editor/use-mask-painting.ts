'use client';
import { useRef, useState, type PointerEvent } from 'react';
import { invertMask, maskCoverage, toBlackWhite } from './mask-ops';

export type BrushMode = 'brush' | 'eraser';
export type MaskPainting = ReturnType<typeof useMaskPainting>;

/** The overlay's colour; the canvas is shown half transparent, so strokes tint the image. */
export const MASK_COLOR = [255, 72, 120] as const;
const UNDO_LEVELS = 20;

/**
 * Painting on a canvas that holds the mask at the image's own pixel size: pointer events (mouse,
 * pen and touch alike) mapped from the displayed size, round strokes, and an undo stack of
 * snapshots taken before each change.
 */
export function useMaskPainting(brush: { mode: BrushMode; size: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const history = useRef<ImageData[]>([]);
  const last = useRef<{ x: number; y: number; id: number } | null>(null);
  const [undoCount, setUndoCount] = useState(0);
  const [coverage, setCoverage] = useState(0);

  const context = () => canvasRef.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  const pixels = () => {
    const c = canvasRef.current;
    return c ? c.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, c.width, c.height) : null;
  };
  const measure = () => setCoverage(maskCoverage(pixels()?.data ?? new Uint8ClampedArray(0)));

  const snapshot = () => {
    const data = pixels();
    if (!data) return;
    history.current.push(data);
    if (history.current.length > UNDO_LEVELS) history.current.shift();
    setUndoCount(history.current.length);
  };

  const toCanvas = (e: PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * c.width) / r.width, y: ((e.clientY - r.top) * c.height) / r.height };
  };

  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = context();
    if (!ctx) return;
    ctx.globalCompositeOperation = brush.mode === 'eraser' ? 'destination-out' : 'source-over';
    ctx.strokeStyle = ctx.fillStyle = `rgb(${MASK_COLOR.join(' ')})`;
    ctx.lineWidth = brush.size;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    // A click without movement still leaves a dot.
    ctx.beginPath();
    ctx.arc(to.x, to.y, brush.size / 2, 0, Math.PI * 2);
    ctx.fill();
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0 || last.current) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    snapshot();
    const p = toCanvas(e);
    last.current = { ...p, id: e.pointerId };
    stroke(p, p);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!last.current || last.current.id !== e.pointerId) return;
    const p = toCanvas(e);
    stroke(last.current, p);
    last.current = { ...p, id: e.pointerId };
  };
  const onPointerEnd = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!last.current || last.current.id !== e.pointerId) return;
    last.current = null;
    measure();
  };

  const undo = () => {
    const previous = history.current.pop();
    setUndoCount(history.current.length);
    if (previous) context()?.putImageData(previous, 0, 0);
    measure();
  };
  const clear = () => {
    const c = canvasRef.current;
    if (!c) return;
    snapshot();
    context()?.clearRect(0, 0, c.width, c.height);
    measure();
  };
  const invert = () => {
    const data = pixels();
    if (!data) return;
    snapshot();
    invertMask(data.data, MASK_COLOR);
    context()?.putImageData(data, 0, 0);
    measure();
  };

  /** The mask as the server reads it (opaque PNG, white = repaint), or null when nothing is painted. */
  const exportMask = async (): Promise<Blob | null> => {
    const data = pixels();
    if (!data || maskCoverage(data.data) === 0) return null;
    const out = document.createElement('canvas');
    out.width = data.width;
    out.height = data.height;
    out.getContext('2d')!.putImageData(new ImageData(toBlackWhite(data.data), data.width, data.height), 0, 0);
    return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
  };

  return {
    canvasRef,
    handlers: { onPointerDown, onPointerMove, onPointerUp: onPointerEnd, onPointerCancel: onPointerEnd },
    undo,
    clear,
    invert,
    canUndo: undoCount > 0,
    coverage,
    exportMask,
  };
}
