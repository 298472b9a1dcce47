// The row composer: the one per-pixel kernel of colour for the export (16-bit RGB at full resolution,
// on the services thread or across compose workers) and the preview (8-bit RGBA at the display size, in
// the renderer's worker; renderer/src/preview/gl-composer.ts is the same arithmetic as a WebGL2 shader).
// Per row: the scan's L* (from its samples, or from an already restored L* plane), the tone curve,
// joint bilateral upsampling of the network's a*b* guided by that L* (Kopf et al. 2007: colour stops at
// the scan's edges), the coloured regions' overlay (region-mask.ts), then L*a*b* to sRGB (lab.ts).
// Keep-original regions are painted over the result afterwards with region-mask.ts's `paintKeep`.
import { encodeTable16, encodeTable8, labEncodeInto, type EncodeTable } from './lab';
import { keepRow, paintKeepMask, regionOverlayRow, type LightnessRows, type RegionMask } from './region-mask';
import { samplesLightness, type Samples } from './lightness';
import { applyToneTable, toneTable, type ToneAdjust } from './tone';

export interface AbField {
  width: number;
  height: number;
  /** Planar a* / 110, b* / 110 as the network returns it. */
  ab: Float32Array;
  /** The L* / 100 the network saw, at the same size. */
  l: Float32Array;
}

/** σ of the range weight, in L*: how much a low-resolution neighbour of a different tone counts. */
export const SIGMA_L = 6;
/** The range weight by |ΔL*| in tenths (0..1000). */
const RANGE = Float32Array.from({ length: 1001 }, (_, i) => Math.exp(-((i / 10) ** 2) / (2 * SIGMA_L * SIGMA_L)));

interface Axis {
  i0: Int32Array;
  i1: Int32Array;
  f: Float32Array;
}

/** Half-pixel-centred source positions for every output index along one axis. */
export function axis(src: number, out: number): Axis {
  const i0 = new Int32Array(out);
  const i1 = new Int32Array(out);
  const f = new Float32Array(out);
  for (let d = 0; d < out; d++) {
    const s = Math.min(src - 1, Math.max(0, ((d + 0.5) * src) / out - 0.5));
    i0[d] = Math.floor(s);
    i1[d] = Math.min(src - 1, i0[d] + 1);
    f[d] = s - i0[d];
  }
  return { i0, i1, f };
}

/** Range weight for a difference in tenths of L* (clamped to the table). */
const range = (tenths: number): number => RANGE[tenths > 1000 ? 1000 : tenths | 0];

/** Where full-resolution L* comes from: the decoded samples (converted row by row, in parallel), or a
 * whole plane when spatial repairs (dust, denoise) had to see all of it first. */
export type LightSource = { kind: 'samples'; samples: Samples } | { kind: 'plane'; l: Float32Array };

/** What the composer writes: interleaved 16-bit RGB (the export) or 8-bit RGBA (the preview, alpha 255). */
export type Sink = { kind: 'rgb16'; data: Uint16Array } | { kind: 'rgba8'; data: Uint8ClampedArray };

/** What every row of one composition shares: source positions along both axes, the low-resolution
 * L* in tenths, the tone curve and the coloured regions' masks. Made once per image (or per worker). */
export interface ComposePlan {
  field: AbField;
  width: number;
  height: number;
  cols: Axis;
  rows: Axis;
  low10: Float32Array;
  tone: Float32Array | null;
  masks: readonly RegionMask[];
}

export function planCompose(field: AbField, width: number, height: number, tone?: ToneAdjust, masks: readonly RegionMask[] = []): ComposePlan {
  const low10 = new Float32Array(field.l.length);
  for (let i = 0; i < low10.length; i++) low10[i] = field.l[i] * 1000; // L* in tenths, like lf10 below
  return { field, width, height, cols: axis(field.width, width), rows: axis(field.height, height), low10, tone: toneTable(tone), masks };
}

/** Rows [y0, y1) of the restored L* (0..100, tone curve applied) of an image `width` wide. */
export function lightnessRows(source: LightSource, width: number, tone?: ToneAdjust | Float32Array | null): LightnessRows {
  const lut = tone instanceof Float32Array || tone === null ? tone : toneTable(tone);
  return (y0, y1) => {
    if (source.kind === 'plane' && !lut) return source.l.subarray(y0 * width, y1 * width);
    const l = source.kind === 'samples' ? samplesLightness(source.samples, y0 * width, (y1 - y0) * width) : source.l.slice(y0 * width, y1 * width);
    if (lut) applyToneTable(l, lut);
    return l;
  };
}

/** Row scratch: the upsampled a*, b* and the overlay's three terms. */
interface Scratch {
  a: Float32Array;
  b: Float32Array;
  mul: Float32Array;
  oa: Float32Array;
  ob: Float32Array;
}

const scratchFor = (w: number): Scratch => ({ a: new Float32Array(w), b: new Float32Array(w), mul: new Float32Array(w), oa: new Float32Array(w), ob: new Float32Array(w) });

/** Row `y`'s a*, b*: the field's, upsampled guided by this row's L* `l`. */
function upsampleRow(plan: ComposePlan, y: number, l: Float32Array, s: Scratch): void {
  const { field, low10, cols } = plan;
  const { width: w, ab } = field;
  const plane = w * field.height;
  const r0 = plan.rows.i0[y] * w;
  const r1 = plan.rows.i1[y] * w;
  const fy = plan.rows.f[y];
  const { i0, i1, f } = cols;
  const n = f.length;
  for (let x = 0; x < n; x++) {
    const fx = f[x];
    const k0 = r0 + i0[x];
    const k1 = r0 + i1[x];
    const k2 = r1 + i0[x];
    const k3 = r1 + i1[x];
    const lf10 = l[x] * 10;
    // Bilinear weights, each scaled by how close the neighbour's tone is to this pixel's; where every
    // neighbour is of another tone the weights fall to nothing, and plain bilinear stands in.
    const w0 = (1 - fx) * (1 - fy);
    const w1 = fx * (1 - fy);
    const w2 = (1 - fx) * fy;
    const w3 = fx * fy;
    let g0 = w0 * range(Math.abs(lf10 - low10[k0]));
    let g1 = w1 * range(Math.abs(lf10 - low10[k1]));
    let g2 = w2 * range(Math.abs(lf10 - low10[k2]));
    let g3 = w3 * range(Math.abs(lf10 - low10[k3]));
    if (g0 + g1 + g2 + g3 <= 1e-6) {
      g0 = w0;
      g1 = w1;
      g2 = w2;
      g3 = w3;
    }
    const k = 110 / (g0 + g1 + g2 + g3);
    s.a[x] = (g0 * ab[k0] + g1 * ab[k1] + g2 * ab[k2] + g3 * ab[k3]) * k;
    s.b[x] = (g0 * ab[plane + k0] + g1 * ab[plane + k1] + g2 * ab[plane + k2] + g3 * ab[plane + k3]) * k;
  }
}

function composeRow(plan: ComposePlan, y: number, l: Float32Array, s: Scratch, sink: Sink, t: EncodeTable): void {
  upsampleRow(plan, y, l, s);
  const w = plan.width;
  const { a, b } = s;
  if (plan.masks.length && regionOverlayRow(plan.masks, l, w, y, s.mul, s.oa, s.ob)) {
    for (let x = 0; x < w; x++) {
      a[x] = s.mul[x] * a[x] + s.oa[x];
      b[x] = s.mul[x] * b[x] + s.ob[x];
    }
  }
  const out = sink.data;
  if (sink.kind === 'rgb16') {
    for (let x = 0, j = 3 * y * w; x < w; x++, j += 3) labEncodeInto(t, l[x], a[x], b[x], out, j);
    return;
  }
  for (let x = 0, j = 4 * y * w; x < w; x++, j += 4) {
    labEncodeInto(t, l[x], a[x], b[x], out, j);
    out[j + 3] = 255;
  }
}

/** Compose rows [y0, y1) of the planned image into `sink` (the whole image's buffer). */
export function composeRows(plan: ComposePlan, source: LightSource, y0: number, y1: number, sink: Sink): void {
  const rows = lightnessRows(source, plan.width, plan.tone);
  const s = scratchFor(plan.width);
  const t = sink.kind === 'rgb16' ? encodeTable16() : encodeTable8();
  for (let y = y0; y < y1; y++) composeRow(plan, y, rows(y, y + 1), s, sink, t);
}

/** The preview's network result as the composer's field: interleaved Int8 a*, b* pairs and the L* the
 * network saw as 8-bit codes (L* / 100 · 255), both at the working size. */
export function fieldOfPreview(width: number, height: number, ab: Int8Array, l8: Uint8Array): AbField {
  const n = width * height;
  const planar = new Float32Array(2 * n);
  const l = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    planar[i] = ab[2 * i] / 110;
    planar[n + i] = ab[2 * i + 1] / 110;
    l[i] = l8[i] / 255;
  }
  return { width, height, ab: planar, l };
}

/** The L* the network saw (L* / 100 at the working size) as the preview carries it: 8-bit codes. */
export function quantiseLightness(l: Float32Array): Uint8Array {
  const out = new Uint8Array(l.length);
  for (let i = 0; i < l.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(l[i] * 255)));
  return out;
}

/** The display copy the preview paints over: its restored L* and its own RGBA (for keep-original). */
export interface DisplayImage {
  width: number;
  height: number;
  l: Float32Array;
  rgba: Uint8ClampedArray | Uint8Array;
}

/** The preview at the display size, into RGBA `out`: the export's row composer, then the keep-original
 * masks over the display copy's own pixels. The CPU path of the preview (and the reference the
 * WebGL2 path is tested against). */
export function composeDisplay(image: DisplayImage, field: AbField, masks: readonly RegionMask[], out: Uint8ClampedArray): void {
  const { width, height } = image;
  composeRows(planCompose(field, width, height, undefined, masks), { kind: 'plane', l: image.l }, 0, height, { kind: 'rgba8', data: out });
  const box = (data: Uint8ClampedArray | Uint8Array) => ({ data, channels: 4, left: 0, top: 0, width });
  for (const m of masks) if (m.region.keep) paintKeepMask(m, box(out), box(image.rgba));
}

/** Every region as one layer at the image size, four floats a pixel: the colour overlay (mul, oa, ob,
 * see `regionOverlayRow`) and the combined keep-original coverage (`keepRow`); null without regions.
 * What the WebGL2 composer reads instead of walking the masks per pixel. `l`: the restored L*. */
export function regionLayer(masks: readonly RegionMask[], l: Float32Array, width: number, height: number): Float32Array | null {
  if (masks.length === 0) return null;
  const out = new Float32Array(4 * width * height);
  const s = scratchFor(width);
  const keep = s.a;
  for (let y = 0; y < height; y++) {
    const colour = regionOverlayRow(masks, l.subarray(y * width, (y + 1) * width), width, y, s.mul, s.oa, s.ob);
    const kept = keepRow(masks, width, y, keep);
    for (let x = 0, j = 4 * y * width; x < width; x++, j += 4) {
      out[j] = colour ? s.mul[x] : 1;
      out[j + 1] = colour ? s.oa[x] : 0;
      out[j + 2] = colour ? s.ob[x] : 0;
      out[j + 3] = kept ? keep[x] : 0;
    }
  }
  return out;
}
