import type { Hint } from '../../../shared/hints';

interface Props {
  hint: Hint | null;
  radius: number;
  count: number;
  onRadius: (r: number) => void;
  onNote: (note: string) => void;
  onRemove: () => void;
}

export function HintPanel({ hint, radius, count, onRadius, onNote, onRemove }: Props) {
  const r = hint ? hint.radius : radius;
  return (
    <section className="hint-panel">
      <h3>{hint ? 'Selected hint' : `New hints (${count} placed)`}</h3>
      <label>
        Size {r}px <input type="range" min={0} max={64} value={r} onChange={(e) => onRadius(Number(e.target.value))} />
      </label>
      {hint && (
        <>
          <label className="note">
            Provenance note
            <textarea value={hint.note ?? ''} placeholder="e.g. uniform colour from regimental records" onChange={(e) => onNote(e.target.value)} rows={3} />
          </label>
          <button type="button" onClick={onRemove}>Remove hint (Del)</button>
        </>
      )}
      <p className="help">Click to add · drag to move · right-click or Del to remove · [ ] size · I eyedropper · space-drag to pan · wheel to zoom</p>
    </section>
  );
}
