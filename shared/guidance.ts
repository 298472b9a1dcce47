// Everything the user gives the network, as plain data in original-image pixels: points (hints.ts),
// brush strokes, and painted or outlined regions, plus "keep original" regions where the export keeps
// the scan's own tones. Rasterised into the network's hint_ab / hint_mask at a working size.
import type { z } from 'zod';
import type { GuidanceSchema, PaletteColorSchema, PointSchema, RegionSchema, StrokeSchema } from './guidance-schema';
import { rasterizeHints, type HintRaster } from './hints';
import type { Size } from './working-size';

export type Point = z.infer<typeof PointSchema>;
export type Stroke = z.infer<typeof StrokeSchema>;
export type Region = z.infer<typeof RegionSchema>;
export type PaletteColor = z.infer<typeof PaletteColorSchema>;
export type Guidance = z.infer<typeof GuidanceSchema>;

export const EMPTY_GUIDANCE: Guidance = { hints: [], strokes: [], regions: [] };

/** Calls `put(x, y)` for every pixel of a w x h grid inside the polygon (even-odd, pixel centres). */
export function fillPolygon(polygon: readonly Point[], w: number, h: number, put: (x: number, y: number) => void): void {
  if (polygon.length < 3) return;
  const ys = polygon.map((p) => p.y);
  const top = Math.max(0, Math.floor(Math.min(...ys)));
  const bottom = Math.min(h - 1, Math.ceil(Math.max(...ys)));
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

/** Calls `put` for every pixel within `radius` of the polyline (a round brush dragged along it). */
export function traceStroke(points: readonly Point[], radius: number, w: number, h: number, put: (x: number, y: number) => void): void {
  const r = Math.max(0.5, radius);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const q = points[Math.min(points.length - 1, i + 1)];
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    const steps = Math.max(1, Math.ceil(len / Math.max(0.5, r / 2)));
    for (let s = 0; s <= steps; s++) {
      const cx = p.x + ((q.x - p.x) * s) / steps;
      const cy = p.y + ((q.y - p.y) * s) / steps;
      for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(h - 1, Math.ceil(cy + r)); y++) {
        for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(w - 1, Math.ceil(cx + r)); x++) {
          if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) put(x, y);
        }
      }
    }
  }
}

const scaled = (points: readonly Point[], sx: number, sy: number): Point[] => points.map((p) => ({ x: p.x * sx, y: p.y * sy }));

/** Pixels of a `size` rendering under the eraser strokes, or null when there are none. */
function erased(g: Guidance, image: Size, size: Size): Uint8Array | null {
  const erasers = g.strokes.filter((s) => s.purpose === 'erase');
  if (erasers.length === 0) return null;
  const out = new Uint8Array(size.width * size.height);
  const sx = size.width / image.width;
  const sy = size.height / image.height;
  for (const s of erasers) traceStroke(scaled(s.points, sx, sy), (s.width / 2) * Math.min(sx, sy), size.width, size.height, (x, y) => (out[y * size.width + x] = 1));
  return out;
}

const colouring = (s: Stroke): boolean => s.purpose === undefined || s.purpose === 'color';

/** The network's hint inputs at the working size: regions first, then strokes, then points on top. */
export function rasterizeGuidance(g: Guidance, image: Size, work: Size): HintRaster {
  const { hintAb, mask } = rasterizeHints(g.hints, image, work);
  const { width: w, height: h } = work;
  const sx = w / image.width;
  const sy = h / image.height;
  const rubbed = erased(g, image, work);
  const paint = (a: number, b: number, onlyEmpty: boolean) => (x: number, y: number) => {
    const i = y * w + x;
    if ((onlyEmpty && mask[i]) || rubbed?.[i]) return;
    hintAb[i] = a / 110;
    hintAb[w * h + i] = b / 110;
    mask[i] = 1;
  };
  for (const s of g.strokes.filter(colouring)) traceStroke(scaled(s.points, sx, sy), (s.width / 2) * Math.min(sx, sy), w, h, paint(s.a, s.b, true));
  for (const r of g.regions) if (!r.keep) fillPolygon(scaled(r.polygon, sx, sy), w, h, paint(r.a, r.b, true));
  return { hintAb, mask };
}

/** 1 where a keep-original region covers a pixel of a `size` rendering of the image, or null if none. */
export function keepMask(g: Guidance, image: Size, size: Size): Uint8Array | null {
  const keep = g.regions.filter((r) => r.keep);
  if (keep.length === 0) return null;
  const out = new Uint8Array(size.width * size.height);
  const sx = size.width / image.width;
  const sy = size.height / image.height;
  const rubbed = erased(g, image, size);
  for (const r of keep) fillPolygon(scaled(r.polygon, sx, sy), size.width, size.height, (x, y) => (out[y * size.width + x] = rubbed?.[y * size.width + x] ? 0 : 1));
  return out;
}
