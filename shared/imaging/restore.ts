// Restoring the scan's L* before colour: dust and scratches removed under the strokes painted with the
// dust tool (each masked pixel takes the median of the unmasked pixels around it, then the grain of the
// film around it: shared/imaging/grain.ts), optional denoising, then the tone curve.
// Applied identically to the network's input, the preview and the export.
import { grainSeed, matchGrain } from './grain';
import { RasterBudget, traceStroke, type Guidance } from '../model/guidance';
import { applyTone, isNeutralTone } from './tone';
import type { Size } from '../network/working-size';

/** Replace masked pixels of `l` (w x h) by the median of unmasked ones within `radius`. */
export function repairDust(l: Float32Array, w: number, h: number, mask: Uint8Array, radius: number): void {
  const src = l.slice();
  const r = Math.max(1, Math.round(radius));
  const window: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      window.length = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
          if (!mask[yy * w + xx]) window.push(src[yy * w + xx]);
        }
      }
      if (window.length === 0) continue; // a blot wider than its window: leave it for a wider stroke
      window.sort((a, b) => a - b);
      l[y * w + x] = window[window.length >> 1];
    }
  }
}

/** Edge-preserving 3x3 smoothing (a bilateral filter on L*): grain goes, edges stay. `strength` 0..1. */
export function denoise(l: Float32Array, w: number, h: number, strength: number, scale = 1): void {
  if (strength <= 0) return;
  const src = l.slice();
  const sigma = (1.5 + 6 * strength) * scale;
  const inv = 1 / (2 * sigma * sigma);
  const spatial = [0.5, 1, 0.5, 1, 2, 1, 0.5, 1, 0.5];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const c = src[y * w + x];
      let sum = 0;
      let weight = 0;
      for (let dy = -1, k = 0; dy <= 1; dy++) {
        const yy = Math.min(h - 1, Math.max(0, y + dy));
        for (let dx = -1; dx <= 1; dx++, k++) {
          const v = src[yy * w + Math.min(w - 1, Math.max(0, x + dx))];
          const wt = spatial[k] * Math.exp(-(v - c) * (v - c) * inv);
          sum += wt * v;
          weight += wt;
        }
      }
      l[y * w + x] = sum / weight;
    }
  }
}

export const hasRestoration = (g: Guidance): boolean => !isNeutralTone(g.tone) || g.strokes.some((s) => s.purpose === 'dust');

/** Whether restoring needs the whole L* plane (dust repair, denoise), not just a per-pixel curve. */
export const hasSpatialRestoration = (g: Guidance): boolean => !!g.tone?.denoise || g.strokes.some((s) => s.purpose === 'dust');

/** The spatial part of restoring `l` (L* times `scale`, at `size`, a rendering of an `image`-sized
 * original), in place: dust repair with the surrounding grain, then denoise. */
export function restoreSpatial(l: Float32Array, size: Size, image: Size, g: Guidance, scale = 1): void {
  const k = Math.min(size.width / image.width, size.height / image.height);
  const budget = new RasterBudget(size.width, size.height);
  for (const s of g.strokes) {
    if (s.purpose !== 'dust') continue;
    const mask = new Uint8Array(size.width * size.height);
    const points = s.points.map((q) => ({ x: q.x * (size.width / image.width), y: q.y * (size.height / image.height) }));
    traceStroke(points, (s.width / 2) * k, size.width, size.height, (x, y) => (mask[y * size.width + x] = 1), budget);
    const radius = Math.max(2, s.width * k);
    repairDust(l, size.width, size.height, mask, radius);
    matchGrain(l, size.width, size.height, mask, Math.round(radius), grainSeed(s.id), [0, 100 * scale]);
  }
  // Noise is measured in pixels of the original: a rendering smaller than it is already smoothed.
  if (g.tone?.denoise && k > 0.5) denoise(l, size.width, size.height, g.tone.denoise, scale);
}

/** Restore `l` in place: the spatial repairs, then the tone curve. */
export function restoreLightness(l: Float32Array, size: Size, image: Size, g: Guidance, scale = 1): void {
  restoreSpatial(l, size, image, g, scale);
  applyTone(l, g.tone, scale);
}
