import { describe, expect, it } from 'vitest';
import { EMPTY_GUIDANCE, rasterizeGuidance } from '../../shared/model/guidance';
import { denoise, repairDust, restoreLightness } from '../../shared/imaging/restore';

describe('dust and scratch repair', () => {
  it('replaces masked pixels by the median of their unmasked neighbours and leaves the rest alone', () => {
    const w = 20;
    const l = Float32Array.from({ length: w * w }, (_, i) => 40 + (i % 3));
    l[10 * w + 10] = 98; // a white speck
    l[10 * w + 11] = 97;
    const before = l.slice();
    const mask = new Uint8Array(w * w);
    mask[10 * w + 10] = 1;
    mask[10 * w + 11] = 1;
    repairDust(l, w, w, mask, 2);
    expect(l[10 * w + 10]).toBeGreaterThanOrEqual(40);
    expect(l[10 * w + 10]).toBeLessThanOrEqual(42);
    for (let i = 0; i < l.length; i++) if (!mask[i]) expect(l[i]).toBe(before[i]);
  });

  it('takes its mask from dust strokes at any rendering size, and dust strokes carry no colour to the network', () => {
    const image = { width: 400, height: 200 };
    const g = { ...EMPTY_GUIDANCE, strokes: [{ id: 'd', points: [{ x: 100, y: 100 }, { x: 140, y: 100 }], width: 8, a: 0, b: 0, purpose: 'dust' as const }] };
    const size = { width: 200, height: 100 };
    const l = new Float32Array(size.width * size.height).fill(50);
    for (let x = 50; x <= 70; x++) l[50 * size.width + x] = 95; // a scratch under the stroke
    restoreLightness(l, size, image, g);
    for (let x = 50; x <= 70; x++) expect(l[50 * size.width + x]).toBe(50);
    expect(rasterizeGuidance(g, image, size).mask.some((v) => v > 0)).toBe(false);
  });
});

describe('denoising', () => {
  it('smooths grain in flat areas and keeps a tonal edge sharp', () => {
    const w = 64;
    const noise = (i: number) => (((i * 2654435761) >>> 0) % 1000) / 1000 - 0.5; // deterministic grain in [-0.5, 0.5)
    const l = Float32Array.from({ length: w * w }, (_, i) => ((i % w) < 32 ? 30 : 70) + 4 * noise(i));
    const spread = (a: Float32Array) => {
      let s = 0;
      for (let y = 0; y < w; y++) for (let x = 4; x < 28; x++) s += (a[y * w + x] - 30) ** 2;
      return Math.sqrt(s / (w * 24));
    };
    const before = spread(l);
    denoise(l, w, w, 1);
    expect(spread(l)).toBeLessThan(before * 0.7);
    for (let y = 0; y < w; y++) {
      expect(l[y * w + 31]).toBeLessThan(36);
      expect(l[y * w + 32]).toBeGreaterThan(64);
    }
  });
});
