// The project palette: named colours with where they came from, one click to use.
import { useRef, useState } from 'react';
import type { ColorSource, PaletteColor, Reference } from '../../../shared/model/guidance';
import { describeSource } from '../../../shared/model/references';
import { swatch, type AbColor } from '../picker/ColorPicker';

interface Props {
  palette: PaletteColor[];
  lightness: number;
  current: AbColor;
  onUse: (c: PaletteColor) => void;
  references: Reference[];
  /** The reference the current colour was taken from: a colour added now keeps it. */
  currentSource: ColorSource | null;
  onAdd: (name: string, note: string) => void;
  onRemove: (id: string) => void;
  /** Save the palette as a collection palette (JSON), and add one's colours to this project. */
  onExport: () => void;
  onImport: (file: File) => void;
}

export function PalettePanel({ palette, lightness, current, onUse, onAdd, onRemove, onExport, onImport, references, currentSource }: Props) {
  const file = useRef<HTMLInputElement>(null);
  const from = (c: { source?: ColorSource }): string => (c.source ? ` (${describeSource(c.source, references)})` : '');
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
          <li key={c.id} title={`${c.note ? `${c.name} — ${c.note}` : c.name}${from(c)}`}>
            <button type="button" className="swatch big" style={{ background: swatch(lightness, c) }} onClick={() => onUse(c)} data-testid="palette-swatch" aria-label={`Use ${c.name}`} />
            <span className="palette-name">{c.name}{c.source && <small className="palette-source" data-testid="palette-source">{describeSource(c.source, references)}</small>}</span>
            <button type="button" className="trash" onClick={() => onRemove(c.id)} aria-label={`Remove ${c.name} from the palette`}>×</button>
          </li>
        ))}
      </ul>
      <div className="row">
        <span className="swatch" style={{ background: swatch(lightness, current) }} />
        <input value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} placeholder="Name the current colour…" data-testid="palette-name" />
      </div>
      {currentSource && <small className="palette-source">{describeSource(currentSource, references)}</small>}
      <input value={note} onChange={(e) => setNote(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} placeholder="Source (e.g. regimental records)" data-testid="palette-note" />
      <button type="button" onClick={add} disabled={!name.trim()} data-testid="palette-add">Add to palette</button>
      <div className="row">
        <button type="button" onClick={onExport} disabled={!palette.length} data-testid="palette-export" title="Save the palette, with every colour's provenance, to reuse across a collection">Export palette…</button>
        <button type="button" onClick={() => file.current?.click()} data-testid="palette-import" title="Add the colours of a collection palette exported from another project">Import palette…</button>
        <input ref={file} type="file" accept=".json,application/json" hidden data-testid="palette-input" onChange={(e) => { const f = e.target.files?.[0]; if (f) onImport(f); e.target.value = ''; }} />
      </div>
    </section>
  );
}
