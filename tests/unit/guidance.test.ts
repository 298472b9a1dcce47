import { describe, expect, it } from 'vitest';
import { fillPolygon, rasterizeGuidance, traceStroke, type Guidance } from '../../shared/guidance';
import { regionMasks } from '../../shared/region-mask';

const count = (f: (put: (x: number, y: number) => void) => void): number => {
  let n = 0;
  f(() => n++);
  return n;
};

describe('guidance rasterisation', () => {
  it('fills a polygon by pixel centres and traces a stroke as a round brush', () => {
    expect(count((put) => fillPolygon([{ x: 10, y: 10 }, { x: 30, y: 10 }, { x: 30, y: 20 }, { x: 10, y: 20 }], 64, 64, put))).toBe(200);
    expect(count((put) => fillPolygon([{ x: 0, y: 0 }, { x: 5, y: 5 }], 64, 64, put))).toBe(0);
    const seen = new Set<number>();
    traceStroke([{ x: 10.5, y: 10.5 }, { x: 40.5, y: 10.5 }], 2, 64, 64, (x, y) => seen.add(y * 64 + x));
    for (let x = 10; x <= 40; x++) expect(seen.has(10 * 64 + x)).toBe(true);
    expect(seen.has(14 * 64 + 20)).toBe(false);
  });

  it('paints strokes into the network inputs, points on top; regions are walls, not hints', () => {
    const g: Guidance = {
      hints: [{ id: 'h', x: 100, y: 100, radius: 2, a: 50, b: 0 }],
      strokes: [{ id: 's', points: [{ x: 40, y: 100 }, { x: 160, y: 100 }], width: 8, a: -20, b: 30 }],
      regions: [
        { id: 'r', polygon: [{ x: 0, y: 150 }, { x: 200, y: 150 }, { x: 200, y: 200 }, { x: 0, y: 200 }], a: 10, b: -40, keep: false },
        { id: 'k', polygon: [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 50 }, { x: 0, y: 50 }], a: 0, b: 0, keep: true },
      ],
    };
    const image = { width: 200, height: 200 };
    const work = { width: 100, height: 100 };
    const { hintAb, mask } = rasterizeGuidance(g, image, work);
    const at = (x: number, y: number) => ({ m: mask[y * 100 + x], a: hintAb[y * 100 + x] * 110, b: hintAb[10_000 + y * 100 + x] * 110 });
    expect(at(50, 50)).toEqual({ m: 1, a: expect.closeTo(50, 4), b: expect.closeTo(0, 4) });
    expect(at(30, 50)).toEqual({ m: 1, a: expect.closeTo(-20, 4), b: expect.closeTo(30, 4) });
    expect(at(50, 90).m).toBe(0); // a coloured region is a mask over the result, not a hint
    expect(at(10, 10).m).toBe(0);
    const inside = rasterizeGuidance({ ...g, hints: [{ id: 'in', x: 20, y: 20, radius: 2, a: 50, b: 0 }] }, image, work);
    expect(inside.mask[10 * 100 + 10]).toBe(0); // hint pixels inside a region are kept from the network
    const keep = regionMasks(g, image, { width: 400, height: 400 }).find((m) => m.region.keep);
    expect(keep?.alpha[(20 - keep.top) * keep.width + 20 - keep.left]).toBe(1);
    expect(keep && keep.left + keep.width).toBeLessThan(120);
    expect(regionMasks({ ...g, regions: [] }, image, image)).toEqual([]);
  });
});

describe('the mask eraser', () => {
  it('takes its pixels out of coloured regions, strokes and keep-original regions', () => {
    const image = { width: 100, height: 100 };
    const eraser = { id: 'e', points: [{ x: 0, y: 50 }, { x: 100, y: 50 }], width: 10, a: 0, b: 0, purpose: 'erase' as const };
    const g: Guidance = {
      hints: [{ id: 'h', x: 20, y: 50, radius: 1, a: 30, b: 30 }],
      strokes: [{ id: 's', points: [{ x: 70, y: 20 }, { x: 70, y: 80 }], width: 6, a: 10, b: 10 }, eraser],
      regions: [
        { id: 'r', polygon: [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 100 }, { x: 0, y: 100 }], a: -20, b: 40, keep: false },
        { id: 'k', polygon: [{ x: 50, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }, { x: 50, y: 100 }], a: 0, b: 0, keep: true },
      ],
    };
    const { mask } = rasterizeGuidance(g, image, image);
    const [colour, keep] = regionMasks(g, image, image);
    const alpha = (m: typeof colour, x: number, y: number) => m.alpha[(y - m.top) * m.width + x - m.left];
    expect(alpha(colour, 30, 50)).toBe(0); // region pixel under the eraser
    expect(alpha(colour, 30, 20)).toBe(1); // region pixel away from it
    expect(mask[50 * 100 + 70]).toBe(0); // stroke pixel under the eraser
    expect(mask[30 * 100 + 70]).toBe(0); // a stroke inside a region is behind its wall
    expect(alpha(keep, 80, 50)).toBe(0);
    expect(alpha(keep, 80, 20)).toBe(1);
  });
});
