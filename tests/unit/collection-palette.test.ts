// Collection palettes (issue 21): a project's palette as JSON with every colour's provenance, read back
// with its schema, imported into another project as one step without duplicates, and the batch's
// snapping of proposals to its colours.
import { describe, expect, it } from 'vitest';
import { exportPalette, paletteToImport, parsePalette, snapToPalette } from '../../shared/model/collection-palette';
import { importPalette } from '../../shared/model/edits';
import { EMPTY_GUIDANCE, type PaletteColor, type Reference } from '../../shared/model/guidance';
import { applyOperation, describeOperation, replay } from '../../shared/model/history';

const ref: Reference = { id: 'b'.repeat(64), name: 'coat.jpg', width: 800, height: 600, title: 'Surviving sack coat', source: 'State museum 1971.4.2', rights: 'CC0', note: '' };
const coat: PaletteColor = { id: 'c1', name: 'Union blue', a: 2, b: -30, note: 'quartermaster ledger', source: { reference: ref.id, x: 120, y: 44 } };
const shutters: PaletteColor = { id: 'c2', name: 'Shutter green', a: -25, b: 12 };

describe('collection palette', () => {
  it('round-trips through JSON with the references its colours name, and only those', () => {
    const other: Reference = { ...ref, id: 'c'.repeat(64), title: 'Unused' };
    const file = exportPalette({ palette: [coat, shutters], references: [ref, other] }, 'Company K', '2026-12-01T00:00:00Z');
    const parsed = parsePalette(JSON.stringify(file));
    expect(parsed.ok && parsed.palette.colors).toEqual([coat, shutters]);
    expect(parsed.ok && parsed.palette.references.map((r) => r.title)).toEqual(['Surviving sack coat']);
    expect(exportPalette({ palette: [] }, 'x', 'now')).toBeNull();
  });

  it('refuses what is not a valid collection palette, saying where', () => {
    expect(parsePalette('{')).toEqual({ ok: false, message: 'The palette file is not valid JSON.' });
    expect(parsePalette('{"format":"tintype.recipe"}').ok).toBe(false);
    const bad = parsePalette(JSON.stringify({ format: 'tintype.palette', version: 1, from: 'x', exportedAt: 'now', colors: [{ ...coat, a: 400 }], references: [] }));
    expect(!bad.ok && bad.message).toMatch(/invalid at colors\.0\.a/);
  });

  it('imports new colours as one undoable step, skipping those the project has', () => {
    const file = exportPalette({ palette: [coat, shutters], references: [ref] }, 'Company K', 'now');
    if (!file) throw new Error('no palette');
    let n = 0;
    const colors = paletteToImport(file, [{ ...coat, id: 'mine' }], () => `n${n++}`);
    expect(colors.map((c) => [c.id, c.name])).toEqual([['n0', 'Shutter green']]);
    expect(colors[0].note).toBe('from the collection palette of “Company K”');
    const op = importPalette(colors);
    if (!op) throw new Error('no operation');
    const start = { ...EMPTY_GUIDANCE, palette: [{ ...coat, id: 'mine' }] };
    expect(applyOperation(start, op).palette?.map((c) => c.name)).toEqual(['Union blue', 'Shutter green']);
    expect(replay([{ kind: 'palette.add', color: { ...coat, id: 'mine' } }, op])).toEqual(applyOperation(start, op));
    expect(describeOperation(op)).toBe('Imported 1 palette colour');
    expect(importPalette([])).toBeNull();
  });

  it('snaps proposals near a palette colour to it exactly, and leaves the rest', () => {
    const near = { id: 'p1', x: 1, y: 1, radius: 2, a: 4, b: -27 };
    const far = { id: 'p2', x: 2, y: 2, radius: 2, a: 30, b: 30 };
    const out = snapToPalette([near, far], [coat, shutters], () => 50);
    expect(out.map((h) => [h.a, h.b])).toEqual([[2, -30], [30, 30]]);
    expect(out[0].note).toBe('palette colour “Union blue”');
  });
});
