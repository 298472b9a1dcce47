// Grain matching for dust repairs: a median fill is smooth, so on a grainy scan the repair shows as a
// flat patch. The surrounding texture's statistics (its grain amplitude and how much neighbouring grain
// pixels agree) are measured in a ring around the repaired pixels, and noise with those statistics is
// synthesised into them. The noise is a pure function of (seed, x, y), so the same recipe gives the
// same pixels at the same size: preview and export run this one implementation (shared/imaging/restore.ts).

export interface GrainStats {
  /** Standard deviation of the texture about its local mean, in the plane's units. */
  sigma: number;
  /** Correlation of horizontally/vertically adjacent grain pixels, clamped to [0, 0.45]. */
  rho: number;
  /** Ring pixels the statistics came from. */
  samples: number;
}

/** Radius of the box the local mean is taken over: wide enough not to absorb the grain itself. */
const MEAN_RADIUS = 3;

/** A 32-bit seed from a string (FNV-1a), e.g. a stroke's id. */
export function grainSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hash(seed: number, x: number, y: number, k: number): number {
  let h = Math.imul(seed ^ Math.imul(x, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(y + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(k, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** A standard normal value that depends only on (seed, x, y) (Box–Muller on two hashes). */
function gaussian(seed: number, x: number, y: number): number {
  const u = Math.max(1e-12, hash(seed, x, y, 1));
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * hash(seed, x, y, 2));
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function maskBox(mask: Uint8Array, w: number, h: number, margin: number): Box | null {
  let x0 = w;
  let y0 = h;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return null;
  return { x0: Math.max(0, x0 - margin), y0: Math.max(0, y0 - margin), x1: Math.min(w - 1, x1 + margin), y1: Math.min(h - 1, y1 + margin) };
}

/** Summed-area table over `box` of f(i) (i the plane index), one row and column of zeros in front. */
function summed(box: Box, w: number, f: (i: number) => number): { at: (x0: number, y0: number, x1: number, y1: number) => number } {
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  const t = new Float64Array((bw + 1) * (bh + 1));
  for (let y = 0; y < bh; y++) {
    let row = 0;
    for (let x = 0; x < bw; x++) {
      row += f((box.y0 + y) * w + box.x0 + x);
      t[(y + 1) * (bw + 1) + x + 1] = t[y * (bw + 1) + x + 1] + row;
    }
  }
  const clampX = (x: number): number => Math.min(bw, Math.max(0, x - box.x0));
  const clampY = (y: number): number => Math.min(bh, Math.max(0, y - box.y0));
  return {
    /** Sum over the inclusive rectangle, clipped to the box. */
    at: (ax, ay, bx, by) => {
      const X0 = clampX(ax);
      const Y0 = clampY(ay);
      const X1 = clampX(bx + 1);
      const Y1 = clampY(by + 1);
      return t[Y1 * (bw + 1) + X1] - t[Y0 * (bw + 1) + X1] - t[Y1 * (bw + 1) + X0] + t[Y0 * (bw + 1) + X0];
    },
  };
}

/** The grain of the unmasked pixels within `ring` pixels of the mask: deviation from a local mean of
 * unmasked pixels, and the adjacent-pixel correlation of that deviation. */
export function measureGrain(l: Float32Array, w: number, h: number, mask: Uint8Array, ring: number): GrainStats {
  const box = maskBox(mask, w, h, ring + MEAN_RADIUS + 1);
  if (!box) return { sigma: 0, rho: 0, samples: 0 };
  const free = summed(box, w, (i) => (mask[i] ? 0 : 1));
  const value = summed(box, w, (i) => (mask[i] ? 0 : l[i]));
  const masked = summed(box, w, (i) => mask[i]);
  const bw = box.x1 - box.x0 + 1;
  const res = new Float64Array(bw * (box.y1 - box.y0 + 1)).fill(NaN);
  let sum2 = 0;
  let n = 0;
  let correction = 0;
  for (let y = box.y0; y <= box.y1; y++) {
    for (let x = box.x0; x <= box.x1; x++) {
      const i = y * w + x;
      if (mask[i] || masked.at(x - ring, y - ring, x + ring, y + ring) === 0) continue;
      const count = free.at(x - MEAN_RADIUS, y - MEAN_RADIUS, x + MEAN_RADIUS, y + MEAN_RADIUS);
      if (count < 9) continue;
      const r = l[i] - value.at(x - MEAN_RADIUS, y - MEAN_RADIUS, x + MEAN_RADIUS, y + MEAN_RADIUS) / count;
      res[(y - box.y0) * bw + x - box.x0] = r;
      sum2 += r * r;
      correction += 1 - 1 / count; // E[r²] = σ²(1 − 1/count) for uncorrelated grain
      n++;
    }
  }
  if (n < 8 || sum2 === 0) return { sigma: 0, rho: 0, samples: n };
  let cross = 0;
  let pairs = 0;
  for (let i = 0; i < res.length; i++) {
    if (Number.isNaN(res[i])) continue;
    const right = (i + 1) % bw !== 0 ? res[i + 1] : NaN;
    const down = res[i + bw];
    for (const next of [right, down]) {
      if (next === undefined || Number.isNaN(next)) continue;
      cross += res[i] * next;
      pairs++;
    }
  }
  const variance = sum2 / correction;
  const rho = pairs > 0 ? Math.min(0.45, Math.max(0, cross / pairs / (sum2 / n))) : 0;
  return { sigma: Math.sqrt(variance), rho, samples: n };
}

/** Add grain with `stats` to the masked pixels of `l`, clamped to [lo, hi]. The field is white noise
 * mixed with its four neighbours by β so adjacent values correlate by ρ = 2β / (1 + 4β²). */
export function synthesizeGrain(l: Float32Array, w: number, h: number, mask: Uint8Array, stats: GrainStats, seed: number, lo: number, hi: number): void {
  if (stats.sigma <= 0) return;
  const rho = stats.rho;
  const beta = rho > 1e-6 ? (1 - Math.sqrt(1 - 4 * rho * rho)) / (4 * rho) : 0;
  const gain = stats.sigma / Math.sqrt(1 + 4 * beta * beta);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!mask[i]) continue;
      let v = gaussian(seed, x, y);
      if (beta > 0) v += beta * (gaussian(seed, x - 1, y) + gaussian(seed, x + 1, y) + gaussian(seed, x, y - 1) + gaussian(seed, x, y + 1));
      l[i] = Math.min(hi, Math.max(lo, l[i] + gain * v));
    }
  }
}

/** Measure the grain around the masked pixels and give them the same grain (deterministic in `seed`). */
export function matchGrain(l: Float32Array, w: number, h: number, mask: Uint8Array, ring: number, seed: number, range: [number, number]): GrainStats {
  const stats = measureGrain(l, w, h, mask, ring);
  synthesizeGrain(l, w, h, mask, stats, seed, range[0], range[1]);
  return stats;
}
