// Everything the user gives the network, as plain data in original-image pixels: points (hints.ts),
// brush strokes, and painted or outlined regions, plus "keep original" regions where the export keeps
// the scan's own tones. Rasterised into the network's hint_ab / hint_mask at a working size.
import type { z } from 'zod';
import { AppFailure } from '../ipc/errors';
import type { GuidanceSchema, PaletteColorSchema, PointSchema, ReferenceSchema, RegionSchema, StrokeSchema } from './guidance-schema';
import type { ColorSourceSchema } from './hint-schema';
import { rasterWork } from '../ipc/limits';
import { rasterizeHints, type HintRaster } from './hints';
import type { Size } from '../network/working-size';

export type Point = z.infer<typeof PointSchema>;
export type Stroke = z.infer<typeof StrokeSchema>;
/** A closed outline, a mask rather than hint pixels (shared/imaging/region-mask.ts), with its soft edge
 * (`feather`) and snap-to-edges (`snap`) from the schema. */
export type Region = z.infer<typeof RegionSchema>;
export type PaletteColor = z.infer<typeof PaletteColorSchema>;
export type Guidance = z.infer<typeof GuidanceSchema>;
export type Reference = z.infer<typeof ReferenceSchema>;
export type ColorSource = z.infer<typeof ColorSourceSchema>;

export const EMPTY_GUIDANCE: Guidance = { hints: [], strokes: [], regions: [] };

/** The work one drawing of a guidance may do (shared/ipc/limits.ts): spent as it draws, and a typed error,
 * not a frozen process, when a request asks for more. */
export class RasterBudget {
  private left: number;
  constructor(w: number, h: number) {
    this.left = rasterWork(w, h);
  }
  spend(n: number): void {
    this.left -= n;
    if (this.left < 0) throw new AppFailure('invalid-payload', 'The strokes and outlines are too dense to draw (too many long or wide strokes across the image): simplify or remove some.');
  }
}

/** Calls `put(x, y)` for every pixel of a w x h grid inside the polygon (even-odd, pixel centres). */
export function fillPolygon(polygon: readonly Point[], w: number, h: number, put: (x: number, y: number) => void, budget?: RasterBudget): void {
  if (polygon.length < 3) return;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of polygon) {
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const top = Math.max(0, Math.floor(minY));
  const bottom = Math.min(h - 1, Math.ceil(maxY));
  budget?.spend(Math.max(0, bottom - top + 1) * polygon.length);
  const xs: number[] = [];
  for (let y = top; y <= bottom; y++) {
    const cy = y + 0.5;
    xs.length = 0;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const a = polygon[i];
      const b = polygon[j];
      if (a.y > cy !== b.y > cy) xs.push(a.x + ((cy - a.y) / (b.y - a.y)) * (b.x - a.x));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k] - 0.5));
      const to = Math.min(w - 1, Math.floor(xs[k + 1] - 0.5));
      for (let x = from; x <= to; x++) put(x, y);
    }
  }
}

/** The part [t0, t1] of the segment p + t (q - p), 0 <= t <= 1, inside the box, or null (Liang-Barsky). */
function clipSegment(p: Point, q: Point, x0: number, y0: number, x1: number, y1: number): [number, number] | null {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  let t0 = 0;
  let t1 = 1;
  for (const [d, room] of [[-dx, p.x - x0], [dx, x1 - p.x], [-dy, p.y - y0], [dy, y1 - p.y]]) {
    if (d === 0) {
      if (room < 0) return null;
    } else if (d < 0) t0 = Math.max(t0, room / d);
    else t1 = Math.min(t1, room / d);
    if (t0 > t1) return null;
  }
  return [t0, t1];
}

/** Calls `put` for every pixel within `radius` of the polyline (a round brush dragged along it).
 * Only the stamps whose brush can touch the grid are visited, so geometry far outside the image
 * costs nothing (a stroke between (-1e6, -1e6) and (1e6, 1e6) used to take seconds per request). */
export function traceStroke(points: readonly Point[], radius: number, w: number, h: number, put: (x: number, y: number) => void, budget?: RasterBudget): void {
  const r = Math.max(0.5, radius);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const q = points[Math.min(points.length - 1, i + 1)];
    budget?.spend(1);
    const clip = clipSegment(p, q, -r - 1, -r - 1, w + r + 1, h + r + 1);
    if (!clip) continue;
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    const steps = Math.max(1, Math.ceil(len / Math.max(0.5, r / 2)));
    const first = Math.max(0, Math.floor(clip[0] * steps));
    const last = Math.min(steps, Math.ceil(clip[1] * steps));
    for (let s = first; s <= last; s++) {
      const cx = p.x + ((q.x - p.x) * s) / steps;
      const cy = p.y + ((q.y - p.y) * s) / steps;
      const top = Math.max(0, Math.floor(cy - r));
      const bottom = Math.min(h - 1, Math.ceil(cy + r));
      const left = Math.max(0, Math.floor(cx - r));
      const right = Math.min(w - 1, Math.ceil(cx + r));
      if (bottom < top || right < left) continue;
      budget?.spend((bottom - top + 1) * (right - left + 1));
      for (let y = top; y <= bottom; y++) {
        for (let x = left; x <= right; x++) {
          if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) put(x, y);
        }
      }
    }
  }
}

const scaled = (points: readonly Point[], sx: number, sy: number): Point[] => points.map((p) => ({ x: p.x * sx, y: p.y * sy }));

/** Pixels of a `size` rendering under the eraser strokes, or null when there are none. */
function erased(g: Guidance, image: Size, size: Size, budget: RasterBudget): Uint8Array | null {
  const erasers = g.strokes.filter((s) => s.purpose === 'erase');
  if (erasers.length === 0) return null;
  const out = new Uint8Array(size.width * size.height);
  const sx = size.width / image.width;
  const sy = size.height / image.height;
  for (const s of erasers) traceStroke(scaled(s.points, sx, sy), (s.width / 2) * Math.min(sx, sy), size.width, size.height, (x, y) => (out[y * size.width + x] = 1), budget);
  return out;
}

const colouring = (s: Stroke): boolean => s.purpose === undefined || s.purpose === 'color';

/** The network's hint inputs at the working size: strokes, then points on top. Regions are not hints:
 * they are masks laid over the result (shared/imaging/region-mask.ts), and hint pixels inside them are kept
 * from the network too, so the outline is a wall colour crosses in neither direction. */
export function rasterizeGuidance(g: Guidance, image: Size, work: Size): HintRaster {
  const { hintAb, mask } = rasterizeHints(g.hints, image, work);
  const { width: w, height: h } = work;
  const sx = w / image.width;
  const sy = h / image.height;
  const budget = new RasterBudget(w, h);
  const rubbed = erased(g, image, work, budget);
  const paint = (a: number, b: number, onlyEmpty: boolean) => (x: number, y: number) => {
    const i = y * w + x;
    if ((onlyEmpty && mask[i]) || rubbed?.[i]) return;
    hintAb[i] = a / 110;
    hintAb[w * h + i] = b / 110;
    mask[i] = 1;
  };
  for (const s of g.strokes.filter(colouring)) traceStroke(scaled(s.points, sx, sy), (s.width / 2) * Math.min(sx, sy), w, h, paint(s.a, s.b, true), budget);
  if (g.regions.length > 0) {
    const wall = new Uint8Array(w * h);
    for (const r of g.regions) fillPolygon(scaled(r.polygon, sx, sy), w, h, (x, y) => (wall[y * w + x] = 1), budget);
    for (let i = 0; i < w * h; i++) {
      if (!wall[i]) continue;
      mask[i] = 0;
      hintAb[i] = 0;
      hintAb[w * h + i] = 0;
    }
  }
  return { hintAb, mask };
}

/** Distance from (x, y) to the polygon's outline (its nearest edge). */
export function outlineDistance(poly: readonly Point[], x: number, y: number): number {
  let best = Infinity;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[j];
    const b = poly[i];
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(x - a.x - t * dx, y - a.y - t * dy));
  }
  return best;
}
