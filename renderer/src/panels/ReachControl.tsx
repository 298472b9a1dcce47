// How far hints reach (shared/hint-reach.ts): everywhere (the network alone), or only near the hints
// and within their regions, where unhinted regions keep the network's automatic colour.
import { REACH_CHOICES as CHOICES, reachName, UNLIMITED_REACH } from '../../../shared/hint-reach';

interface Props {
  value: number | undefined;
  onChange: (reach: number) => void;
}

export function ReachControl({ value, onChange }: Props) {
  const current = value ?? UNLIMITED_REACH;
  return (
    <section className="hint-panel" data-testid="reach-control">
      <label>
        Hints reach{' '}
        <select value={String(current)} data-testid="reach-select" onChange={(e) => onChange(Number(e.target.value))}>
          {CHOICES.map((c) => (
            <option key={c.value} value={String(c.value)}>
              {c.label}
            </option>
          ))}
          {!CHOICES.some((c) => c.value === current) && <option value={String(current)}>{reachName(current)}</option>}
        </select>
      </label>
      <p className="help">Everywhere: one stroke colours every region that has no hint of its own. Limited: colour fades across tonal edges and with distance, and unhinted regions keep the network's own colour.</p>
    </section>
  );
}
