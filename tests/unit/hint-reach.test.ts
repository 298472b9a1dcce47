import { describe, expect, it } from 'vitest';
import { xmpProperties } from '../../electron/services/export/xmp';
import { applyReach, DEFAULT_REACH, EDGE_REACH, hintDistance, parseReach, reachName, ReachField, stepCosts, UNLIMITED_REACH } from '../../shared/imaging/hint-reach';
import { testRecipe } from '../support/recipes';

const W = 60;
const H = 40;
const size = { width: W, height: H };

/** L* / 100: two mid-gray fields with a dark bar (columns 29–30) between them. */
const twoFields = Float32Array.from({ length: W * H }, (_, i) => (i % W === 29 || i % W === 30 ? 0.1 : 0.55));
const flat = new Float32Array(W * H).fill(0.5);

function maskAt(...points: [number, number][]): Float32Array {
  const m = new Float32Array(W * H);
  for (const [x, y] of points) m[y * W + x] = 1;
  return m;
}

describe('hint reach', () => {
  it("is named the same in the studio and in the export's XMP", () => {
    expect(['edges' as const, 1, 0.5, 0.25, 0.1].map(reachName)).toEqual(['Up to strong edges', 'Everywhere', 'Wide', 'Their regions', 'Near the hints']);
    expect(DEFAULT_REACH).toBe(EDGE_REACH);
    expect([parseReach('edges'), parseReach('0.25'), parseReach('1'), parseReach('0'), parseReach('far')]).toEqual(['edges', 0.25, 1, null, null]);
    expect(reachName(0.3)).toBe('30% of the diagonal');
    const recipe = testRecipe({ reach: 0.25 });
    expect(xmpProperties(recipe, { exif: {}, iptc: {} } as Parameters<typeof xmpProperties>[1]).map((p) => p.xml).join('')).toContain('<tintype:HintReach>Their regions</tintype:HintReach>');
  });

  it('measures plain distance on a flat image', () => {
    const d = hintDistance(stepCosts(flat, size), maskAt([0, 0]));
    expect(d[0]).toBe(0);
    expect(d[10]).toBeCloseTo(10, 5); // along the row
    expect(d[10 * W + 10]).toBeCloseTo(10 * Math.SQRT2, 4); // the diagonal
    expect(d[(H - 1) * W + (W - 1)]).toBeCloseTo(39 * Math.SQRT2 + 20, 3);
  });

  it('charges for crossing a tonal edge, not for distance within a field', () => {
    const d = hintDistance(stepCosts(twoFields, size), maskAt([5, 20]));
    const near = d[20 * W + 25];
    const far = d[20 * W + 34];
    expect(near).toBeCloseTo(20, 5);
    expect(far - near).toBeGreaterThan(250); // two steps of 45 L* at 4 px per L* beyond the first 8
  });

  it('keeps hinted pixels, pulls far ones to the automatic colour, and leaves everything at unlimited reach', () => {
    const n = W * H;
    const guided = Float32Array.from({ length: 2 * n }, (_, i) => (i < n ? 0.3 : -0.2));
    const auto = new Float32Array(2 * n).fill(0.01);
    const mask = maskAt([5, 20]);
    const field = new ReachField(twoFields, size);

    const unlimited = guided.slice();
    applyReach(unlimited, auto, field, mask, UNLIMITED_REACH);
    expect(unlimited).toEqual(guided);

    const limited = guided.slice();
    applyReach(limited, auto, field, mask, 0.5);
    const at = (x: number, y: number) => [limited[y * W + x], limited[n + y * W + x]];
    expect(at(5, 20)).toEqual([guided[20 * W + 5], guided[n + 20 * W + 5]]);
    expect(at(20, 20)[0]).toBeGreaterThan(0.2); // same field: most of the hint's colour
    expect(Math.abs(at(50, 20)[0] - 0.01)).toBeLessThan(0.01); // beyond the bar: the automatic colour
    expect(Math.abs(at(50, 20)[1] - 0.01)).toBeLessThan(0.01);
  });

  it('by default stops at a strong edge but not with distance, nor on a gentle gradient, and changes nothing without hints', () => {
    const n = W * H;
    const guided = Float32Array.from({ length: 2 * n }, (_, i) => (i < n ? 0.3 : -0.2));
    const auto = new Float32Array(2 * n).fill(0.01);
    const mask = maskAt([2, 20]);
    const out = guided.slice();
    applyReach(out, auto, new ReachField(twoFields, size), mask, EDGE_REACH);
    expect(out[20 * W + 27]).toBeCloseTo(0.3, 5); // across its whole field: the hint's colour, undimmed
    expect(out[0]).toBeCloseTo(0.3, 5);
    // Beyond the bar (45 L*): most of the way back to the automatic colour.
    expect(out[20 * W + 50] - 0.01).toBeLessThan(0.35 * (0.3 - 0.01));
    expect(out[n + 20 * W + 50] - 0.01).toBeGreaterThan(0.35 * (-0.2 - 0.01));

    // A ramp of 40 L* over the width (a sky's gradient) lets colour through.
    const ramp = Float32Array.from({ length: n }, (_, i) => 0.3 + (0.4 * (i % W)) / W);
    const onRamp = guided.slice();
    applyReach(onRamp, auto, new ReachField(ramp, size), mask, EDGE_REACH);
    expect(onRamp[20 * W + W - 1]).toBeCloseTo(0.3, 5);

    const none = guided.slice();
    applyReach(none, auto, new ReachField(twoFields, size), new Float32Array(n), EDGE_REACH);
    expect(none).toEqual(guided);
  });
});
