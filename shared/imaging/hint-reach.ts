// How far hints reach. The network spreads even a single stroke over every region that has no hint of
// its own (one blue stroke across a sky turns the grass below it blue). With a limited reach, each
// pixel of the result is pulled back toward the network's automatic colour (its answer with no hints)
// by its geodesic distance from the nearest hinted pixel, where crossing a tonal edge counts as a long
// way: colour stays in the regions the hints were placed in, and regions nobody hinted keep the
// network's own guess.
//
// The default reach, "up to strong edges", has no falloff with distance: a hint's colour goes wherever
// the network carries it until a strong tonal edge, and beyond one it fades toward the automatic colour.
// Only steps of the (slightly smoothed) L* larger than grain and soft shading are charged, so a sky's
// gradient or a face's modelling does not stop colour, while the outline of a building against it does.
import { ReachSchema, type Reach } from '../model/guidance-schema';
import { boxMean } from './box-mean';
import type { Size } from '../network/working-size';

/** Reach is the falloff distance as a fraction of the image diagonal; at this value hints reach everywhere. */
export const UNLIMITED_REACH = 1;
/** Hints reach everywhere short of a strong tonal edge: the default. */
export const EDGE_REACH = 'edges';
/** The reach of a guidance that names none. */
export const DEFAULT_REACH: Reach = EDGE_REACH;

/** The reaches the studio offers, by the names it shows (and the export's XMP writes). */
export const REACH_CHOICES: readonly { value: Reach; label: string }[] = [
  { value: EDGE_REACH, label: 'Up to strong edges' },
  { value: UNLIMITED_REACH, label: 'Everywhere' },
  { value: 0.5, label: 'Wide' },
  { value: 0.25, label: 'Their regions' },
  { value: 0.1, label: 'Near the hints' },
];

/** A reach by its name in the studio; one it does not offer (from a recipe or the CLI) as a share of the diagonal. */
export function reachName(reach: Reach): string {
  return REACH_CHOICES.find((c) => c.value === reach)?.label ?? `${Math.round(Number(reach) * 100)}% of the diagonal`;
}

/** A reach as a command line gives it: a share of the diagonal (0.02–1) or 'edges'; null if neither. */
export function parseReach(text: string): Reach | null {
  const r = ReachSchema.safeParse(text === EDGE_REACH ? text : Number(text));
  return r.success ? r.data : null;
}

/** Whether a reach changes anything: every one but "everywhere" (the network alone). */
export const limitsReach = (reach: Reach): boolean => reach === EDGE_REACH || reach < UNLIMITED_REACH;

/** How a step between neighbours is charged: `length` per pixel of length, plus `perL` per L* of
 * difference beyond the first `free` L*, measured on L* box-smoothed over `smooth` pixels each side. */
interface CostModel {
  length: number;
  free: number;
  perL: number;
  smooth: number;
}
/** The limited reaches: distance in pixels, a tonal edge counting 4 px per L* beyond the first 8 (grain is free). */
const LIMITED: CostModel = { length: 1, free: 8, perL: 4, smooth: 0 };
/** Up to strong edges: distance is only the L* of strong edges crossed (each step of the 3×3-smoothed
 * L* beyond 4), length is free, and the weight falls by e per 35 L* of them. Tuned on the protocol: the
 * least spill (npm run eval -- --bleeding) of the variants tried whose PSNR stays within 0.1 dB of the
 * network alone at every N. */
export const EDGE_STOP = { free: 4, scale: 35, smooth: 1 } as const;
const EDGES: CostModel = { length: 0, free: EDGE_STOP.free, perL: 1, smooth: EDGE_STOP.smooth };
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

/** `l` is L* / 100 at `size`, as the network sees it; the limited reaches' charges unless `model` is given. */
export function stepCosts(l: Float32Array, size: Size, model: CostModel = LIMITED): StepCosts {
  const { width: w, height: h } = size;
  const n = w * h;
  const v = model.smooth > 0 ? boxMean(l, w, h, model.smooth) : l;
  const cost = (i: number, j: number, length: number): number => {
    const edge = Math.abs(v[i] - v[j]) * 100 - model.free;
    return model.length * length + (edge > 0 ? edge * model.perL : 0);
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

/** The step costs of an image for each reach, computed when first asked for and kept. */
export class ReachField {
  private limited: StepCosts | null = null;
  private edges: StepCosts | null = null;
  constructor(
    readonly l: Float32Array,
    readonly size: Size,
  ) {}

  costs(reach: Reach): StepCosts {
    if (reach === EDGE_REACH) return (this.edges ??= stepCosts(this.l, this.size, EDGES));
    return (this.limited ??= stepCosts(this.l, this.size));
  }
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
 * without hints) by each pixel's distance from the hints: weight exp(-distance / falloff), the falloff
 * `reach` × the diagonal for a limited reach, or EDGE_STOP.scale L* of strong edges for the default.
 * In place; nothing changes at unlimited reach or without hints (the network's answer is then `auto`). */
export function applyReach(ab: Float32Array, auto: Float32Array, field: ReachField, mask: Float32Array, reach: Reach): void {
  if (!limitsReach(reach) || !mask.some((v) => v > 0)) return;
  const size = field.size;
  const d = hintDistance(field.costs(reach), mask);
  const falloff = reach === EDGE_REACH ? EDGE_STOP.scale : Math.max(1e-3, reach) * Math.hypot(size.width, size.height);
  const n = size.width * size.height;
  for (let i = 0; i < n; i++) {
    const k = Math.exp(-d[i] / falloff);
    ab[i] = auto[i] + k * (ab[i] - auto[i]);
    ab[n + i] = auto[n + i] + k * (ab[n + i] - auto[n + i]);
  }
}
