// The preview image: the display copy's own L* with the network's a*b* (working size, bilinear-upsampled).
// Hot path of every preview, so the sRGB transfer curve is a table.
import { labToLinearRgb, linearToSrgb, srgbToLinear } from './color';
import { sampleRow } from './resample';

const ENCODE_STEPS = 4096;
const encodeTable = new Uint8ClampedArray(ENCODE_STEPS + 1);
for (let i = 0; i <= ENCODE_STEPS; i++) encodeTable[i] = Math.round(linearToSrgb(i / ENCODE_STEPS) * 255);

const decodeTable = new Float32Array(256);
for (let i = 0; i < 256; i++) decodeTable[i] = srgbToLinear(i / 255);

const encode = (v: number): number => encodeTable[v <= 0 ? 0 : v >= 1 ? ENCODE_STEPS : (v * ENCODE_STEPS + 0.5) | 0];

/** L* per pixel of RGBA pixels (alpha ignored). */
export function lightnessOfRgba(rgba: Uint8ClampedArray | Uint8Array, pixels: number): Float32Array {
  const out = new Float32Array(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    const y = 0.212671 * decodeTable[rgba[j]] + 0.71516 * decodeTable[rgba[j + 1]] + 0.072169 * decodeTable[rgba[j + 2]];
    out[i] = y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y;
  }
  return out;
}

export interface AbGrid {
  width: number;
  height: number;
  /** Interleaved Int8 a*, b* pairs. */
  ab: Int8Array;
}

/** Writes RGBA for an image of `width` x `height` whose L* is `l`, colored by `grid`. */
export function compositePreview(out: Uint8ClampedArray, l: Float32Array, width: number, height: number, grid: AbGrid): void {
  const plane = { width: grid.width, height: grid.height, data: grid.ab, channelStride: 1, pixelStride: 2, scale: 1 };
  const a = new Float32Array(width);
  const b = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    sampleRow(plane, 0, y, width, height, a);
    sampleRow(plane, 1, y, width, height, b);
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const [r, g, bl] = labToLinearRgb(l[i], a[x], b[x]);
      const j = 4 * i;
      out[j] = encode(r);
      out[j + 1] = encode(g);
      out[j + 2] = encode(bl);
      out[j + 3] = 255;
    }
  }
}
