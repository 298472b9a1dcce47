// Colour from a reference: classical exemplar-based transfer (after Welsh, Ashikhmin & Mueller 2002,
// "Transferring color to greyscale images"), proposing point hints rather than painting every pixel.
//
// The reference's L* is remapped to the scan's mean and spread (luminance remapping); both images get
// per-pixel statistics (L* smoothed over 3x3, its standard deviation over 5x5 and 11x11: the
// neighbourhood "texture"), and, where the network's prior offers them, its semantic features (contract
// 2's prior_feat4, compared by cosine). The reference is sampled on a jittered grid (skipping colour
// edges, whose a*b* is ambiguous); the scan is cut into cells, each anchored at its flattest pixel, and
// each anchor is matched to its nearest reference samples. The proposal's colour is the colour most of
// those neighbours agree on; its confidence is that agreement times how close the best match is.
// Pure and deterministic: the same inputs give the same proposals, in the same order.

export interface FeatureMap {
  width: number;
  height: number;
  channels: number;
  /** Planar [channels, height, width]. */
  data: Float32Array;
}

export interface TransferScan {
  width: number;
  height: number;
  /** L* (0..100) per pixel. */
  l: Float32Array;
  features?: FeatureMap;
  /** How sure the network is of its own colour (contract 2's prior_sure, one channel), where offered. */
  certainty?: FeatureMap;
}

export interface TransferReference extends TransferScan {
  a: Float32Array;
  b: Float32Array;
}

export interface TransferOptions {
  /** Cells along the scan's long side (the proposals at most are about cells² · aspect). */
  cells?: number;
  /** Proposals below this confidence are dropped. */
  minConfidence?: number;
  maxProposals?: number;
  /** Weight of the prior's features against the classical statistics (0: the classical match alone). */
  deepWeight?: number;
  /** With `scan.certainty`: leave out this share of the cells where the network is surest (0: none). */
  skipSure?: number;
  /** Called between rows of cells: report progress (0..1), and throw or pause there (cancel, yield). */
  step?: (done: number) => Promise<void> | void;
}

/** One proposed hint, in the scan's and the reference's pixel grids (the sizes given). */
export interface Proposal {
  x: number;
  y: number;
  a: number;
  b: number;
  confidence: number;
  refX: number;
  refY: number;
}

export const TRANSFER_DEFAULTS = { cells: 16, minConfidence: 0.35, maxProposals: 64, deepWeight: 6 } as const;

interface Stats {
  mean3: Float32Array;
  std5: Float32Array;
  std11: Float32Array;
}

/** Box mean and standard deviation of radius r at every pixel (integral images; edges clamp the box). */
function boxStats(v: Float32Array, w: number, h: number, r: number): { mean: Float32Array; std: Float32Array } {
  const W = w + 1;
  const s1 = new Float64Array(W * (h + 1));
  const s2 = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let row1 = 0;
    let row2 = 0;
    for (let x = 0; x < w; x++) {
      const q = v[y * w + x];
      row1 += q;
      row2 += q * q;
      s1[(y + 1) * W + x + 1] = s1[y * W + x + 1] + row1;
      s2[(y + 1) * W + x + 1] = s2[y * W + x + 1] + row2;
    }
  }
  const mean = new Float32Array(w * h);
  const std = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const n = (y1 - y0) * (x1 - x0);
      const a = s1[y1 * W + x1] - s1[y0 * W + x1] - s1[y1 * W + x0] + s1[y0 * W + x0];
      const b = s2[y1 * W + x1] - s2[y0 * W + x1] - s2[y1 * W + x0] + s2[y0 * W + x0];
      const m = a / n;
      mean[y * w + x] = m;
      std[y * w + x] = Math.sqrt(Math.max(0, b / n - m * m));
    }
  }
  return { mean, std };
}

function statsOf(l: Float32Array, w: number, h: number): Stats {
  return { mean3: boxStats(l, w, h, 1).mean, std5: boxStats(l, w, h, 2).std, std11: boxStats(l, w, h, 5).std };
}

function meanStd(v: Float32Array): [number, number] {
  let s = 0;
  for (const q of v) s += q;
  const m = s / v.length;
  let d = 0;
  for (const q of v) d += (q - m) ** 2;
  return [m, Math.sqrt(d / v.length)];
}

/** The unit feature vector at a pixel of the image grid (w x h), read from the feature map's own grid. */
function featureAt(f: FeatureMap, x: number, y: number, w: number, h: number): Float32Array {
  const fx = Math.min(f.width - 1, Math.floor(((x + 0.5) * f.width) / w));
  const fy = Math.min(f.height - 1, Math.floor(((y + 0.5) * f.height) / h));
  const out = new Float32Array(f.channels);
  const plane = f.width * f.height;
  let norm = 0;
  for (let c = 0; c < f.channels; c++) {
    const q = f.data[c * plane + fy * f.width + fx];
    out[c] = q;
    norm += q * q;
  }
  norm = Math.sqrt(norm) || 1;
  for (let c = 0; c < f.channels; c++) out[c] /= norm;
  return out;
}

/** One channel's value at a pixel of the image grid (w x h), read from the map's own grid. */
function featureValue(f: FeatureMap, x: number, y: number, w: number, h: number): number {
  const fx = Math.min(f.width - 1, Math.floor(((x + 0.5) * f.width) / w));
  const fy = Math.min(f.height - 1, Math.floor(((y + 0.5) * f.height) / h));
  return f.data[fy * f.width + fx];
}

/** A fixed pseudo-random integer per grid position (the sampling jitter): no state, so no order effects. */
function hash(i: number, j: number): number {
  let h = Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

interface Sample {
  x: number;
  y: number;
  f: [number, number, number];
  deep: Float32Array | null;
  a: number;
  b: number;
}

// Feature scales: a difference of this much counts as one unit of distance.
const L_UNIT = 8;
const TEXTURE_UNIT = 4;
/** Neighbours consulted per cell, and how far apart (a*b*) two of them may be and still agree. */
const K = 12;
const AGREE_AB = 12;
/** Reference samples whose a*b* varies more than this over 5x5 sit on colour edges: skipped. */
const EDGE_AB = 10;

function referenceSamples(ref: TransferReference, scanMean: number, scanStd: number, useDeep: boolean): Sample[] {
  const { width: w, height: h } = ref;
  const [m, s] = meanStd(ref.l);
  const gain = s > 1e-3 ? scanStd / s : 1;
  const remapped = Float32Array.from(ref.l, (q) => (q - m) * gain + scanMean);
  const st = statsOf(remapped, w, h);
  const aStats = boxStats(ref.a, w, h, 2);
  const bStats = boxStats(ref.b, w, h, 2);
  const a3 = boxStats(ref.a, w, h, 1).mean;
  const b3 = boxStats(ref.b, w, h, 1).mean;
  const step = Math.max(2, Math.round(Math.sqrt((w * h) / 4096)));
  const out: Sample[] = [];
  for (let gy = 0; gy * step < h; gy++) {
    for (let gx = 0; gx * step < w; gx++) {
      const r = hash(gx, gy);
      const x = Math.min(w - 1, gx * step + (r % step));
      const y = Math.min(h - 1, gy * step + ((r >>> 8) % step));
      const i = y * w + x;
      if (Math.hypot(aStats.std[i], bStats.std[i]) > EDGE_AB) continue;
      out.push({
        x,
        y,
        f: [st.mean3[i] / L_UNIT, st.std5[i] / TEXTURE_UNIT, st.std11[i] / TEXTURE_UNIT],
        deep: useDeep && ref.features ? featureAt(ref.features, x, y, w, h) : null,
        a: a3[i],
        b: b3[i],
      });
    }
  }
  return out;
}

/** The indices of the k smallest distances, nearest first (ties: the lower index first), as a sort
 * would give them, in one pass. */
export function nearestK(dist: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < dist.length; i++) {
    const d = dist[i];
    if (best.length === k && d >= dist[best[k - 1]]) continue;
    let j = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(i);
    while (j > 0 && dist[best[j - 1]] > d) {
      best[j] = best[j - 1];
      j--;
    }
    best[j] = i;
  }
  return best;
}

/** Proposed hints for `scan` from `ref`, most confident first. */
export async function transferProposals(scan: TransferScan, ref: TransferReference, o: TransferOptions = {}): Promise<Proposal[]> {
  const cells = o.cells ?? TRANSFER_DEFAULTS.cells;
  const minConfidence = o.minConfidence ?? TRANSFER_DEFAULTS.minConfidence;
  const maxProposals = o.maxProposals ?? TRANSFER_DEFAULTS.maxProposals;
  const { width: w, height: h } = scan;
  const deepWeight = o.deepWeight ?? TRANSFER_DEFAULTS.deepWeight;
  const useDeep = deepWeight > 0 && Boolean(scan.features && ref.features && scan.features.channels === ref.features.channels);
  const [scanMean, scanStd] = meanStd(scan.l);
  const samples = referenceSamples(ref, scanMean, scanStd, useDeep);
  if (samples.length === 0) return [];
  const st = statsOf(scan.l, w, h);
  const size = Math.max(4, Math.ceil(Math.max(w, h) / cells));
  const rows = Math.ceil(h / size);
  const cols = Math.ceil(w / size);
  const found: (Proposal & { order: number; sure: number })[] = [];
  /** When there are more proposals than wanted, equally confident ones (in steps of 0.05) are taken in
   * a fixed scattered order of their cells, so the cap thins them across the image, not row by row. */
  const band = (c: number): number => Math.round(c * 20);
  const dist = new Float64Array(samples.length);
  for (let cy = 0; cy < rows; cy++) {
    await o.step?.(cy / rows);
    for (let cx = 0; cx < cols; cx++) {
      // The cell's flattest pixel, away from its border: a hint there sits inside one surface.
      const x0 = cx * size;
      const y0 = cy * size;
      const x1 = Math.min(w, x0 + size);
      const y1 = Math.min(h, y0 + size);
      const m = Math.min(2, Math.floor((x1 - x0) / 4), Math.floor((y1 - y0) / 4));
      let best = -1;
      for (let y = y0 + m; y < y1 - m; y++) {
        for (let x = x0 + m; x < x1 - m; x++) {
          const i = y * w + x;
          if (best < 0 || st.std5[i] < st.std5[best]) best = i;
        }
      }
      if (best < 0) continue;
      const L = st.mean3[best];
      if (L < 6 || L > 97) continue; // colour barely shows in near black and near white
      const px = best % w;
      const py = Math.floor(best / w);
      const f = [L / L_UNIT, st.std5[best] / TEXTURE_UNIT, st.std11[best] / TEXTURE_UNIT];
      const deep = useDeep && scan.features ? featureAt(scan.features, px, py, w, h) : null;
      for (let k = 0; k < samples.length; k++) {
        const s = samples[k];
        let d = (s.f[0] - f[0]) ** 2 + (s.f[1] - f[1]) ** 2 + (s.f[2] - f[2]) ** 2;
        if (deep && s.deep) {
          let dot = 0;
          for (let c = 0; c < deep.length; c++) dot += deep[c] * s.deep[c];
          d += (deepWeight * (1 - dot)) ** 2;
        }
        dist[k] = d;
      }
      const nearest = nearestK(dist, K);
      const weights = nearest.map((k) => Math.exp(-dist[k] / 2));
      const total = weights.reduce((t, v) => t + v, 0) || 1;
      // The colour the most (weighted) neighbours agree on, and the mean of those that agree.
      let pick = 0;
      let support = -1;
      for (let i = 0; i < nearest.length; i++) {
        let sup = 0;
        for (let j = 0; j < nearest.length; j++) {
          if (Math.hypot(samples[nearest[i]].a - samples[nearest[j]].a, samples[nearest[i]].b - samples[nearest[j]].b) < AGREE_AB) sup += weights[j];
        }
        if (sup > support + 1e-12) {
          support = sup;
          pick = i;
        }
      }
      let a = 0;
      let b = 0;
      let n = 0;
      let refAt = nearest[pick];
      for (let j = 0; j < nearest.length; j++) {
        const s = samples[nearest[j]];
        if (Math.hypot(samples[nearest[pick]].a - s.a, samples[nearest[pick]].b - s.b) < AGREE_AB) {
          a += weights[j] * s.a;
          b += weights[j] * s.b;
          n += weights[j];
          if (dist[nearest[j]] < dist[refAt]) refAt = nearest[j];
        }
      }
      const closeness = Math.exp(-dist[nearest[0]] / 4);
      const confidence = Math.min(1, (support / total) * (0.5 + 0.5 * closeness));
      if (confidence < minConfidence || n === 0) continue;
      const sure = scan.certainty ? featureValue(scan.certainty, px, py, w, h) : 0;
      found.push({ x: px, y: py, a: a / n, b: b / n, confidence, refX: samples[refAt].x, refY: samples[refAt].y, order: hash(cx + 7, cy + 13), sure });
    }
  }
  await o.step?.(1);
  let kept = found;
  if (scan.certainty && o.skipSure) {
    // By rank (ties in a fixed order), so equal certainties never drop more than the share asked.
    const keep = Math.ceil(found.length * (1 - o.skipSure));
    kept = [...found].sort((p, q) => p.sure - q.sure || p.order - q.order || p.y - q.y || p.x - q.x).slice(0, keep);
  }
  kept.sort((p, q) => band(q.confidence) - band(p.confidence) || p.order - q.order || p.y - q.y || p.x - q.x);
  return kept.slice(0, maxProposals).map(({ order: _, sure: __, ...p }) => p);
}
