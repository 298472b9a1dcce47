// The edits a user makes, each as the one operation (shared/model/history.ts) that records it. The studio
// applies these with applyOperation and sends them as they are; no edit rebuilds the whole state, so an
// edit to one thing cannot drop another (the tone, the palette, the reach…).
import type { ColorAdjust } from '../imaging/color-adjust';
import type { ColorSource, Guidance, PaletteColor, Point, Reference, Region, Stroke } from './guidance';
import type { Reach } from './guidance-schema';
import type { Operation } from './history';
import type { Hint } from './hints';
import type { ToneAdjust } from '../imaging/tone';

export type ItemKind = 'hint' | 'stroke' | 'region';

/** Which list holds the hint, stroke or region with this id; null when none does. */
export function itemKind(g: Guidance, id: string): ItemKind | null {
  if (g.hints.some((h) => h.id === id)) return 'hint';
  if (g.strokes.some((s) => s.id === id)) return 'stroke';
  if (g.regions.some((r) => r.id === id)) return 'region';
  return null;
}

export const addHint = (hint: Hint): Operation => ({ kind: 'hint.add', hint });
export const addStroke = (stroke: Stroke): Operation => ({ kind: 'stroke.add', stroke });
export const addRegion = (region: Region): Operation => ({ kind: 'region.add', region });

export const moveHint = (id: string, x: number, y: number): Operation => ({ kind: 'hint.move', id, to: { x, y } });
export const resizeHint = (id: string, radius: number): Operation => ({ kind: 'hint.resize', id, to: { radius } });

/** Take a hint, stroke or region out; null when there is no such item. */
export function removeItem(g: Guidance, id: string): Operation | null {
  const kind = itemKind(g, id);
  return kind === null ? null : { kind: `${kind}.remove`, id };
}

/** Give a hint, stroke or region a new colour. */
export function recolorItem(g: Guidance, id: string, a: number, b: number): Operation | null {
  const kind = itemKind(g, id);
  if (kind === 'hint') return { kind: 'hint.recolor', id, to: { a, b } };
  return kind === null ? null : { kind: `${kind}.update`, id, to: { a, b } };
}

/** Set the provenance note of a hint, stroke or region. */
export function noteItem(g: Guidance, id: string, note: string): Operation | null {
  const kind = itemKind(g, id);
  if (kind === 'hint') return { kind: 'hint.note', id, to: { note } };
  return kind === null ? null : { kind: `${kind}.update`, id, to: { note } };
}

/** A region's soft edge: its feather (half-width in original pixels) and whether it snaps to the scan's
 * edges (shared/imaging/region-mask.ts); only the fields given change. */
export function edgeRegion(id: string, edge: Pick<Region, 'feather' | 'snap'>): Operation {
  const to: Pick<Region, 'feather' | 'snap'> = {};
  if (edge.feather !== undefined) to.feather = edge.feather;
  if (edge.snap !== undefined) to.snap = edge.snap;
  return { kind: 'region.update', id, to };
}

/** Move a stroke or region by (dx, dy) original-image pixels (hints move with moveHint). */
export function shiftItem(g: Guidance, id: string, dx: number, dy: number): Operation | null {
  const move = (q: Point): Point => ({ x: q.x + dx, y: q.y + dy });
  const stroke = g.strokes.find((s) => s.id === id);
  if (stroke) return { kind: 'stroke.update', id, to: { points: stroke.points.map(move) } };
  const region = g.regions.find((r) => r.id === id);
  return region ? { kind: 'region.update', id, to: { polygon: region.polygon.map(move) } } : null;
}

export const setColor = (color: ColorAdjust): Operation => ({ kind: 'color.set', color });
export const setTone = (tone: ToneAdjust): Operation => ({ kind: 'tone.set', tone });
export const setReach = (reach: Reach): Operation => ({ kind: 'reach.set', reach });
export const setVividness = (vividness: number): Operation => ({ kind: 'vividness.set', vividness });

export const addPaletteColor = (color: PaletteColor): Operation => ({ kind: 'palette.add', color });
export const removePaletteColor = (id: string): Operation => ({ kind: 'palette.remove', id });

export const attachReference = (reference: Reference): Operation => ({ kind: 'reference.add', reference });
export const detachReference = (id: string): Operation => ({ kind: 'reference.remove', id });
export const updateReference = (id: string, to: Partial<Pick<Reference, 'title' | 'source' | 'rights' | 'note'>>): Operation => ({ kind: 'reference.update', id, to });

/** Accepted proposals as one step: ordinary hints, each keeping its `source` (the reference, the pixel
 * of it, the confidence), with ids of their own so they never clash with hints already placed. */
export function acceptProposals(proposals: readonly Hint[], newId: () => string): Operation | null {
  return proposals.length ? { kind: 'hints.add', hints: proposals.map((h) => ({ ...h, id: newId() })) } : null;
}

/** Give a hint, stroke or region a new colour taken from `source` (a reference), or from nowhere in
 * particular (null: a hint forgets where its old colour came from). */
export function recolorFrom(g: Guidance, id: string, a: number, b: number, source: ColorSource | null): Operation | null {
  const hint = g.hints.find((h) => h.id === id);
  if (!hint || (!source && !hint.source)) return recolorItem(g, id, a, b);
  return { kind: 'hint.recolor', id, to: { a, b, source } };
}

/** Colours of a collection palette (shared/model/collection-palette.ts) added to the project's as one step. */
export const importPalette = (colors: readonly PaletteColor[]): Operation | null => (colors.length ? { kind: 'palette.import', colors: [...colors] } : null);
