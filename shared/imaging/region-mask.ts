// Regions as masks, not hint pixels. A coloured region sets the colour inside its outline and nothing
// outside it: the network never sees the region (so everything away from it is exactly the render
// without it), and the region's colour is laid over the result at each pixel's own L* through a soft
// mask: the polygon, less the eraser strokes, feathered by `feather` pixels of the original and, with
// `snap`, refined to the scan's own edges by a guided filter on L* (He et al. 2010). Keep-original
// regions use the same mask over the scan's own pixels. One implementation for every size: the
// preview paints with it at the display size, the export at full resolution.
import { boxMean } from './box-mean';
import { inGamut } from './color';
import { fillPolygon, RasterBudget, traceStroke, type Guidance, type Point, type Region } from '../model/guidance';
import type { Size } from '../network/working-size';

/** Default half-width of a region's soft edge, in pixels of the original. */
export const DEFAULT_FEATHER = 2;
/** The guided filter's window radius, in pixels of the original, and its regulariser on L* / 100. */
export const SNAP_RADIUS = 3;
const SNAP_EPS = 2e-3;

export interface RegionMask {
  region: Region;
  /** The mask's box in the output grid. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** Coverage 0..1, row-major over the box. */
  alpha: Float32Array;
}

/** Rows [y0, y1) of L* (0..100) at the output size, for edge snapping. */
export type LightnessRows = (y0: number, y1: number) => Float32Array;

const feather = (r: Region): number => r.feather ?? DEFAULT_FEATHER;

/** How far, in output pixels, a region's mask can reach beyond its outline. */
function marginOf(r: Region, scale: number): number {
  return Math.ceil(feather(r) * scale + (r.snap ? 2 * SNAP_RADIUS * scale : 0)) + 2;
}

/** Box blur of radius `r` (fractional: the end taps weigh r - floor r) along rows or columns, in place. */
function boxBlur(v: Float32Array, w: number, h: number, r: number, vertical: boolean): void {
  if (r <= 0) return;
  const k = Math.floor(r);
  const frac = r - k;
  const norm = 1 / (2 * r + 1);
  const len = vertical ? h : w;
  const lines = vertical ? w : h;
  const step = vertical ? w : 1;
  const line = new Float32Array(len);
  const prefix = new Float64Array(len + 1);
  for (let q = 0; q < lines; q++) {
    const base = vertical ? q : q * w;
    for (let i = 0; i < len; i++) line[i] = v[base + i * step];
    for (let i = 0; i < len; i++) prefix[i + 1] = prefix[i] + line[i];
    for (let i = 0; i < len; i++) {
      const lo = Math.max(0, i - k);
      const hi = Math.min(len - 1, i + k);
      let s = prefix[hi + 1] - prefix[lo];
      if (frac > 0) {
        if (i - k - 1 >= 0) s += frac * line[i - k - 1];
        if (i + k + 1 < len) s += frac * line[i + k + 1];
      }
      v[base + i * step] = s * norm;
    }
  }
}

/** The guided filter of mask `p` with guide `g` (L* / 100): the mask's edge moves onto the guide's. */
export function guidedFilter(p: Float32Array, g: Float32Array, w: number, h: number, r: number, eps = SNAP_EPS): Float32Array {
  const n = w * h;
  const gp = new Float32Array(n);
  const gg = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    gp[i] = g[i] * p[i];
    gg[i] = g[i] * g[i];
  }
  const mg = boxMean(g, w, h, r);
  const mp = boxMean(p, w, h, r);
  const mgp = boxMean(gp, w, h, r);
  const mgg = boxMean(gg, w, h, r);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const va = mgg[i] - mg[i] * mg[i];
    a[i] = (mgp[i] - mg[i] * mp[i]) / (va + eps);
    b[i] = mp[i] - a[i] * mg[i];
  }
  const ma = boxMean(a, w, h, r);
  const mb = boxMean(b, w, h, r);
  const q = new Float32Array(n);
  for (let i = 0; i < n; i++) q[i] = Math.min(1, Math.max(0, ma[i] * g[i] + mb[i]));
  return q;
}

const shifted = (points: readonly Point[], sx: number, sy: number, dx: number, dy: number): Point[] => points.map((p) => ({ x: p.x * sx - dx, y: p.y * sy - dy }));

/** The soft mask of every region with any pixel in a `size` rendering of an `image`-sized original,
 * in drawing order. `lightness` gives L* rows at `size` for regions that snap to edges (without it
 * they are only feathered). */
export function regionMasks(g: Guidance, image: Size, size: Size, lightness?: LightnessRows): RegionMask[] {
  if (g.regions.length === 0) return [];
  const sx = size.width / image.width;
  const sy = size.height / image.height;
  const scale = Math.min(sx, sy);
  const erasers = g.strokes.filter((s) => s.purpose === 'erase');
  const budget = new RasterBudget(size.width, size.height);
  const out: RegionMask[] = [];
  for (const region of g.regions) {
    const m = marginOf(region, scale);
    const xs = region.polygon.map((p) => p.x * sx);
    const ys = region.polygon.map((p) => p.y * sy);
    const left = Math.max(0, Math.floor(Math.min(...xs)) - m);
    const top = Math.max(0, Math.floor(Math.min(...ys)) - m);
    const right = Math.min(size.width, Math.ceil(Math.max(...xs)) + m);
    const bottom = Math.min(size.height, Math.ceil(Math.max(...ys)) + m);
    const width = right - left;
    const height = bottom - top;
    if (width <= 0 || height <= 0) continue;
    let alpha: Float32Array = new Float32Array(width * height);
    const hard = alpha;
    fillPolygon(shifted(region.polygon, sx, sy, left, top), width, height, (x, y) => (hard[y * width + x] = 1), budget);
    for (const s of erasers) traceStroke(shifted(s.points, sx, sy, left, top), (s.width / 2) * scale, width, height, (x, y) => (hard[y * width + x] = 0), budget);
    // Two box passes of half the feather each: a tent from 0 at `feather` outside to 1 at `feather` inside.
    const half = (feather(region) * scale) / 2;
    for (let pass = 0; pass < 2 && half >= 0.1; pass++) {
      boxBlur(alpha, width, height, half, false);
      boxBlur(alpha, width, height, half, true);
    }
    if (region.snap && lightness) {
      const rows = lightness(top, bottom);
      const guide = new Float32Array(width * height);
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) guide[y * width + x] = rows[y * size.width + left + x] / 100;
      alpha = guidedFilter(alpha, guide, width, height, Math.max(1, Math.round(SNAP_RADIUS * scale)));
    }
    if (alpha.some((v) => v > 0)) out.push({ region, left, top, width, height, alpha });
  }
  return out;
}

/** A region's colour at each L* (in tenths, 0..1000) as sRGB can show it: the same L* and hue, the
 * chroma reduced until it fits, rather than clipped channel by channel (which moves L* and hue). */
export function regionColorTable(a: number, b: number): Float32Array {
  const t = new Float32Array(2 * 1001);
  for (let i = 0; i <= 1000; i++) {
    const l = i / 10;
    let lo = 0;
    let hi = 1;
    if (inGamut(l, a, b)) lo = 1;
    else {
      for (let k = 0; k < 14; k++) {
        const mid = (lo + hi) / 2;
        if (inGamut(l, a * mid, b * mid)) lo = mid;
        else hi = mid;
      }
    }
    t[2 * i] = a * lo;
    t[2 * i + 1] = b * lo;
  }
  return t;
}

const tables = new Map<string, Float32Array>();

/** `regionColorTable`, kept for the few colours in use. */
export function regionColors(a: number, b: number): Float32Array {
  const key = `${a},${b}`;
  let t = tables.get(key);
  if (!t) {
    if (tables.size > 64) tables.clear();
    t = regionColorTable(a, b);
    tables.set(key, t);
  }
  return t;
}

/** Index of L* (0..100) into a `regionColorTable`. */
export const tenths = (l: number): number => (l <= 0 ? 0 : l >= 100 ? 1000 : Math.round(l * 10));

/** Row `y`'s colour-region overlay: every coloured region's mask, in drawing order, folded into one
 * affine map per pixel, a* -> mul·a* + oa, b* -> mul·b* + ob (each region moves a*b* toward its colour
 * at the pixel's L*, `l`: that row's L*, 0..100, by its coverage). False, leaving the arrays untouched,
 * where no coloured region covers the row. The CPU composer applies it per row, the WebGL2 composer
 * reads the same values from a texture. Keep-original masks are `paintKeep`'s. */
export function regionOverlayRow(masks: readonly RegionMask[], l: Float32Array, rowWidth: number, y: number, mul: Float32Array, oa: Float32Array, ob: Float32Array): boolean {
  let any = false;
  for (const m of masks) {
    if (m.region.keep || y < m.top || y >= m.top + m.height) continue;
    if (!any) {
      mul.fill(1, 0, rowWidth);
      oa.fill(0, 0, rowWidth);
      ob.fill(0, 0, rowWidth);
      any = true;
    }
    const colors = regionColors(m.region.a, m.region.b);
    const row = (y - m.top) * m.width;
    for (let x = 0; x < m.width; x++) {
      const k = m.alpha[row + x];
      if (k <= 0) continue;
      const i = m.left + x;
      if (i >= rowWidth) break;
      const c = 2 * tenths(l[i]);
      mul[i] *= 1 - k;
      oa[i] = oa[i] * (1 - k) + k * colors[c];
      ob[i] = ob[i] * (1 - k) + k * colors[c + 1];
    }
  }
  return any;
}

/** Interleaved pixels: `channels` samples each (RGB first), rows of `width`, the first at (`left`, `top`). */
export interface PixelBox {
  data: Uint8Array | Uint8ClampedArray | Uint16Array;
  channels: number;
  left: number;
  top: number;
  width: number;
}

/** Keep-original: the scan's own pixels (`own(m)`, at the output's depth, covering the mask's box)
 * through each keep mask, in drawing order, over the composed `out`. The preview (8-bit RGBA of the
 * display copy) and the export (16-bit RGB of the original) both paint with it. */
export async function paintKeep(masks: readonly RegionMask[], out: PixelBox, own: (m: RegionMask) => PixelBox | Promise<PixelBox>): Promise<void> {
  for (const m of masks) if (m.region.keep) paintKeepMask(m, out, await own(m));
}

/** `paintKeep` for one mask, synchronously. */
export function paintKeepMask(m: RegionMask, out: PixelBox, src: PixelBox): void {
  const d = out.data;
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      const k = m.alpha[y * m.width + x];
      if (k <= 0) continue;
      const px = m.left + x;
      const py = m.top + y;
      const s = src.channels * ((py - src.top) * src.width + px - src.left);
      const j = out.channels * ((py - out.top) * out.width + px - out.left);
      for (let c = 0; c < 3; c++) d[j + c] = k >= 1 ? src.data[s + c] : Math.round(d[j + c] + k * (src.data[s + c] - d[j + c]));
    }
  }
}

/** Combined keep-original coverage of row `y` (1 - Π(1 - k) over the keep masks: what painting them
 * one after another does to a pixel) into `into`; false, untouched, where none covers the row. */
export function keepRow(masks: readonly RegionMask[], rowWidth: number, y: number, into: Float32Array): boolean {
  let any = false;
  for (const m of masks) {
    if (!m.region.keep || y < m.top || y >= m.top + m.height) continue;
    if (!any) into.fill(0, 0, rowWidth);
    any = true;
    const row = (y - m.top) * m.width;
    for (let x = 0; x < m.width && m.left + x < rowWidth; x++) into[m.left + x] = 1 - (1 - into[m.left + x]) * (1 - m.alpha[row + x]);
  }
  return any;
}
