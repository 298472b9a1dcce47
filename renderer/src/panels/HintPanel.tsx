import type { Hint } from '../../../shared/hints';

interface Props {
  hint: Hint | null;
  radius: number;
  count: number;
  /** `live` while a gesture is under way: shown, but recorded only when it ends. */
  onRadius: (r: number, live: boolean) => void;
  onNote: (note: string, live: boolean) => void;
  onRemove: () => void;
}

export function HintPanel({ hint, radius, count, onRadius, onNote, onRemove }: Props) {
  const r = hint ? hint.radius : radius;
  return (
    <section className="hint-panel">
      <h3>{hint ? 'Selected hint' : `New hints (${count} placed)`}</h3>
      <label>
        Size {r}px <input type="range" min={0} max={64} value={r} onChange={(e) => onRadius(Number(e.target.value), true)} onPointerUp={(e) => onRadius(Number(e.currentTarget.value), false)} onKeyUp={(e) => onRadius(Number(e.currentTarget.value), false)} data-testid="hint-size" />
      </label>
      {hint && (
        <>
          <label className="note">
            Provenance note
            <textarea value={hint.note ?? ''} placeholder="e.g. uniform colour from regimental records" onChange={(e) => onNote(e.target.value, true)} onBlur={(e) => onNote(e.target.value, false)} rows={3} data-testid="hint-note" />
          </label>
          <button type="button" onClick={onRemove}>Remove hint (Del)</button>
        </>
      )}
      <p className="help">Click to add · drag to move · right-click or Del to remove · [ ] size · I eyedropper · space-drag to pan · wheel to zoom</p>
    </section>
  );
}
