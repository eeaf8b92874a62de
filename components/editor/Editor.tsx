'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EDIT_LIMITS, type Extend } from '@/domain/edit-modes';
import type { ActionState } from '@/server/auth/action';
import type { CreatedGeneration } from '@/server/generations/create';
import { fetchGeneration } from '../generator/generation-state';
import { brushRange } from './brush';
import { DEFAULT_STRENGTH, defaultSteps, editEstimate, editInput, type EditSource, type EditTool } from './edit-request';
import { EditForm, type EditFormValues } from './EditForm';
import { EditResult, type StartedEdit } from './EditResult';
import { ExtendControls, ExtendPreview } from './ExtendPanel';
import { extendTotal, NO_EXTEND } from './extend-presets';
import { MaskCanvas } from './MaskCanvas';
import { MaskTools } from './MaskTools';
import { TOOL_PANEL_ID, toolTabId, ToolTabs } from './ToolTabs';
import { uploadMask } from './upload-mask';
import { useMaskPainting, type BrushMode } from './use-mask-painting';

type Props = {
  source: EditSource;
  initialTool: EditTool;
  create: (input: Record<string, unknown>) => Promise<ActionState<CreatedGeneration>>;
};

const INLINE_FIELDS = new Set(['prompt', 'strength', 'steps', 'extend']);
const EMPTY_MASK = 'Paint over the part of the image to change first: the mask is empty.';
const NO_SIDES = 'Add pixels to at least one side, or pick an aspect ratio.';

export function Editor({ source, initialTool, create }: Props) {
  const qc = useQueryClient();
  const [tool, setTool] = useState<EditTool>(initialTool);
  const [form, setForm] = useState<Record<EditTool, EditFormValues>>(() => {
    const start = (t: EditTool) => ({ prompt: source.prompt, steps: defaultSteps(t, source.steps), strength: DEFAULT_STRENGTH[t] });
    return { inpaint: start('inpaint'), extend: start('extend'), upscale: start('upscale') };
  });
  const sizes = brushRange(source.width, source.height);
  const [brush, setBrush] = useState<{ mode: BrushMode; size: number }>({ mode: 'brush', size: sizes.initial });
  const [feather, setFeather] = useState<number>(EDIT_LIMITS.featherDefault);
  const [extend, setExtend] = useState<Extend>(NO_EXTEND);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Partial<Record<string, string>>>({});
  const [started, setStarted] = useState<StartedEdit | null>(null);
  const { canvasRef, handlers, exportMask, ...maskActions } = useMaskPainting(brush);

  const values = form[tool];
  // A refusal about the mask or the sides is out of date once they change.
  const shownError = (error === EMPTY_MASK && maskActions.coverage > 0) || (error === NO_SIDES && extendTotal(extend) > 0) ? null : error;
  const estimate = editEstimate(tool, source, values, extend);

  function chooseTool(next: EditTool) {
    setTool(next);
    setError(null);
    setFields({});
    // The address names the tool, so a reload or a shared link opens the same one.
    const url = new URL(window.location.href);
    url.searchParams.set('tool', next);
    window.history.replaceState(null, '', url);
  }

  async function submit() {
    setError(null);
    setFields({});
    if (tool === 'extend' && extendTotal(extend) === 0) return setError(NO_SIDES);
    setBusy(true);
    try {
      let maskId: string | undefined;
      if (tool === 'inpaint') {
        const mask = await exportMask();
        if (!mask) return setError(EMPTY_MASK);
        const uploaded = await uploadMask(mask);
        if (!uploaded.ok) return setError(uploaded.error.message);
        maskId = uploaded.id;
      }
      const result = await create(editInput(tool, source, { ...values, feather }, { maskId, extend })).catch(() => null);
      if (!result) return setError('The server could not be reached; try again.');
      if (!result.ok) {
        const shown = result.error.fields ?? {};
        setFields(shown);
        // Fields without a control of their own here (mask, mode, model…) are named in the message.
        const others = Object.entries(shown).filter(([k]) => !INLINE_FIELDS.has(k)).map(([, m]) => m);
        return setError([result.error.message, ...others].join(' '));
      }
      const initial = await fetchGeneration(result.id).catch(() => undefined);
      if (initial) qc.setQueryData(['generation', result.id], initial);
      setStarted({ id: result.id, initial, extend: tool === 'extend' ? extend : undefined });
      qc.setQueryData(['me'], (me: { balance: number } | undefined) => (me ? { ...me, balance: result.balance } : me));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <ToolTabs tool={tool} onChange={chooseTool} />
      <div id={TOOL_PANEL_ID} role="tabpanel" aria-labelledby={toolTabId(tool)} className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_320px] lg:items-start">
        <section aria-label="Original" className="min-w-0 space-y-3">
          <h2 className="text-sm font-medium text-zinc-300">Original <span className="font-normal text-muted">· {source.width} × {source.height}</span></h2>
          <div className={tool === 'inpaint' ? 'space-y-3' : 'hidden'}>
            <MaskCanvas source={source} canvasRef={canvasRef} handlers={handlers} coverage={maskActions.coverage} feather={feather} erasing={brush.mode === 'eraser'} />
            <MaskTools
              actions={maskActions}
              mode={brush.mode}
              onMode={(mode) => setBrush((b) => ({ ...b, mode }))}
              size={brush.size}
              sizeRange={sizes}
              onSize={(size) => setBrush((b) => ({ ...b, size }))}
              feather={feather}
              onFeather={setFeather}
            />
          </div>
          {tool === 'extend' && (
            <>
              <ExtendPreview source={source} extend={extend} />
              <ExtendControls source={source} extend={extend} onChange={setExtend} errors={fields.extend} />
            </>
          )}
          {tool === 'upscale' && (
            // eslint-disable-next-line @next/next/no-img-element -- a signed, expiring URL
            <img src={source.url} alt={`Image to upscale: ${source.prompt}`} className="img-smooth mx-auto w-full max-w-[640px] rounded-lg object-contain" />
          )}
        </section>
        <div className="min-w-0 lg:col-start-3 lg:row-start-1">
          <EditForm
            tool={tool}
            values={values}
            onChange={(v) => setForm((f) => ({ ...f, [tool]: v }))}
            estimate={estimate}
            busy={busy}
            error={shownError}
            fields={fields}
            onSubmit={() => void submit()}
          />
        </div>
        <section aria-label="Result" className="min-w-0 space-y-3 lg:col-start-2 lg:row-start-1">
          <h2 className="text-sm font-medium text-zinc-300">Result</h2>
          <EditResult source={source} started={started} />
        </section>
      </div>
    </div>
  );
}
