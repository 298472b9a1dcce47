// The selected stroke or region: what it is, its provenance note, and removing it.
import type { Region, Stroke } from '../../../shared/model/guidance';
import { DEFAULT_FEATHER } from '../../../shared/imaging/region-mask';
import { RangeInput } from './RangeInput';

interface Props {
  item: { kind: 'stroke'; value: Stroke } | { kind: 'region'; value: Region };
  onNote: (note: string, live: boolean) => void;
  /** A region's soft edge: feather (original pixels; a slider gesture is one history step) and snapping
   * to the scan's edges. */
  onEdge?: (edge: { feather?: number; snap?: boolean }, live: boolean) => void;
  onRemove: () => void;
}

export function ObjectPanel({ item, onNote, onEdge, onRemove }: Props) {
  const title = item.kind === 'stroke' ? `Selected ${item.value.purpose === 'dust' ? 'dust repair' : item.value.purpose === 'erase' ? 'eraser stroke' : 'stroke'} (${Math.round(item.value.width)} px)` : item.value.keep ? 'Selected keep-original region' : 'Selected region';
  return (
    <section className="hint-panel" data-testid="object-panel">
      <h3>{title}</h3>
      {item.kind === 'region' && item.value.keep && <p className="help">Inside this outline the export keeps the scan exactly as it is.</p>}
      {item.kind === 'region' && !item.value.keep && <p className="help">Its colour fills the outline at each pixel's own lightness; nothing outside it changes.</p>}
      {item.kind === 'region' && onEdge && (
        <>
          <label>
            Soft edge {(item.value.feather ?? DEFAULT_FEATHER).toFixed(1)} px
            <RangeInput min={0} max={16} step={0.5} value={item.value.feather ?? DEFAULT_FEATHER} aria-label="Soft edge" data-testid="region-feather" onChange={(feather, live) => onEdge({ feather }, live)} />
          </label>
          <label>
            <input type="checkbox" checked={item.value.snap ?? false} data-testid="region-snap" onChange={(e) => onEdge({ snap: e.target.checked }, false)} /> Snap to edges
          </label>
        </>
      )}
      <label className="note">
        Provenance note
        <textarea value={item.value.note ?? ''} onChange={(e) => onNote(e.target.value, true)} onBlur={(e) => onNote(e.target.value, false)} rows={3} />
      </label>
      <button type="button" onClick={onRemove}>Remove (Del)</button>
      <p className="help">Pick a colour to recolour it · drag it with the point tool to move it · right-click or the eraser removes it</p>
    </section>
  );
}
