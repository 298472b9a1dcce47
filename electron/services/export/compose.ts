// Full-resolution colour: the network's a*b* (at the working size) upsampled to the original's size
// guided by the original's own L* (joint bilateral upsampling, Kopf et al. 2007), so colour stops at
// edges instead of bleeding across them, then recombined with that L* as 16-bit sRGB.
import { labToRgb16Into } from '../../../shared/lab-encoder';
import { fullLightness } from '../images/decode';
import type { Job } from '../jobs';

export interface AbField {
  width: number;
  height: number;
  /** Planar a* / 110, b* / 110 as the network returns it. */
  ab: Float32Array;
  /** The L* / 100 the network saw, at the same size. */
  l: Float32Array;
}

export interface Pixels16 {
  width: number;
  height: number;
  /** Interleaved 16-bit sRGB. */
  rgb: Uint16Array;
}

/** Range weight by |ΔL*| in tenths: how much a low-resolution neighbour of a different tone counts. */
const SIGMA_L = 6;
const RANGE = Float32Array.from({ length: 1001 }, (_, i) => Math.exp(-((i / 10) ** 2) / (2 * SIGMA_L * SIGMA_L)));

const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

interface Axis {
  i0: Int32Array;
  i1: Int32Array;
  f: Float32Array;
}

/** Half-pixel-centred source positions for every output index along one axis. */
function axis(src: number, out: number): Axis {
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

const rangeWeight = (lf: number, low: number): number => {
  const d = Math.abs(lf - low * 100) * 10;
  return RANGE[d > 1000 ? 1000 : d | 0];
};

function composeRow(field: AbField, cols: Axis, v0: number, v1: number, fy: number, l: Float32Array, rowStart: number, out: Uint16Array): void {
  const { width: w, ab, l: low } = field;
  const plane = w * field.height;
  const r0 = v0 * w;
  const r1 = v1 * w;
  for (let x = 0; x < cols.f.length; x++) {
    const fx = cols.f[x];
    const k0 = r0 + cols.i0[x];
    const k1 = r0 + cols.i1[x];
    const k2 = r1 + cols.i0[x];
    const k3 = r1 + cols.i1[x];
    const lf = l[rowStart + x];
    // Bilinear weights, each scaled by how close the neighbour's tone is to this pixel's.
    let w0 = (1 - fx) * (1 - fy);
    let w1 = fx * (1 - fy);
    let w2 = (1 - fx) * fy;
    let w3 = fx * fy;
    const g0 = w0 * rangeWeight(lf, low[k0]);
    const g1 = w1 * rangeWeight(lf, low[k1]);
    const g2 = w2 * rangeWeight(lf, low[k2]);
    const g3 = w3 * rangeWeight(lf, low[k3]);
    const sum = g0 + g1 + g2 + g3;
    if (sum > 1e-6) {
      w0 = g0 / sum;
      w1 = g1 / sum;
      w2 = g2 / sum;
      w3 = g3 / sum;
    }
    const a = w0 * ab[k0] + w1 * ab[k1] + w2 * ab[k2] + w3 * ab[k3];
    const b = w0 * ab[plane + k0] + w1 * ab[plane + k1] + w2 * ab[plane + k2] + w3 * ab[plane + k3];
    labToRgb16Into(lf, a * 110, b * 110, out, 3 * (rowStart + x));
  }
}

/** The colorized original at full size (or fitted inside `longSide`), progress from 0.1 to 0.9. */
export async function composeColor(original: Uint8Array, field: AbField, job: Job, longSide?: number): Promise<Pixels16> {
  job.progress(0.05, 'Reading the original');
  const { width, height, l } = await fullLightness(original, longSide);
  job.check();
  const rgb = new Uint16Array(width * height * 3);
  const cols = axis(field.width, width);
  const rows = axis(field.height, height);
  const band = Math.max(1, Math.floor(500_000 / width));
  for (let y = 0; y < height; y++) {
    composeRow(field, cols, rows.i0[y], rows.i1[y], rows.f[y], l, y * width, rgb);
    if (y % band === band - 1) {
      job.progress(0.1 + (0.8 * y) / height, 'Colorizing at full resolution');
      await yieldToLoop();
      job.check();
    }
  }
  return { width, height, rgb };
}
