// How far hints reach. The network spreads even a single stroke over every region that has no hint of
// its own (one blue stroke across a sky turns the grass below it blue). With a limited reach, each
// pixel of the result is pulled back toward the network's automatic colour (its answer with no hints)
// by its geodesic distance from the nearest hinted pixel, where crossing a tonal edge counts as a long
// way: colour stays in the regions the hints were placed in, and regions nobody hinted keep the
// network's own guess.
import type { Size } from './working-size';

/** Reach is the falloff distance as a fraction of the image diagonal; at this value hints reach everywhere. */
export const UNLIMITED_REACH = 1;

/** The reaches the studio offers, by the names it shows (and the export's XMP writes). */
export const REACH_CHOICES: readonly { value: number; label: string }[] = [
  { value: UNLIMITED_REACH, label: 'Everywhere' },
  { value: 0.5, label: 'Wide' },
  { value: 0.25, label: 'Their regions' },
  { value: 0.1, label: 'Near the hints' },
];

/** A reach by its name in the studio; one it does not offer (from a recipe or the CLI) as a share of the diagonal. */
export function reachName(reach: number): string {
  return REACH_CHOICES.find((c) => c.value === reach)?.label ?? `${Math.round(reach * 100)}% of the diagonal`;
}

/** Pixels of distance per L* of difference between neighbours, beyond the first few L* (grain is free). */
const EDGE_COST = 4;
const EDGE_FREE = 8;
/** Forward + backward sweeps: two rounds find paths that wind around obstacles. */
const ROUNDS = 2;

/** The cost of stepping between neighbours: length plus a charge for the tonal edge between them.
 * Depends only on the image, so it is computed once per image and reused for every edit. */
export interface StepCosts {
  size: Size;
  /** From pixel i to i + 1, i + w, i + w + 1 and i + w - 1. */
  right: Float32Array;
  down: Float32Array;
  downRight: Float32Array;
  downLeft: Float32Array;
}

/** `l` is L* / 100 at `size`, as the network sees it. */
export function stepCosts(l: Float32Array, size: Size): StepCosts {
  const { width: w, height: h } = size;
  const n = w * h;
  const cost = (i: number, j: number, length: number): number => {
    const edge = Math.abs(l[i] - l[j]) * 100 - EDGE_FREE;
    return length + (edge > 0 ? edge * EDGE_COST : 0);
  };
  const c = { size, right: new Float32Array(n).fill(Infinity), down: new Float32Array(n).fill(Infinity), downRight: new Float32Array(n).fill(Infinity), downLeft: new Float32Array(n).fill(Infinity) };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (x < w - 1) c.right[i] = cost(i, i + 1, 1);
      if (y < h - 1) {
        c.down[i] = cost(i, i + w, 1);
        if (x < w - 1) c.downRight[i] = cost(i, i + w + 1, Math.SQRT2);
        if (x > 0) c.downLeft[i] = cost(i, i + w - 1, Math.SQRT2);
      }
    }
  }
  return c;
}

/** Distance (in pixels, edges charged) of every pixel from the nearest hinted one: chamfer sweeps
 * over 8 neighbours. Steps off the image cost Infinity, so no bounds checks are needed inside. */
export function hintDistance(costs: StepCosts, mask: Float32Array): Float32Array {
  const { width: w, height: h } = costs.size;
  const { right, down, downRight, downLeft } = costs;
  const n = w * h;
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = mask[i] > 0 ? 0 : Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < n; i++) {
      let v = d[i];
      if (i >= 1 && d[i - 1] + right[i - 1] < v) v = d[i - 1] + right[i - 1];
      if (i >= w) {
        if (d[i - w] + down[i - w] < v) v = d[i - w] + down[i - w];
        if (i >= w + 1 && d[i - w - 1] + downRight[i - w - 1] < v) v = d[i - w - 1] + downRight[i - w - 1];
        if (d[i - w + 1] + downLeft[i - w + 1] < v) v = d[i - w + 1] + downLeft[i - w + 1];
      }
      d[i] = v;
    }
    for (let i = n - 1; i >= 0; i--) {
      let v = d[i];
      if (i + 1 < n && d[i + 1] + right[i] < v) v = d[i + 1] + right[i];
      if (i + w < n) {
        if (d[i + w] + down[i] < v) v = d[i + w] + down[i];
        if (i + w + 1 < n && d[i + w + 1] + downRight[i] < v) v = d[i + w + 1] + downRight[i];
        if (d[i + w - 1] + downLeft[i] < v) v = d[i + w - 1] + downLeft[i];
      }
      d[i] = v;
    }
  }
  return d;
}

/** Pull `ab` (planar a, b at `size`, as the network returns it) toward `auto` (the network's answer
 * without hints) by each pixel's distance from the hints: weight exp(-distance / (reach × diagonal)).
 * In place; nothing changes at unlimited reach. */
export function limitReach(ab: Float32Array, auto: Float32Array, costs: StepCosts, mask: Float32Array, reach: number): void {
  if (reach >= UNLIMITED_REACH) return;
  const size = costs.size;
  const d = hintDistance(costs, mask);
  const falloff = Math.max(1e-3, reach) * Math.hypot(size.width, size.height);
  const n = size.width * size.height;
  for (let i = 0; i < n; i++) {
    const k = Math.exp(-d[i] / falloff);
    ab[i] = auto[i] + k * (ab[i] - auto[i]);
    ab[n + i] = auto[n + i] + k * (ab[n + i] - auto[n + i]);
  }
}
