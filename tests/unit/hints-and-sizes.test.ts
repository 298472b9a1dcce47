import { describe, expect, it } from 'vitest';
import { rasterizeHints } from '../../shared/model/hints';
import { workingSize } from '../../shared/network/working-size';
import { fitView, zoomAbout } from '../../renderer/src/stage/viewport';

describe('working size', () => {
  it('keeps the aspect ratio on multiples of 16 within the contract range', () => {
    expect(workingSize({ width: 640, height: 875 })).toEqual({ width: 192, height: 256 });
    expect(workingSize({ width: 6000, height: 4000 })).toEqual({ width: 256, height: 176 });
    expect(workingSize({ width: 5000, height: 100 })).toEqual({ width: 256, height: 64 });
  });
});

describe('hint rasterisation', () => {
  it('writes each hint as a square patch at the working scale, later hints on top', () => {
    const image = { width: 1000, height: 500 };
    const work = { width: 200, height: 100 };
    const { hintAb, mask } = rasterizeHints(
      [
        { id: 'a', x: 500, y: 250, radius: 10, a: 55, b: -22 },
        { id: 'b', x: 510, y: 250, radius: 0, a: 11, b: 33 },
        { id: 'c', x: -50, y: 9999, radius: 5, a: 1, b: 1 },
      ],
      image,
      work,
    );
    const at = (x: number, y: number) => [mask[y * 200 + x], hintAb[y * 200 + x] * 110, hintAb[20000 + y * 200 + x] * 110];
    expect(at(100, 50).map((v) => Math.round(v))).toEqual([1, 55, -22]);
    expect(at(98, 48).map((v) => Math.round(v))).toEqual([1, 55, -22]);
    expect(at(97, 50)[0]).toBe(0);
    expect(at(102, 50).map((v) => Math.round(v))).toEqual([1, 11, 33]);
    expect(mask.reduce((t, v) => t + v, 0)).toBe(25); // the off-image hint writes nothing
  });
});

describe('stage viewport', () => {
  it('fits content inside the box, centred', () => {
    const v = fitView({ width: 1000, height: 500 }, { width: 800, height: 800 });
    expect(v.scale).toBeCloseTo(0.76);
    expect(v.x).toBeCloseTo(20);
    expect(v.y).toBeCloseTo(210);
  });

  it('zooms about the pointer: the point under it stays put', () => {
    const v = { scale: 0.5, x: 10, y: 20 };
    const z = zoomAbout(v, 2, 300, 200);
    const before = { x: (300 - v.x) / v.scale, y: (200 - v.y) / v.scale };
    const after = { x: (300 - z.x) / z.scale, y: (200 - z.y) / z.scale };
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(zoomAbout(v, 1e6, 0, 0).scale).toBe(32);
  });
});
