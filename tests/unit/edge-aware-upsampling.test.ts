// Full-resolution colour must stop at the scan's edges: upsampling a*b* guided by the original's L*
// keeps a low-resolution colour boundary from bleeding across a sharp tonal edge.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { composeColor } from '../../electron/services/export/compose';
import { Jobs } from '../../electron/services/jobs';
import { rgbToLab } from '../../shared/imaging/color';

const W = 1000;
const H = 200;
const EDGE = 517; // not on a low-resolution pixel boundary
const LOW = { width: 64, height: 16 };

/** A dark left and a bright right half; the low-resolution field is red left, blue right, box-averaged. */
async function scene() {
  const gray = Buffer.alloc(W * H);
  for (let i = 0; i < gray.length; i++) gray[i] = i % W < EDGE ? 60 : 200;
  const png = await sharp(gray, { raw: { width: W, height: H, channels: 1 } }).png().toBuffer();
  const n = LOW.width * LOW.height;
  const ab = new Float32Array(2 * n);
  const l = new Float32Array(n);
  const [darkL] = rgbToLab(60 / 255, 60 / 255, 60 / 255);
  const [brightL] = rgbToLab(200 / 255, 200 / 255, 200 / 255);
  for (let y = 0; y < LOW.height; y++) {
    for (let x = 0; x < LOW.width; x++) {
      const x0 = (x * W) / LOW.width;
      const x1 = ((x + 1) * W) / LOW.width;
      const dark = Math.min(1, Math.max(0, (EDGE - x0) / (x1 - x0)));
      const i = y * LOW.width + x;
      ab[i] = (dark * 40 + (1 - dark) * 0) / 110;
      ab[n + i] = (dark * 30 + (1 - dark) * -40) / 110;
      l[i] = (dark * darkL + (1 - dark) * brightL) / 100;
    }
  }
  return { png, field: { ...LOW, ab, l } };
}

describe('edge-aware upsampling', () => {
  it('keeps the dark side red and the bright side blue right up to the edge', async () => {
    const { png, field } = await scene();
    const out = await composeColor(png, field, Jobs.detached());
    const row = 100;
    const labAt = (x: number) => {
      const j = 3 * (row * W + x);
      return rgbToLab(out.rgb[j] / 65535, out.rgb[j + 1] / 65535, out.rgb[j + 2] / 65535);
    };
    for (let d = 1; d <= 8; d++) {
      const [, , bBright] = labAt(EDGE + d - 1);
      const [, aDark] = labAt(EDGE - d);
      expect(bBright, `b* ${d} px right of the edge`).toBeLessThan(-30);
      expect(aDark, `a* ${d} px left of the edge`).toBeGreaterThan(30);
    }
  });
});
