// The selected stroke or region: what it is, its provenance note, and removing it.
import type { Region, Stroke } from '../../../shared/guidance';

interface Props {
  item: { kind: 'stroke'; value: Stroke } | { kind: 'region'; value: Region };
  onNote: (note: string, live: boolean) => void;
  onRemove: () => void;
}

export function ObjectPanel({ item, onNote, onRemove }: Props) {
  const title = item.kind === 'stroke' ? `Selected ${item.value.purpose === 'dust' ? 'dust repair' : item.value.purpose === 'erase' ? 'eraser stroke' : 'stroke'} (${Math.round(item.value.width)} px)` : item.value.keep ? 'Selected keep-original region' : 'Selected region';
  return (
    <section className="hint-panel" data-testid="object-panel">
      <h3>{title}</h3>
      {item.kind === 'region' && item.value.keep && <p className="help">Inside this outline the export keeps the scan exactly as it is.</p>}
      <label className="note">
        Provenance note
        <textarea value={item.value.note ?? ''} onChange={(e) => onNote(e.target.value, true)} onBlur={(e) => onNote(e.target.value, false)} rows={3} />
      </label>
      <button type="button" onClick={onRemove}>Remove (Del)</button>
      <p className="help">Pick a colour to recolour it · drag it with the point tool to move it · right-click or the eraser removes it</p>
    </section>
  );
}
