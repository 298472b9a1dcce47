// Tone restoration before colour: black and white points (or auto levels), gamma and contrast on the
// scan's L*. Non-destructive: recorded in the history and the recipe; the original is untouched.
import { NEUTRAL_TONE, type ToneAdjust } from '../../../shared/imaging/tone';
import { RangeInput } from './RangeInput';

interface Props {
  value: ToneAdjust | undefined;
  onChange: (t: ToneAdjust, live: boolean) => void;
  onAuto: () => void;
}

const SLIDERS: { key: Exclude<keyof ToneAdjust, 'denoise'> | 'denoise'; label: string; min: number; max: number; step: number }[] = [
  { key: 'black', label: 'Black point (L*)', min: 0, max: 60, step: 0.5 },
  { key: 'white', label: 'White point (L*)', min: 40, max: 100, step: 0.5 },
  { key: 'gamma', label: 'Gamma', min: 0.3, max: 3, step: 0.05 },
  { key: 'contrast', label: 'Contrast', min: -1, max: 1, step: 0.05 },
  { key: 'denoise', label: 'Denoise', min: 0, max: 1, step: 0.05 },
];

export function ToneControls({ value, onChange, onAuto }: Props) {
  const t = value ?? NEUTRAL_TONE;
  const set = (key: keyof ToneAdjust, v: number, live: boolean): void => {
    const next = { ...t, [key]: v };
    if (next.white <= next.black + 1) return; // the points may not cross
    onChange(next, live);
  };
  return (
    <section className="hint-panel" data-testid="tone-controls">
      <h3>Tone of the scan</h3>
      <button type="button" onClick={onAuto} data-testid="auto-levels">Auto levels</button>
      {SLIDERS.map((s) => (
        <label key={s.key}>
          {s.label} {(t[s.key] ?? 0).toFixed(s.step < 1 ? 2 : 0)}
          <RangeInput min={s.min} max={s.max} step={s.step} value={t[s.key] ?? 0} data-testid={`tone-${s.key}`} onChange={(v, live) => set(s.key, v, live)} />
        </label>
      ))}
      <button type="button" onClick={() => onChange(NEUTRAL_TONE, false)} disabled={JSON.stringify(t) === JSON.stringify(NEUTRAL_TONE)}>Reset</button>
      <p className="help">The network sees the restored tones, and the export uses them; keep-original regions stay as scanned.</p>
    </section>
  );
}
