// Global colour controls on the result, recorded in the history: a slider drag previews live and is
// one step when it ends.
import { NEUTRAL_ADJUST, type ColorAdjust } from '../../../shared/imaging/color-adjust';
import { RangeInput } from './RangeInput';

interface Props {
  value: ColorAdjust | undefined;
  onChange: (c: ColorAdjust, live: boolean) => void;
}

const SLIDERS: { key: keyof ColorAdjust; label: string; min: number; max: number; step: number; show: (v: number) => string }[] = [
  { key: 'saturation', label: 'Saturation', min: 0, max: 2, step: 0.05, show: (v) => `${Math.round(v * 100)}%` },
  { key: 'vibrance', label: 'Vibrance', min: -1, max: 1, step: 0.05, show: (v) => `${v > 0 ? '+' : ''}${Math.round(v * 100)}` },
  { key: 'warmth', label: 'Warmth', min: -30, max: 30, step: 1, show: (v) => `${v > 0 ? '+' : ''}${v}` },
];

export function ColorControls({ value, onChange }: Props) {
  const c = value ?? NEUTRAL_ADJUST;
  return (
    <section className="hint-panel" data-testid="color-controls">
      <h3>Colour of the result</h3>
      {SLIDERS.map((s) => (
        <label key={s.key}>
          {s.label} {s.show(c[s.key])}
          <RangeInput min={s.min} max={s.max} step={s.step} value={c[s.key]} data-testid={`adjust-${s.key}`} onChange={(v, live) => onChange({ ...c, [s.key]: v }, live)} />
        </label>
      ))}
      <button type="button" onClick={() => onChange(NEUTRAL_ADJUST, false)} disabled={c === NEUTRAL_ADJUST || JSON.stringify(c) === JSON.stringify(NEUTRAL_ADJUST)}>Reset</button>
      <p className="help">Applies to the network's colours only; the scan's lightness is never changed. Recorded in the history and the recipe.</p>
    </section>
  );
}
