// Grain matching for dust repairs, on a synthetic grainy scan: the repaired patch's grain is within a band
// of the surrounding film's (a plain median fill is not), its mean tone is kept, and the result is the same
// on every run (the export is reproducible) and changes with the stroke's seed.
import { describe, expect, it } from 'vitest';
import { EMPTY_GUIDANCE, traceStroke, type Stroke } from '../../shared/model/guidance';
import { measureGrain } from '../../shared/imaging/grain';
import { repairDust, restoreLightness } from '../../shared/imaging/restore';

const W = 160;
const H = 120;

/** A gentle gradient with correlated grain (σ ≈ 5 L*), from a fixed-seed generator. */
function grainyScan(): Float32Array {
  let s = 12345;
  const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const white = Float32Array.from({ length: W * H }, () => Math.sqrt(-2 * Math.log(Math.max(1e-12, rand()))) * Math.cos(2 * Math.PI * rand()));
  const l = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const n = white[i] + 0.3 * (white[Math.max(0, i - 1)] + white[Math.min(W * H - 1, i + 1)]);
      l[i] = 40 + x * 0.08 + 4.5 * n;
    }
  }
  return l;
}

const stroke = (id: string): Stroke => ({ id, points: [{ x: 30, y: 60 }, { x: 130, y: 62 }], width: 8, a: 0, b: 0, purpose: 'dust' });

function strokeMask(s: Stroke): Uint8Array {
  const mask = new Uint8Array(W * H);
  traceStroke(s.points, s.width / 2, W, H, (x, y) => (mask[y * W + x] = 1));
  return mask;
}

/** Standard deviation about a local (7×7, same-set) mean, over the pixels `pick` accepts. */
function localStd(l: Float32Array, pick: (i: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let y = 3; y < H - 3; y++) {
    for (let x = 3; x < W - 3; x++) {
      const i = y * W + x;
      if (!pick(i)) continue;
      let m = 0;
      let c = 0;
      for (let dy = -3; dy <= 3; dy++) {
        for (let dx = -3; dx <= 3; dx++) {
          if (!pick(i + dy * W + dx)) continue;
          m += l[i + dy * W + dx];
          c++;
        }
      }
      sum += (l[i] - m / c) ** 2;
      n++;
    }
  }
  return Math.sqrt(sum / n);
}

function scratched(mask: Uint8Array): Float32Array {
  const l = grainyScan();
  for (let i = 0; i < l.length; i++) if (mask[i]) l[i] = 97; // a white scratch under the stroke
  return l;
}

describe('grain matching in dust repair', () => {
  const s = stroke('dust-1');
  const mask = strokeMask(s);
  const near = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (!mask[y * W + x]) for (let d = 1; d <= 8 && !near[y * W + x]; d++) if (mask[Math.max(0, y - d) * W + x] || mask[Math.min(H - 1, y + d) * W + x]) near[y * W + x] = 1;
  const inPatch = (i: number): boolean => mask[i] === 1;
  const inRing = (i: number): boolean => near[i] === 1;

  it('gives the repaired patch the grain of the film around it, where a median fill leaves it smooth', () => {
    const repaired = scratched(mask);
    restoreLightness(repaired, { width: W, height: H }, { width: W, height: H }, { ...EMPTY_GUIDANCE, strokes: [s] });
    const ring = localStd(repaired, inRing);
    const patch = localStd(repaired, inPatch);
    expect(ring).toBeGreaterThan(3);
    expect(patch / ring).toBeGreaterThan(0.75);
    expect(patch / ring).toBeLessThan(1.3);

    const median = scratched(mask);
    repairDust(median, W, H, mask, 8);
    expect(localStd(median, inPatch) / ring, 'a median fill alone is visibly smoother').toBeLessThan(0.5);

    // The tone is kept: the patch's mean sits where the scan's grain-free tone is.
    let mean = 0;
    let want = 0;
    let n = 0;
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      mean += repaired[i];
      want += 40 + (i % W) * 0.08;
      n++;
    }
    expect(Math.abs(mean / n - want / n)).toBeLessThan(1);
    // Untouched outside the stroke.
    const clean = grainyScan();
    for (let i = 0; i < mask.length; i++) if (!mask[i]) expect(repaired[i]).toBe(clean[i]);
  });

  it('measures the grain of the surroundings, not the blot', () => {
    const stats = measureGrain(scratched(mask), W, H, mask, 8);
    const flat = measureGrain(new Float32Array(W * H).fill(50), W, H, mask, 8);
    expect(stats.sigma).toBeGreaterThan(4);
    expect(stats.sigma).toBeLessThan(6.5);
    expect(stats.rho).toBeGreaterThan(0.2);
    expect(flat.sigma).toBe(0);
  });

  it('is deterministic per stroke (same recipe, same pixels) and seeded by the stroke', () => {
    const run = (id: string): Float32Array => {
      const l = scratched(mask);
      restoreLightness(l, { width: W, height: H }, { width: W, height: H }, { ...EMPTY_GUIDANCE, strokes: [stroke(id)] });
      return l;
    };
    const a = run('dust-1');
    expect(run('dust-1')).toEqual(a);
    const b = run('dust-2');
    let differ = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
    expect(differ).toBeGreaterThan(0.5 * mask.reduce((t, v) => t + v, 0));
  });
});
