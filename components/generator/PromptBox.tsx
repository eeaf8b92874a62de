'use client';
import { useMemo } from 'react';
import { LIMITS } from '@/domain/generation-params';
import { tokenLimitWarning, unknownWords } from '@/domain/prompt-vocabulary';
import type { ModelCard } from '@/server/models/model-card';
import { Field } from '../ui/Field';

type Props = {
  prompt: string;
  negativePrompt: string;
  onChange: (field: 'prompt' | 'negativePrompt', value: string) => void;
  card: ModelCard | null;
  errors: { prompt?: string; negativePrompt?: string };
};

const capitalise = (s: string) => s[0].toUpperCase() + s.slice(1);

/**
 * The prompt first, as image-first studios have it. It says while the user types what the
 * model will not read: words outside a closed vocabulary, and tokens past the encoder's limit.
 */
export function PromptBox({ prompt, negativePrompt, onChange, card, errors }: Props) {
  const vocabulary = useMemo(() => (card?.vocabulary ? new Set(card.vocabulary) : null), [card]);
  const unknown = vocabulary ? unknownWords(prompt, vocabulary) : [];
  const tooLong = tokenLimitWarning(prompt, card?.tokenLimit ?? 75, vocabulary !== null);
  const modelName = capitalise(card?.shortName ?? 'this model');
  const described = ['field-prompt-count', errors.prompt ? 'field-prompt-error' : null, unknown.length ? 'field-prompt-unknown' : null, tooLong ? 'field-prompt-length' : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="space-y-3">
      <div>
        <div className="mb-1 flex items-baseline justify-between">
          <label htmlFor="field-prompt" className="text-sm font-medium text-zinc-300">Prompt</label>
          <span id="field-prompt-count" className={`text-xs tabular-nums ${prompt.length > LIMITS.promptMax * 0.9 ? 'text-amber-300' : 'text-muted'}`}>
            {prompt.length} / {LIMITS.promptMax}
          </span>
        </div>
        <textarea
          id="field-prompt"
          name="prompt"
          rows={3}
          maxLength={LIMITS.promptMax}
          value={prompt}
          onChange={(e) => onChange('prompt', e.target.value)}
          placeholder={card?.examplePrompts[0] ?? 'Describe the image you want'}
          aria-invalid={errors.prompt ? true : undefined}
          aria-describedby={described}
          className={`w-full resize-y rounded-md border bg-ink px-3 py-2 text-base outline-none focus:border-accent ${errors.prompt ? 'border-red-500' : 'border-edge'}`}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
          }}
        />
        {errors.prompt && <p id="field-prompt-error" className="mt-1 text-xs text-red-400">{errors.prompt}</p>}
        <div aria-live="polite" className="space-y-1">
          {unknown.length > 0 && (
            <p id="field-prompt-unknown" className="mt-1 text-xs text-amber-300">
              {modelName} does not know: {unknown.join(', ')}
            </p>
          )}
          {tooLong && <p id="field-prompt-length" className="mt-1 text-xs text-amber-300">{tooLong}</p>}
        </div>
      </div>
      <Field
        label="Negative prompt"
        name="negativePrompt"
        value={negativePrompt}
        maxLength={LIMITS.promptMax}
        onChange={(e) => onChange('negativePrompt', e.target.value)}
        error={errors.negativePrompt}
        placeholder="what to avoid"
      />
    </div>
  );
}
