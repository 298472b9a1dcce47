import { describe, expect, it } from 'vitest';
import { rgbToLab } from '../../shared/imaging/color';
import { composeDisplay, fieldOfPreview } from '../../shared/imaging/compose';
import { lightnessOf } from '../../shared/imaging/lightness';

describe('the preview composite (the row composer at the display size)', () => {
  it('keeps each pixel its own L* and takes a*b* from the (upsampled) result', () => {
    const w = 40;
    const h = 30;
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([(i * 5) % 120 + 90, (i * 5) % 120 + 90, (i * 5) % 120 + 90, 255], 4 * i);
    const l = lightnessOf(rgba, w * h, 4);
    const ab = new Int8Array(24).map((_, i) => (i % 2 ? -25 : 18));
    const out = new Uint8ClampedArray(w * h * 4);
    composeDisplay({ width: w, height: h, l, rgba }, fieldOfPreview(4, 3, ab, new Uint8Array(12).fill(128)), [], out);
    for (const i of [0, 77, 555, w * h - 1]) {
      const [L, a, b] = rgbToLab(out[4 * i] / 255, out[4 * i + 1] / 255, out[4 * i + 2] / 255);
      expect(Math.abs(L - l[i])).toBeLessThan(1);
      expect(Math.abs(a - 18)).toBeLessThan(2.5);
      expect(Math.abs(b + 25)).toBeLessThan(2.5);
    }
  });
});
