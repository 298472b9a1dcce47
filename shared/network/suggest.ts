// Suggested colours: the network's distribution over a*b* bins (ab_logits) at one place, as a short
// list of distinct colours with their probabilities.

export interface Suggestion {
  a: number;
  b: number;
  p: number;
}

export interface LogitGrid {
  /** [Q, h, w] planar scores. */
  logits: Float32Array;
  width: number;
  height: number;
  /** Bin centres (a*, b*), Q of them. */
  bins: readonly (readonly [number, number])[];
}

/** Most probable distinct colours at grid cell (x, y); bins closer than `spread` to a chosen one are merged into it. */
export function suggestColors(grid: LogitGrid, x: number, y: number, count: number, spread = 15): Suggestion[] {
  const q = grid.bins.length;
  const xi = Math.min(grid.width - 1, Math.max(0, Math.floor(x)));
  const yi = Math.min(grid.height - 1, Math.max(0, Math.floor(y)));
  const plane = grid.width * grid.height;
  const at = yi * grid.width + xi;
  let max = -Infinity;
  for (let k = 0; k < q; k++) max = Math.max(max, grid.logits[k * plane + at]);
  const p = new Float64Array(q);
  let sum = 0;
  for (let k = 0; k < q; k++) {
    p[k] = Math.exp(grid.logits[k * plane + at] - max);
    sum += p[k];
  }
  const order = Array.from({ length: q }, (_, k) => k).sort((i, j) => p[j] - p[i]);
  const out: Suggestion[] = [];
  for (const k of order) {
    const [a, b] = grid.bins[k];
    const near = out.find((s) => Math.hypot(s.a - a, s.b - b) < spread);
    if (near) near.p += p[k] / sum;
    else if (out.length < count) out.push({ a, b, p: p[k] / sum });
  }
  return out.sort((s, t) => t.p - s.p);
}
