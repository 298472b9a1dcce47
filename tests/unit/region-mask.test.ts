// Regions as soft masks (shared/imaging/region-mask.ts): colour inside, nothing beyond the feather outside, the
// edge following the scan's own edge when snapping, and the same masks in the preview compositor.
import { describe, expect, it } from 'vitest';
import { deltaE2000, rgbToLab } from '../../shared/imaging/color';
import { EMPTY_GUIDANCE, type Guidance, type Region } from '../../shared/model/guidance';
import { composeDisplay, fieldOfPreview } from '../../shared/imaging/compose';
import { DEFAULT_FEATHER, regionMasks, type RegionMask } from '../../shared/imaging/region-mask';

const square = (x0: number, y0: number, x1: number, y1: number, extra: Partial<Region> = {}): Region => ({
  id: 'r',
  polygon: [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }],
  a: 60,
  b: 40,
  keep: false,
  ...extra,
});
const alphaAt = (m: RegionMask, x: number, y: number): number => (x < m.left || y < m.top || x >= m.left + m.width || y >= m.top + m.height ? 0 : m.alpha[(y - m.top) * m.width + x - m.left]);

describe('region masks', () => {
  it('feathers the outline by the set amount and is exactly 0 and 1 beyond it', () => {
    const image = { width: 200, height: 200 };
    for (const feather of [undefined, 0, 4]) {
      const f = feather ?? DEFAULT_FEATHER;
      const [m] = regionMasks({ ...EMPTY_GUIDANCE, regions: [square(50, 50, 150, 150, { feather })] }, image, image);
      const row = Array.from({ length: 200 }, (_, x) => alphaAt(m, x, 100));
      // Pixel centres x + 0.5: inside from 50 to 149.
      for (let x = 0; x < 200; x++) {
        const d = x + 0.5 < 100 ? 50 - (x + 0.5) : x + 0.5 - 150; // > 0 outside
        if (d > f + 0.5) expect(row[x], `x ${x}, feather ${f}`).toBe(0);
        if (d < -f - 0.5) expect(row[x], `x ${x}, feather ${f}`).toBeCloseTo(1, 6);
        if (x > 0 && x <= 100) expect(row[x]).toBeGreaterThanOrEqual(row[x - 1] - 1e-6);
      }
      if (f > 0) expect(row[50]).toBeGreaterThan(0.3);
      if (f > 0) expect(row[50]).toBeLessThan(0.8);
    }
  });

  it('scales the feather with the output size (the preview and the export draw the same edge)', () => {
    const image = { width: 400, height: 400 };
    const g: Guidance = { ...EMPTY_GUIDANCE, regions: [square(100, 100, 300, 300, { feather: 8 })] };
    const [full] = regionMasks(g, image, image);
    const [half] = regionMasks(g, image, { width: 200, height: 200 });
    for (let x = 80; x < 120; x += 2) expect(alphaAt(half, x / 2, 100)).toBeCloseTo((alphaAt(full, x, 200) + alphaAt(full, x + 1, 200)) / 2, 1);
  });

  it('snaps the edge onto the scan’s own tonal edge', () => {
    const size = { width: 120, height: 60 };
    // A tonal edge at x = 60; the outline drawn 2 px short of it, at x = 58.
    const l = new Float32Array(size.width * size.height).map((_, i) => (i % size.width < 60 ? 30 : 80));
    const rows = (y0: number, y1: number) => l.subarray(y0 * size.width, y1 * size.width);
    const g: Guidance = { ...EMPTY_GUIDANCE, regions: [square(-10, -10, 58, 70, { snap: true, feather: 1 })] };
    const [plain] = regionMasks({ ...g, regions: [{ ...g.regions[0], snap: false }] }, size, size, rows);
    const [snapped] = regionMasks(g, size, size, rows);
    expect(alphaAt(snapped, 59, 30)).toBeGreaterThan(alphaAt(plain, 59, 30) + 0.2); // pulled out to the edge
    expect(alphaAt(snapped, 61, 30)).toBeLessThan(0.1); // and stops there
    expect(alphaAt(snapped, 40, 30)).toBeCloseTo(1, 3);
    for (let x = 58 + 1 + 6 + 2; x < 120; x++) expect(alphaAt(snapped, x, 30)).toBe(0);
  });

  it('lays a region’s colour over the preview inside and leaves the outside as it was', () => {
    const w = 100;
    const l = new Float32Array(w * w).fill(60);
    const field = fieldOfPreview(4, 4, new Int8Array(32).map((_, i) => (i % 2 ? -20 : 10)), new Uint8Array(16).fill(153));
    const image = { width: w, height: w, l, rgba: new Uint8ClampedArray(4 * w * w) };
    const masks = regionMasks({ ...EMPTY_GUIDANCE, regions: [square(30, 30, 70, 70)] }, { width: w, height: w }, { width: w, height: w });
    const plain = new Uint8ClampedArray(4 * w * w);
    const painted = new Uint8ClampedArray(4 * w * w);
    composeDisplay(image, field, [], plain);
    composeDisplay(image, field, masks, painted);
    const lab = (px: Uint8ClampedArray, x: number, y: number) => rgbToLab(px[4 * (y * w + x)] / 255, px[4 * (y * w + x) + 1] / 255, px[4 * (y * w + x) + 2] / 255);
    expect(deltaE2000(lab(painted, 50, 50), [60, 60, 40])).toBeLessThan(2);
    for (const [x, y] of [[20, 50], [50, 20], [80, 80], [26, 50]]) expect(Array.from(painted.subarray(4 * (y * w + x), 4 * (y * w + x) + 4))).toEqual(Array.from(plain.subarray(4 * (y * w + x), 4 * (y * w + x) + 4)));
  });
});
