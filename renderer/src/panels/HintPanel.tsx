import type { Hint } from '../../../shared/model/hints';
import { RangeInput } from './RangeInput';

interface Props {
  hint: Hint | null;
  radius: number;
  count: number;
  /** `live` while a gesture is under way: shown, but recorded only when it ends. */
  onRadius: (r: number, live: boolean) => void;
  onNote: (note: string, live: boolean) => void;
  onRemove: () => void;
  /** While a brush tool is active: its width (original-image pixels) and a setter; the panel then shows it. */
  brush?: { width: number; onWidth: (w: number) => void } | null;
}

export function HintPanel({ hint, radius, count, onRadius, onNote, onRemove, brush }: Props) {
  const r = hint ? hint.radius : radius;
  return (
    <section className="hint-panel">
      <h3>{hint ? 'Selected hint' : brush ? 'Brush' : `New hints (${count} placed)`}</h3>
      {brush && !hint ? (
        <label>
          Brush size {brush.width}px <RangeInput min={1} max={400} value={brush.width} onChange={(w) => brush.onWidth(w)} data-testid="brush-size" />
        </label>
      ) : (
        <label>
          Size {r}px <RangeInput min={0} max={64} value={r} onChange={onRadius} data-testid="hint-size" />
        </label>
      )}
      {hint && (
        <>
          <label className="note">
            Provenance note
            <textarea value={hint.note ?? ''} placeholder="e.g. uniform colour from regimental records" onChange={(e) => onNote(e.target.value, true)} onBlur={(e) => onNote(e.target.value, false)} rows={3} data-testid="hint-note" />
          </label>
          <button type="button" onClick={onRemove}>Remove hint (Del)</button>
        </>
      )}
      <p className="help">Click to add (a new hint is not selected: the next colour is for the next hint) · click a hint to select it, then pick a colour to recolour it · Esc deselects · drag to move · right-click or Del to remove · [ ] size · I eyedropper · space-drag to pan · wheel to zoom</p>
    </section>
  );
}
