// How far hints reach (shared/imaging/hint-reach.ts): up to strong tonal edges (the default), everywhere (the
// network alone), or only near the hints and within their regions, where unhinted regions keep the
// network's automatic colour.
import type { Reach } from '../../../shared/model/guidance-schema';
import { DEFAULT_REACH, parseReach, REACH_CHOICES as CHOICES, reachName } from '../../../shared/imaging/hint-reach';

interface Props {
  value: Reach | undefined;
  onChange: (reach: Reach) => void;
}

export function ReachControl({ value, onChange }: Props) {
  const current = value ?? DEFAULT_REACH;
  return (
    <section className="hint-panel" data-testid="reach-control">
      <label>
        Hints reach{' '}
        <select value={String(current)} data-testid="reach-select" onChange={(e) => onChange(parseReach(e.target.value) ?? DEFAULT_REACH)}>
          {CHOICES.map((c) => (
            <option key={c.value} value={String(c.value)}>
              {c.label}
            </option>
          ))}
          {!CHOICES.some((c) => c.value === current) && <option value={String(current)}>{reachName(current)}</option>}
        </select>
      </label>
      <p className="help">Up to strong edges: a hint's colour fades beyond a strong tonal edge, where the network's own colour stays. Everywhere: one stroke colours every region that has no hint of its own. Limited: colour also fades with distance.</p>
    </section>
  );
}
