// Edge-aware selection: the magic wand grows a selection over pixels of similar L* and stops at
// edges; the magnetic lasso moves a drawn outline onto the scan's nearest strong edges. Both work on
// a pyramid of the scan's L* so an update stays within a blink on a large scan: the wand grows at
// the largest level of at most SELECT_PIXELS, and when the selection is committed it is refined at
// the pyramid's base (the band around the coarse outline is grown again there), then traced into one
// polygon in original coordinates: every outline and hole, joined by zero-width bridges, so the
// even-odd fill of shared/model/guidance.ts gives back exactly the selected pixels. The region it becomes
// snaps to the scan's edges (shared/region-mask.ts) like any region with "snap to edges" on.
import type { Point } from '../model/guidance';
import { MAX_REGION_POINTS } from '../ipc/limits';
import type { Size } from '../network/working-size';

/** The wand grows at the largest pyramid level with at most this many pixels. */
export const SELECT_PIXELS = 1 << 20;
/** The wand's default tolerance, in L*. */
export const DEFAULT_TOLERANCE = 12;
/** Components smaller than this share of the level are dropped from the outline. */
const SPECK = 16;

export interface Level extends Size {
  /** L* (0..100), row-major. */
  l: Float32Array;
  /** Original pixels per pixel of this level. */
  scale: number;
  /** L* box-smoothed over SMOOTH pixels each side, which the wand grows on (made when first needed). */
  smooth?: Float32Array;
}

/** Grain and texture are smoothed over this radius (level pixels) before the wand compares L*. */
const SMOOTH = 2;

/** A level's smoothed L*, made once. */
function smoothOf(v: Level): Float32Array {
  if (v.smooth) return v.smooth;
  const { width: w, height: h, l } = v;
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let s = 0;
    for (let x = 0; x < Math.min(w, SMOOTH); x++) s += l[o + x];
    for (let x = 0; x < w; x++) {
      if (x + SMOOTH < w) s += l[o + x + SMOOTH];
      if (x - SMOOTH - 1 >= 0) s -= l[o + x - SMOOTH - 1];
      tmp[o + x] = s / (Math.min(w - 1, x + SMOOTH) - Math.max(0, x - SMOOTH) + 1);
    }
  }
  for (let x = 0; x < w; x++) {
    let s = 0;
    for (let y = 0; y < Math.min(h, SMOOTH); y++) s += tmp[y * w + x];
    for (let y = 0; y < h; y++) {
      if (y + SMOOTH < h) s += tmp[(y + SMOOTH) * w + x];
      if (y - SMOOTH - 1 >= 0) s -= tmp[(y - SMOOTH - 1) * w + x];
      out[y * w + x] = s / (Math.min(h - 1, y + SMOOTH) - Math.max(0, y - SMOOTH) + 1);
    }
  }
  v.smooth = out;
  return out;
}

/** Level 0 is the given L* (scale `baseScale`); each next one halves it by 2×2 means. */
export function lightnessPyramid(l: Float32Array, size: Size, baseScale = 1, smallest = 64): Level[] {
  const levels: Level[] = [{ ...size, l, scale: baseScale }];
  for (;;) {
    const prev = levels[levels.length - 1];
    if (Math.max(prev.width, prev.height) <= smallest) break;
    const w = Math.max(1, prev.width >> 1);
    const h = Math.max(1, prev.height >> 1);
    const out = new Float32Array(w * h);
    const pw = prev.width;
    for (let y = 0; y < h; y++) {
      const y0 = 2 * y;
      const y1 = Math.min(prev.height - 1, y0 + 1);
      for (let x = 0; x < w; x++) {
        const x0 = 2 * x;
        const x1 = Math.min(pw - 1, x0 + 1);
        out[y * w + x] = (prev.l[y0 * pw + x0] + prev.l[y0 * pw + x1] + prev.l[y1 * pw + x0] + prev.l[y1 * pw + x1]) / 4;
      }
    }
    levels.push({ width: w, height: h, l: out, scale: (prev.scale * prev.width) / w });
  }
  return levels;
}

/** The level the wand grows at. */
export function interactiveLevel(levels: readonly Level[], maxPixels = SELECT_PIXELS): Level {
  return levels.find((v) => v.width * v.height <= maxPixels) ?? levels[levels.length - 1];
}

/** The L* a grow starts from: the smoothed L* at the seed. */
const seedLightness = (v: Level, sx: number, sy: number): number => smoothOf(v)[sy * v.width + sx];

/** A step from p to q is an edge when their smoothed L* differ by more than this (half the tolerance, at least 2). */
const edgeStep = (tolerance: number): number => Math.max(2, tolerance / 2);

/**
 * Flood fill (4-connected) from the seeds over pixels within `tolerance` L* of `target` whose step
 * from the pixel it came from is no edge. `allowed` limits where it may go (1: may); `sure` pixels
 * are in from the start and grow too. Returns 0/1.
 */
function grow(v: Level, seeds: readonly number[], target: number, tolerance: number, allowed?: Uint8Array, sure?: Uint8Array): Uint8Array {
  const { width: w, height: h } = v;
  const l = smoothOf(v);
  const out = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let top = 0;
  const step = edgeStep(tolerance);
  if (sure) for (let i = 0; i < w * h; i++) if (sure[i]) { out[i] = 1; stack[top++] = i; }
  for (const s of seeds) {
    if (out[s] || (allowed && !allowed[s])) continue;
    out[s] = 1;
    stack[top++] = s;
  }
  const visit = (p: number, q: number): void => {
    if (out[q] || (allowed && !allowed[q])) return;
    const lq = l[q];
    if (Math.abs(lq - target) > tolerance || Math.abs(lq - l[p]) > step) return;
    out[q] = 1;
    stack[top++] = q;
  };
  while (top > 0) {
    const p = stack[--top];
    const x = p % w;
    if (x > 0) visit(p, p - 1);
    if (x < w - 1) visit(p, p + 1);
    if (p >= w) visit(p, p - w);
    if (p < w * (h - 1)) visit(p, p + w);
  }
  // Smoothing pulled the outline in by up to SMOOTH pixels: take back the neighbours whose own L* is within tolerance.
  const raw = v.l;
  for (let round = 0; round < SMOOTH; round++) {
    top = 0;
    for (let i = 0; i < w * h; i++) {
      if (out[i] || (allowed && !allowed[i]) || Math.abs(raw[i] - target) > tolerance) continue;
      const x = i % w;
      if ((x > 0 && out[i - 1] === 1) || (x < w - 1 && out[i + 1] === 1) || (i >= w && out[i - w] === 1) || (i < w * (h - 1) && out[i + w] === 1)) stack[top++] = i;
    }
    for (let k = 0; k < top; k++) out[stack[k]] = 1;
  }
  return out;
}

export type SelectMode = 'new' | 'add' | 'subtract';

/** A selection: its mask at one level, and how it was grown (for the refinement at the base). */
export interface Selection {
  level: Level;
  mask: Uint8Array;
  /** Each grow in order, in original coordinates, so the base can replay them. */
  steps: { x: number; y: number; tolerance: number; mode: SelectMode }[];
}

function applyMode(mask: Uint8Array, grown: Uint8Array, mode: SelectMode): Uint8Array {
  if (mode === 'new') return grown;
  const out = mask.slice();
  for (let i = 0; i < out.length; i++) if (grown[i]) out[i] = mode === 'add' ? 1 : 0;
  return out;
}

/** One wand click at (x, y) original pixels: a new selection, or the previous one with the grown area added or taken out. */
export function wandSelect(levels: readonly Level[], previous: Selection | null, x: number, y: number, tolerance: number, mode: SelectMode): Selection {
  const level = previous?.level ?? interactiveLevel(levels);
  const sx = Math.min(level.width - 1, Math.max(0, Math.floor(x / level.scale)));
  const sy = Math.min(level.height - 1, Math.max(0, Math.floor(y / level.scale)));
  const grown = grow(level, [sy * level.width + sx], seedLightness(level, sx, sy), tolerance);
  const base = mode === 'new' || !previous ? new Uint8Array(level.width * level.height) : previous.mask;
  const step = { x, y, tolerance, mode };
  return { level, mask: applyMode(base, grown, mode), steps: mode === 'new' || !previous ? [step] : [...previous.steps, step] };
}

/** Max (dilate) or min (erode) over a (2r+1)² window of a 0/1 mask: separable, by running counts. */
function morph(mask: Uint8Array, w: number, h: number, r: number, dilate: boolean): Uint8Array {
  const pass = (src: Uint8Array, horizontal: boolean): Uint8Array => {
    const out = new Uint8Array(w * h);
    const len = horizontal ? w : h;
    const lines = horizontal ? h : w;
    const stride = horizontal ? 1 : w;
    for (let q = 0; q < lines; q++) {
      const base = horizontal ? q * w : q;
      // ones in the window [i - r, i + r], clipped to the line; off the line counts as the mask's outside.
      let ones = 0;
      for (let i = 0; i < Math.min(len, r); i++) ones += src[base + i * stride];
      for (let i = 0; i < len; i++) {
        if (i + r < len) ones += src[base + (i + r) * stride];
        if (i - r - 1 >= 0) ones -= src[base + (i - r - 1) * stride];
        const span = Math.min(len - 1, i + r) - Math.max(0, i - r) + 1;
        out[base + i * stride] = dilate ? (ones > 0 ? 1 : 0) : ones === span && i - r >= 0 && i + r < len ? 1 : 0;
      }
    }
    return out;
  };
  return pass(pass(mask, true), false);
}

/** A mask at `from`'s grid at the size of `to` (nearest). */
function upsample(mask: Uint8Array, from: Level, to: Level): Uint8Array {
  const out = new Uint8Array(to.width * to.height);
  const k = to.scale / from.scale;
  const col = Int32Array.from({ length: to.width }, (_, x) => Math.min(from.width - 1, Math.floor((x + 0.5) * k)));
  for (let y = 0; y < to.height; y++) {
    const row = Math.min(from.height - 1, Math.floor((y + 0.5) * k)) * from.width;
    const o = y * to.width;
    for (let x = 0; x < to.width; x++) out[o + x] = mask[row + col[x]];
  }
  return out;
}

/**
 * The committed selection at the pyramid's base. Each grow is replayed there: its coarse area two
 * coarse pixels in is sure (and seeds the grow), and the base grows by the same rule and the click's
 * own L* no further than two coarse pixels beyond the coarse outline. Returns a 0/1 mask at the base.
 */
export function refineSelection(levels: readonly Level[], sel: Selection): Uint8Array {
  const base = levels[0];
  const coarse = sel.level;
  if (coarse === base) return sel.mask;
  const { width: w, height: h } = base;
  const r = Math.max(1, Math.round((2 * coarse.scale) / base.scale));
  let mask: Uint8Array = new Uint8Array(w * h);
  for (const s of sel.steps) {
    const cx = Math.min(coarse.width - 1, Math.max(0, Math.floor(s.x / coarse.scale)));
    const cy = Math.min(coarse.height - 1, Math.max(0, Math.floor(s.y / coarse.scale)));
    const target = seedLightness(coarse, cx, cy);
    const up = upsample(grow(coarse, [cy * coarse.width + cx], target, s.tolerance), coarse, base);
    const sure = morph(up, w, h, r, false);
    const reach = morph(up, w, h, r, true);
    const bx = Math.min(w - 1, Math.max(0, Math.floor(s.x / base.scale)));
    const by = Math.min(h - 1, Math.max(0, Math.floor(s.y / base.scale)));
    const grown = grow(base, [by * w + bx], target, s.tolerance, reach, sure);
    mask = applyMode(mask, grown, s.mode);
  }
  return mask;
}

/** Pixels of components smaller than `min` set to 0 (4-connected). */
function dropSpecks(mask: Uint8Array, w: number, h: number, min: number): Uint8Array {
  const n = w * h;
  const out = mask.slice();
  const seen = new Uint8Array(n);
  // One array holds every component in turn: [start, end) is the current one, and also its stack.
  const comp = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (!out[s] || seen[s]) continue;
    let end = 0;
    comp[end++] = s;
    seen[s] = 1;
    for (let k = 0; k < end; k++) {
      const p = comp[k];
      const x = p % w;
      if (x > 0 && out[p - 1] && !seen[p - 1]) { seen[p - 1] = 1; comp[end++] = p - 1; }
      if (x < w - 1 && out[p + 1] && !seen[p + 1]) { seen[p + 1] = 1; comp[end++] = p + 1; }
      if (p >= w && out[p - w] && !seen[p - w]) { seen[p - w] = 1; comp[end++] = p - w; }
      if (p < n - w && out[p + w] && !seen[p + w]) { seen[p + w] = 1; comp[end++] = p + w; }
    }
    if (end < min) for (let k = 0; k < end; k++) out[comp[k]] = 0;
  }
  return out;
}

/** Every boundary loop of a 0/1 mask along pixel edges (corners at integer coordinates), inside on the left. */
export function maskLoops(mask: Uint8Array, w: number, h: number): Point[][] {
  const at = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < w && y < h && mask[y * w + x] === 1;
  // Directed edges keyed by their start corner; at most two leave a corner (where two pixels touch diagonally).
  const W = w + 1;
  const next = new Map<number, number[]>();
  const add = (x0: number, y0: number, x1: number, y1: number): void => {
    const k = y0 * W + x0;
    const list = next.get(k);
    if (list) list.push(y1 * W + x1);
    else next.set(k, [y1 * W + x1]);
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!at(x, y)) continue;
      if (!at(x, y - 1)) add(x + 1, y, x, y); // top edge, right to left
      if (!at(x - 1, y)) add(x, y, x, y + 1); // left edge, downward
      if (!at(x, y + 1)) add(x, y + 1, x + 1, y + 1); // bottom edge, left to right
      if (!at(x + 1, y)) add(x + 1, y + 1, x + 1, y); // right edge, upward
    }
  }
  const loops: Point[][] = [];
  for (const [start, list] of next) {
    while (list.length) {
      const loop: Point[] = [];
      let from = start;
      let to = list.pop() as number;
      let dir = [(to % W) - (from % W), Math.floor(to / W) - Math.floor(from / W)];
      loop.push({ x: from % W, y: Math.floor(from / W) });
      while (to !== start || (next.get(start)?.length ?? 0) > 0) {
        if (to === start) break;
        const out = next.get(to);
        if (!out || out.length === 0) break;
        // Where two leave a corner, turn the way that keeps diagonal pixels apart (left of travel).
        let pick = out.length - 1;
        if (out.length > 1) {
          const left = [dir[1], -dir[0]];
          pick = out.findIndex((c) => (c % W) - (to % W) === left[0] && Math.floor(c / W) - Math.floor(to / W) === left[1]);
          if (pick < 0) pick = out.length - 1;
        }
        const nxt = out.splice(pick, 1)[0];
        const nd = [(nxt % W) - (to % W), Math.floor(nxt / W) - Math.floor(to / W)];
        if (nd[0] !== dir[0] || nd[1] !== dir[1]) loop.push({ x: to % W, y: Math.floor(to / W) });
        from = to;
        to = nxt;
        dir = nd;
      }
      if (loop.length >= 3) loops.push(loop);
    }
  }
  return loops;
}

/** Douglas–Peucker on a closed loop: vertices within `tolerance` of the simplified outline go. */
function simplifyLoop(loop: Point[], tolerance: number): Point[] {
  if (loop.length <= 4) return loop;
  const keep = new Uint8Array(loop.length);
  const far = (i0: number, i1: number): void => {
    const a = loop[i0];
    const b = loop[i1 % loop.length];
    let best = -1;
    let at = -1;
    for (let i = i0 + 1; i < i1; i++) {
      const p = loop[i];
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = Math.hypot(dx, dy) || 1;
      const d = Math.abs((p.x - a.x) * dy - (p.y - a.y) * dx) / len;
      if (d > best) { best = d; at = i; }
    }
    if (best > tolerance) {
      keep[at] = 1;
      far(i0, at);
      far(at, i1);
    }
  };
  const half = Math.floor(loop.length / 2);
  keep[0] = 1;
  keep[half] = 1;
  far(0, half);
  far(half, loop.length);
  return loop.filter((_, i) => keep[i]);
}

/** One polygon for every loop: each joined to the first loop's start by a bridge there and back, which the even-odd fill ignores. */
export function joinLoops(loops: readonly Point[][]): Point[] {
  if (loops.length === 0) return [];
  const first = loops[0];
  const out: Point[] = [...first, first[0]];
  for (const loop of loops.slice(1)) out.push(...loop, loop[0], first[0]);
  return out;
}

/** The loops of a polygon made by joinLoops, split where it comes back to its first vertex, so that it
 * draws without its bridges; a drawn outline that never does is its one loop. */
export function polygonLoops(polygon: readonly Point[]): Point[][] {
  if (polygon.length === 0) return [];
  const first = polygon[0];
  const loops: Point[][] = [];
  let loop: Point[] = [first];
  for (let i = 1; i < polygon.length; i++) {
    const p = polygon[i];
    if (p.x === first.x && p.y === first.y) {
      loops.push(loop);
      loop = [];
    } else loop.push(p);
  }
  if (loop.length) loops.push(loop);
  return loops.filter((l) => l.length >= 3);
}

/** A 0/1 mask at `level` as one polygon in original pixels, simplified within `tolerance` level pixels
 * (more where the outline would exceed a region's vertex limit); null when nothing is left. */
export function selectionPolygon(mask: Uint8Array, level: Size & { scale: number }, tolerance = 0.75): Point[] | null {
  const clean = dropSpecks(mask, level.width, level.height, SPECK);
  const loops = maskLoops(clean, level.width, level.height);
  let polygon: Point[] = [];
  for (let t = tolerance; ; t *= 2) {
    polygon = joinLoops(loops.map((loop) => simplifyLoop(loop, t)).filter((l) => l.length >= 3));
    if (polygon.length <= MAX_REGION_POINTS || t > 64) break;
  }
  return polygon.length >= 3 && polygon.length <= MAX_REGION_POINTS ? polygon.map((p) => ({ x: p.x * level.scale, y: p.y * level.scale })) : null;
}

/** Gradient magnitude of a level's L* (central differences). */
export function gradientMagnitude(v: Level): Float32Array {
  const { width: w, height: h, l } = v;
  const g = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const gx = l[y * w + Math.min(w - 1, x + 1)] - l[y * w + Math.max(0, x - 1)];
      const gy = l[Math.min(h - 1, y + 1) * w + x] - l[Math.max(0, y - 1) * w + x];
      g[y * w + x] = Math.hypot(gx, gy);
    }
  }
  return g;
}

/**
 * The magnetic lasso: the drawn outline (original pixels) resampled every `spacing` level pixels, each
 * point moved to the strongest edge within `radius` level pixels (gradient less 1 L* per pixel moved,
 * so of two equal edges the nearer wins; a point with no edge nearby stays).
 */
export function snapOutline(points: readonly Point[], v: Level, gradient: Float32Array, radius = 6, spacing = 3): Point[] {
  const { width: w, height: h } = v;
  const dense: Point[] = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i];
    const b = points[(i + 1) % points.length];
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / v.scale / spacing));
    for (let k = 0; k < n; k++) dense.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  }
  return dense.map((p) => {
    const cx = Math.floor(p.x / v.scale);
    const cy = Math.floor(p.y / v.scale);
    let best = 4; // an edge must rise above grain to pull
    let bx = -1;
    let by = -1;
    for (let y = Math.max(0, cy - radius); y <= Math.min(h - 1, cy + radius); y++) {
      for (let x = Math.max(0, cx - radius); x <= Math.min(w - 1, cx + radius); x++) {
        const d = Math.hypot(x - cx, y - cy);
        if (d > radius) continue;
        const s = gradient[y * w + x] - d;
        if (s > best) { best = s; bx = x; by = y; }
      }
    }
    return bx < 0 ? p : { x: (bx + 0.5) * v.scale, y: (by + 0.5) * v.scale };
  });
}
