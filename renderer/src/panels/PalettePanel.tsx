// The project palette: named colours with where they came from, one click to use.
import { useState } from 'react';
import type { PaletteColor } from '../../../shared/guidance';
import { swatch, type AbColor } from '../picker/ColorPicker';

interface Props {
  palette: PaletteColor[];
  lightness: number;
  current: AbColor;
  onUse: (c: AbColor) => void;
  onAdd: (name: string, note: string) => void;
  onRemove: (id: string) => void;
}

export function PalettePanel({ palette, lightness, current, onUse, onAdd, onRemove }: Props) {
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const add = (): void => {
    if (!name.trim()) return;
    onAdd(name.trim(), note.trim());
    setName('');
    setNote('');
  };
  return (
    <section className="palette" data-testid="palette">
      <h3>Project palette</h3>
      <ul>
        {palette.map((c) => (
          <li key={c.id} title={c.note ? `${c.name} — ${c.note}` : c.name}>
            <button type="button" className="swatch big" style={{ background: swatch(lightness, c) }} onClick={() => onUse({ a: c.a, b: c.b })} data-testid="palette-swatch" aria-label={`Use ${c.name}`} />
            <span className="palette-name">{c.name}</span>
            <button type="button" className="trash" onClick={() => onRemove(c.id)} aria-label={`Remove ${c.name} from the palette`}>×</button>
          </li>
        ))}
      </ul>
      <div className="row">
        <span className="swatch" style={{ background: swatch(lightness, current) }} />
        <input value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} placeholder="Name the current colour…" data-testid="palette-name" />
      </div>
      <input value={note} onChange={(e) => setNote(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} placeholder="Source (e.g. regimental records)" data-testid="palette-note" />
      <button type="button" onClick={add} disabled={!name.trim()} data-testid="palette-add">Add to palette</button>
    </section>
  );
}
