// L* from sRGB pixels. L* depends only on relative luminance Y, so one linearisation table per bit depth
// makes this a few multiply-adds per pixel.
import { srgbToLinear } from '../../../shared/color';

const tables = new Map<number, Float32Array>();

function linearTable(levels: number): Float32Array {
  let t = tables.get(levels);
  if (!t) {
    t = new Float32Array(levels);
    for (let i = 0; i < levels; i++) t[i] = srgbToLinear(i / (levels - 1));
    tables.set(levels, t);
  }
  return t;
}

export function lightnessFromY(y: number): number {
  return y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y;
}

/** Interleaved RGB (8- or 16-bit) to L* (0..100) per pixel. */
export function lightnessOfRgb(rgb: Uint8Array | Uint16Array, pixels: number): Float32Array {
  const lin = linearTable(rgb instanceof Uint16Array ? 65536 : 256);
  const out = new Float32Array(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    const y = 0.212671 * lin[rgb[j]] + 0.71516 * lin[rgb[j + 1]] + 0.072169 * lin[rgb[j + 2]];
    out[i] = lightnessFromY(y);
  }
  return out;
}
