// The per-pixel core of full-resolution colour (see compose.ts): the original's L* row by row (from its
// samples, or from an already restored L* plane), the tone curve, joint bilateral upsampling of the
// network's a*b* guided by that L*, then L*a*b* to 16-bit sRGB. Pure: used on the services thread for
// small images and by the compose workers for large ones.
import { labToRgb16Into } from '../../../shared/lab-encoder';
import { samplesLightness, type Samples } from '../../../shared/lightness';
import { applyToneTable, toneTable, type ToneAdjust } from '../../../shared/tone';

export interface AbField {
  width: number;
  height: number;
  /** Planar a* / 110, b* / 110 as the network returns it. */
  ab: Float32Array;
  /** The L* / 100 the network saw, at the same size. */
  l: Float32Array;
}

/** Range weight by |ΔL*| in tenths: how much a low-resolution neighbour of a different tone counts. */
const SIGMA_L = 6;
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

/** What every row of one composition shares: source positions along both axes, the low-resolution
 * L* in tenths and the tone curve. Made once per image (or per worker), not per band. */
export interface ComposePlan {
  field: AbField;
  width: number;
  height: number;
  cols: Axis;
  rows: Axis;
  low10: Float32Array;
  tone: Float32Array | null;
}

export function planCompose(field: AbField, width: number, height: number, tone?: ToneAdjust): ComposePlan {
  const low10 = new Float32Array(field.l.length);
  for (let i = 0; i < low10.length; i++) low10[i] = field.l[i] * 1000; // L* in tenths, like lf10 below
  return { field, width, height, cols: axis(field.width, width), rows: axis(field.height, height), low10, tone: toneTable(tone) };
}

/** Row `y`'s L* (0..100), tone curve applied. */
function rowLightness(plan: ComposePlan, source: LightSource, y: number): Float32Array {
  const w = plan.width;
  if (source.kind === 'plane' && !plan.tone) return source.l.subarray(y * w, (y + 1) * w);
  const l = source.kind === 'samples' ? samplesLightness(source.samples, y * w, w) : source.l.slice(y * w, (y + 1) * w);
  if (plan.tone) applyToneTable(l, plan.tone);
  return l;
}

function composeRow(plan: ComposePlan, y: number, l: Float32Array, out: Uint16Array): void {
  const { field, low10, cols } = plan;
  const { width: w, ab } = field;
  const plane = w * field.height;
  const r0 = plan.rows.i0[y] * w;
  const r1 = plan.rows.i1[y] * w;
  const fy = plan.rows.f[y];
  const rowStart = y * plan.width;
  const { i0, i1, f } = cols;
  // `l` is this row's L*; `out` is the whole image.
  const n = f.length;
  for (let x = 0; x < n; x++) {
    const fx = f[x];
    const k0 = r0 + i0[x];
    const k1 = r0 + i1[x];
    const k2 = r1 + i0[x];
    const k3 = r1 + i1[x];
    const lf = l[x];
    const lf10 = lf * 10;
    // Bilinear weights, each scaled by how close the neighbour's tone is to this pixel's.
    const g0 = (1 - fx) * (1 - fy) * range(Math.abs(lf10 - low10[k0]));
    const g1 = fx * (1 - fy) * range(Math.abs(lf10 - low10[k1]));
    const g2 = (1 - fx) * fy * range(Math.abs(lf10 - low10[k2]));
    const g3 = fx * fy * range(Math.abs(lf10 - low10[k3]));
    const sum = g0 + g1 + g2 + g3;
    let a: number;
    let b: number;
    if (sum > 1e-6) {
      const k = 110 / sum;
      a = (g0 * ab[k0] + g1 * ab[k1] + g2 * ab[k2] + g3 * ab[k3]) * k;
      b = (g0 * ab[plane + k0] + g1 * ab[plane + k1] + g2 * ab[plane + k2] + g3 * ab[plane + k3]) * k;
    } else {
      const w0 = (1 - fx) * (1 - fy);
      const w1 = fx * (1 - fy);
      const w2 = (1 - fx) * fy;
      const w3 = fx * fy;
      a = (w0 * ab[k0] + w1 * ab[k1] + w2 * ab[k2] + w3 * ab[k3]) * 110;
      b = (w0 * ab[plane + k0] + w1 * ab[plane + k1] + w2 * ab[plane + k2] + w3 * ab[plane + k3]) * 110;
    }
    labToRgb16Into(lf, a, b, out, 3 * (rowStart + x));
  }
}

/** Compose rows [y0, y1) of the planned image into `out`. */
export function composeRows(plan: ComposePlan, source: LightSource, y0: number, y1: number, out: Uint16Array): void {
  for (let y = y0; y < y1; y++) composeRow(plan, y, rowLightness(plan, source, y), out);
}
