'use client';
import { useRef, type KeyboardEvent } from 'react';
import type { EditTool } from './edit-request';

const TOOLS: { tool: EditTool; label: string }[] = [
  { tool: 'inpaint', label: 'Inpaint' },
  { tool: 'extend', label: 'Extend' },
  { tool: 'upscale', label: 'Upscale x2' },
];

export const toolTabId = (tool: EditTool) => `edit-tab-${tool}`;
export const TOOL_PANEL_ID = 'edit-tool-panel';

/** The three tools as ARIA tabs: arrow keys, Home and End move between them, as the pattern asks. */
export function ToolTabs({ tool, onChange }: { tool: EditTool; onChange: (tool: EditTool) => void }) {
  const refs = useRef<Partial<Record<EditTool, HTMLButtonElement | null>>>({});
  function onKeyDown(e: KeyboardEvent) {
    const i = TOOLS.findIndex((t) => t.tool === tool);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TOOLS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = TOOLS[(next + TOOLS.length) % TOOLS.length].tool;
    onChange(target);
    refs.current[target]?.focus();
  }
  return (
    <div role="tablist" aria-label="Edit tool" className="inline-flex rounded-lg border border-edge bg-panel p-1" onKeyDown={onKeyDown}>
      {TOOLS.map(({ tool: t, label }) => (
        <button
          key={t}
          ref={(el) => {
            refs.current[t] = el;
          }}
          id={toolTabId(t)}
          type="button"
          role="tab"
          aria-selected={tool === t}
          aria-controls={TOOL_PANEL_ID}
          tabIndex={tool === t ? 0 : -1}
          onClick={() => onChange(t)}
          className={`rounded-md px-3 py-1.5 text-sm ${tool === t ? 'bg-accent font-medium text-white' : 'text-zinc-300 hover:bg-edge'}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
