import type { Suggestion } from '../../../shared/network/suggest';
import { swatch, type AbColor } from '../picker/ColorPicker';

interface Props {
  lightness: number;
  colors: Suggestion[];
  /** Computed for the selected object, without its own colour. */
  forSelected: boolean;
  onPick: (c: AbColor) => void;
}

/** A probability as shown: under 1% says so rather than rounding to 0. */
const percent = (p: number): string => (p < 0.01 ? '<1%' : `${Math.round(p * 100)}%`);

/** The network's likely colours where the pointer rests (hints right there left out) or for the
 * selected object (its own colour left out), each with its probability; a click uses one. */
export function SuggestionPanel({ lightness, colors, forSelected, onPick }: Props) {
  return (
    <section className="suggestions" aria-label="Suggested colours" data-testid="suggestions">
      <h3>{forSelected ? 'Suggested for the selection (without its own colour)' : 'Suggested at the pointer'}</h3>
      <div className="recent">
        {colors.length === 0 && <span className="help">Rest the pointer on the image.</span>}
        {colors.map((c, i) => (
          <button type="button" key={i} className="swatch big suggestion" data-testid="suggestion" data-a={c.a} data-b={c.b} data-p={c.p} style={{ background: swatch(lightness, c) }} onClick={() => onPick({ a: c.a, b: c.b })} title={`a* ${c.a}, b* ${c.b} · the network gives this colour ${percent(c.p)} here`}>
            <span className="p">{percent(c.p)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
