// The magic wand's settings and its pending selection: tolerance, and filling the selection with the
// current colour (or keeping it as scanned), which makes it a region like a drawn one.
import { RangeInput } from './RangeInput';

interface Props {
  tolerance: number;
  onTolerance: (t: number) => void;
  selected: boolean;
  millis: number | null;
  onFill: (keep: boolean) => void;
  onClear: () => void;
}

export function SelectionPanel({ tolerance, onTolerance, selected, millis, onFill, onClear }: Props) {
  return (
    <section className="hint-panel" data-testid="selection-panel">
      <h3>Magic wand</h3>
      <label>
        Tolerance {tolerance} L* <RangeInput min={1} max={50} value={tolerance} onChange={(t) => onTolerance(t)} data-testid="wand-tolerance" />
      </label>
      {selected ? (
        <p className="selection-actions">
          <button type="button" onClick={() => onFill(false)} data-testid="fill-selection">Fill with the colour (Enter)</button>
          <button type="button" onClick={() => onFill(true)} data-testid="keep-selection">Keep original</button>
          <button type="button" onClick={onClear}>Clear (Esc)</button>
          {millis !== null && <span className="help" data-testid="wand-millis"> {millis.toFixed(0)} ms</span>}
        </p>
      ) : null}
      <p className="help">Click to select the area of similar lightness around the pointer; it stops at edges · Shift-click adds · Alt-click takes out · the region it becomes snaps to the scan's edges</p>
    </section>
  );
}
