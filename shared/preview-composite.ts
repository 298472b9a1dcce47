// The preview image: the display copy's own L* with the network's a*b* (working size, bilinear-upsampled).
// Hot path of every preview, so the sRGB transfer curve is a table.
import { linearToSrgb } from './color';
import { lightnessOf } from './lightness';
import { paintRegionsAb, type RegionMask } from './region-mask';
import { columnsFor, sampleRow } from './resample';

const ENCODE_STEPS = 4096;
const encodeTable = new Uint8ClampedArray(ENCODE_STEPS + 1);
for (let i = 0; i <= ENCODE_STEPS; i++) encodeTable[i] = Math.round(linearToSrgb(i / ENCODE_STEPS) * 255);

const encode = (v: number): number => encodeTable[v <= 0 ? 0 : v >= 1 ? ENCODE_STEPS : (v * ENCODE_STEPS + 0.5) | 0];

/** L* per pixel of RGBA pixels (alpha ignored). */
export const lightnessOfRgba = (rgba: Uint8ClampedArray | Uint8Array, pixels: number): Float32Array => lightnessOf(rgba, pixels, 4);

export interface AbGrid {
  width: number;
  height: number;
  /** Interleaved Int8 a*, b* pairs. */
  ab: Int8Array;
}

const finv = (f: number): number => (f > 0.2068966 ? f * f * f : (f - 16 / 116) / 7.787);

/** Writes RGBA for an image of `width` x `height` whose L* is `l`, colored by `grid`, with the coloured
 * regions' masks (at this size) laid over it. */
export function compositePreview(out: Uint8ClampedArray, l: Float32Array, width: number, height: number, grid: AbGrid, masks: readonly RegionMask[] = []): void {
  // Inlined Lab -> sRGB (see color.ts): this runs for every display pixel of every preview, and the
  // per-pixel tuple of labToLinearRgb costs more than the arithmetic.
  const plane = { width: grid.width, height: grid.height, data: grid.ab, channelStride: 1, pixelStride: 2, scale: 1 };
  const cols = columnsFor(plane, width);
  const a = new Float32Array(width);
  const b = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    sampleRow(plane, cols, 0, y, height, a);
    sampleRow(plane, cols, 1, y, height, b);
    if (masks.length) paintRegionsAb(masks, a, b, l.subarray(y * width, (y + 1) * width), width, y);
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const fy = (l[i] + 16) / 116;
      const X = finv(fy + a[x] / 500) * 0.95047;
      const Y = finv(fy);
      const Z = finv(fy - b[x] / 200) * 1.08883;
      const j = 4 * i;
      out[j] = encode(3.24048134 * X - 1.53715152 * Y - 0.49853633 * Z);
      out[j + 1] = encode(-0.96925495 * X + 1.87599 * Y + 0.04155593 * Z);
      out[j + 2] = encode(0.05564664 * X - 0.20404134 * Y + 1.05731107 * Z);
      out[j + 3] = 255;
    }
  }
}
