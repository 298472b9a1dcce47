// The project's colour references: each with its provenance (title, source, rights, note), an
// eyedropper on the picture itself (the colour, with where it came from, becomes the current colour
// for the next hint or the palette), "Suggest hints from reference" and the review of its proposals.
import { useEffect, useRef, useState } from 'react';
import { rgbToLab } from '../../../shared/imaging/color';
import type { ProgressEvent, TintypeApi } from '../../../shared/ipc/contract';
import type { ColorSource, Reference } from '../../../shared/model/guidance';
import { describeSource } from '../../../shared/model/references';
import { swatch, type AbColor } from '../picker/ColorPicker';
import type { TransferReview } from '../state/useReferenceTransfer';

type Provenance = Pick<Reference, 'title' | 'source' | 'rights' | 'note'>;

interface Props {
  api: TintypeApi;
  references: Reference[];
  /** References a hint or palette colour was taken from: they stay attached while those do. */
  used: ReadonlySet<string>;
  /** Where the current colour came from, when it was picked from a reference. */
  current: { color: AbColor; source: ColorSource | null };
  review: TransferReview | null;
  progress: ProgressEvent | null;
  onAdd: (file: File) => void;
  onUpdate: (id: string, to: Partial<Provenance>, live: boolean) => void;
  onRemove: (id: string) => void;
  onPick: (color: AbColor, source: ColorSource) => void;
  onSuggest: (id: string) => void;
  onCancel: () => void;
  onAccept: (ids: string[] | 'all') => void;
  onReject: (ids: string[] | 'all') => void;
}

/** The reference's picture: a click takes the mean colour of the 3x3 pixels under it. */
function ReferencePicture({ api, reference, onPick }: { api: TintypeApi; reference: Reference; onPick: Props['onPick'] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [scale, setScale] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void api.getReferenceImage({ referenceId: reference.id }).then(async (r) => {
      if (!r.ok || !live || !canvas.current) return;
      const bitmap = await createImageBitmap(new Blob([r.value.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
      const c = canvas.current;
      if (!live || !c) return;
      c.width = bitmap.width;
      c.height = bitmap.height;
      c.getContext('2d', { willReadFrequently: true })?.drawImage(bitmap, 0, 0);
      setScale(bitmap.width / reference.width);
    });
    return () => void (live = false);
  }, [api, reference.id, reference.width]);
  const pick = (e: React.MouseEvent<HTMLCanvasElement>): void => {
    const c = canvas.current;
    const ctx = c?.getContext('2d', { willReadFrequently: true });
    if (!c || !ctx || scale === null) return;
    const box = c.getBoundingClientRect();
    const px = Math.min(c.width - 1, Math.max(0, Math.floor(((e.clientX - box.left) / box.width) * c.width)));
    const py = Math.min(c.height - 1, Math.max(0, Math.floor(((e.clientY - box.top) / box.height) * c.height)));
    const x0 = Math.max(0, px - 1);
    const y0 = Math.max(0, py - 1);
    const d = ctx.getImageData(x0, y0, Math.min(3, c.width - x0), Math.min(3, c.height - y0)).data;
    let r = 0;
    let g = 0;
    let b = 0;
    for (let i = 0; i < d.length; i += 4) [r, g, b] = [r + d[i], g + d[i + 1], b + d[i + 2]];
    const n = d.length / 4;
    const [, a, bb] = rgbToLab(r / n / 255, g / n / 255, b / n / 255);
    onPick({ a, b: bb }, { reference: reference.id, x: Math.round((px + 0.5) / scale), y: Math.round((py + 0.5) / scale) });
  };
  return <canvas ref={canvas} className="reference-picture" onClick={pick} title="Click to take this colour" data-testid="reference-picture" data-ready={scale !== null} />;
}

export function ReferencesPanel(p: Props) {
  const file = useRef<HTMLInputElement>(null);
  const onDrop = (e: React.DragEvent): void => {
    e.preventDefault();
    e.stopPropagation(); // a file dropped here is a reference, not a scan to open
    const f = e.dataTransfer.files[0];
    if (f) p.onAdd(f);
  };
  const field = (r: Reference, key: keyof Provenance, label: string, placeholder: string) => (
    <label>
      {label}
      <input value={r[key]} placeholder={placeholder} onChange={(e) => p.onUpdate(r.id, { [key]: e.target.value }, true)} onBlur={(e) => p.onUpdate(r.id, { [key]: key === 'title' ? e.target.value.trim() || r.name : e.target.value }, false)} data-testid={`reference-${key}`} />
    </label>
  );
  const titleOf = (id: string): string => p.references.find((r) => r.id === id)?.title ?? '';
  return (
    <section className="references" data-testid="references" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h3>Colour references</h3>
      <p className="help">A surviving uniform, a paint chip, a hand-tinted postcard, a later colour photograph: attach it, click it to take a colour (it keeps where it came from), or let it suggest hints. The file is stored by its SHA-256 and never altered.</p>
      <input ref={file} type="file" accept=".jpg,.jpeg,.png,.tif,.tiff,image/jpeg,image/png,image/tiff" hidden data-testid="reference-input" onChange={(e) => { const f = e.target.files?.[0]; if (f) p.onAdd(f); e.target.value = ''; }} />
      <button type="button" onClick={() => file.current?.click()} data-testid="reference-add">Attach a reference… (or drop it here)</button>
      {p.current.source && (
        <p className="reference-current" data-testid="reference-pick">
          <span className="swatch" style={{ background: swatch(60, p.current.color) }} /> Current colour {describeSource(p.current.source, p.references)}
        </p>
      )}
      <ul>
        {p.references.map((r) => (
          <li key={r.id} className="reference" data-testid="reference" data-sha256={r.id}>
            <ReferencePicture api={p.api} reference={r} onPick={p.onPick} />
            <small className="reference-file" title={`sha256 ${r.id}`}>{r.name} · {r.width}×{r.height} · sha256 {r.id.slice(0, 12)}…</small>
            {field(r, 'title', 'Title', 'e.g. Sack coat, 20th Maine')}
            {field(r, 'source', 'Source', 'e.g. State museum, accession 1971.4.2')}
            {field(r, 'rights', 'Rights', 'e.g. CC BY 4.0')}
            {field(r, 'note', 'Note', 'what it is evidence for')}
            <div className="row">
              <button type="button" onClick={() => p.onSuggest(r.id)} disabled={p.progress !== null} data-testid="reference-suggest">Suggest hints from reference</button>
              <button type="button" className="trash" onClick={() => p.onRemove(r.id)} disabled={p.used.has(r.id)} title={p.used.has(r.id) ? 'Hints or palette colours were taken from it' : 'Detach'} aria-label={`Detach ${r.title}`}>×</button>
            </div>
          </li>
        ))}
      </ul>
      {p.progress && (
        <p className="progress" data-testid="transfer-progress">
          {p.progress.title} <progress value={p.progress.value} max={1} /> <button type="button" onClick={p.onCancel} data-testid="transfer-cancel">Cancel</button>
        </p>
      )}
      {p.review && (
        <div className="proposals" data-testid="proposals" data-count={p.review.proposals.length}>
          <h4>{p.review.proposals.length} proposed hints from “{titleOf(p.review.referenceId)}”</h4>
          <p className="help">Shown dashed on the stage: click one there to accept it, right-click to reject it. Matched by L*, texture{p.review.features === 'prior' ? " and the network's features" : ''} in {p.review.millis.toFixed(0)} ms.</p>
          <div className="row">
            <button type="button" onClick={() => p.onAccept('all')} data-testid="proposals-accept-all">Accept all</button>
            <button type="button" onClick={() => p.onReject('all')} data-testid="proposals-reject-all">Reject all</button>
          </div>
          <ol>
            {p.review.proposals.map((h) => (
              <li key={h.id} data-testid="proposal">
                <span className="swatch" style={{ background: swatch(60, h) }} />
                <span className="proposal-confidence">{((h.source?.confidence ?? 0) * 100).toFixed(0)}%</span>
                <button type="button" onClick={() => p.onAccept([h.id])} aria-label="Accept this proposal">✓</button>
                <button type="button" onClick={() => p.onReject([h.id])} aria-label="Reject this proposal">✗</button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
