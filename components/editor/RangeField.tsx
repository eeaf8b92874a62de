type Props = {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  /** How the value reads beside the label ("12 px", "0.80"). */
  display: string;
  hint?: string;
};

/** A slider named by its label alone ("Steps", not "Steps 20"), its value shown beside it and read out as `display`. */
export function RangeField({ id, label, value, min, max, step, onChange, display, hint }: Props) {
  return (
    <div>
      <div className="mb-1 flex justify-between text-xs text-zinc-400">
        <label htmlFor={id}>{label}</label>
        <span aria-hidden className="tabular-nums">{display}</span>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-valuetext={display}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="w-full accent-accent"
      />
      {hint && <p id={`${id}-hint`} className="text-xs text-muted">{hint}</p>}
    </div>
  );
}
