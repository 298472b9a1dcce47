import type { Suggestion } from '../../../shared/suggest';
import { swatch, type AbColor } from '../picker/ColorPicker';

interface Props {
  lightness: number;
  colors: Suggestion[];
  onPick: (c: AbColor) => void;
}

/** The network's likely colours where the pointer rests; a click uses one. */
export function SuggestionPanel({ lightness, colors, onPick }: Props) {
  return (
    <section className="suggestions" aria-label="Suggested colours" data-testid="suggestions">
      <h3>Suggested at the pointer</h3>
      <div className="recent">
        {colors.length === 0 && <span className="help">Rest the pointer on the image.</span>}
        {colors.map((c, i) => (
          <button type="button" key={i} className="swatch big" data-testid="suggestion" data-a={c.a} data-b={c.b} style={{ background: swatch(lightness, c) }} onClick={() => onPick({ a: c.a, b: c.b })} title={`a* ${c.a}, b* ${c.b} · ${(c.p * 100).toFixed(0)}%`} />
        ))}
      </div>
    </section>
  );
}
