// L* from sRGB pixels. L* depends only on relative luminance Y, so one linearisation table per bit depth
// makes this a few multiply-adds per pixel. Shared by the services (8/16-bit RGB) and the renderer (RGBA).
import { srgbToLinear } from './color';

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

/** L* (0..100) per pixel of interleaved pixels with `stride` samples each (RGB first; alpha ignored). */
export function lightnessOf(pixels: Uint8Array | Uint8ClampedArray | Uint16Array, count: number, stride: number): Float32Array {
  const lin = linearTable(pixels instanceof Uint16Array ? 65536 : 256);
  const out = new Float32Array(count);
  for (let i = 0, j = 0; i < count; i++, j += stride) {
    const y = 0.212671 * lin[pixels[j]] + 0.71516 * lin[pixels[j + 1]] + 0.072169 * lin[pixels[j + 2]];
    out[i] = y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y;
  }
  return out;
}

const grayTables = new Map<number, Float32Array>();

/** L* per pixel of an 8- or 16-bit gray image: one table lookup (a gray level's L* is that of (v, v, v)). */
export function lightnessOfGray(pixels: Uint8Array | Uint16Array, count: number, stride = 1): Float32Array {
  const levels = pixels instanceof Uint16Array ? 65536 : 256;
  let table = grayTables.get(levels);
  if (!table) {
    const lin = linearTable(levels);
    table = Float32Array.from(lin, (y) => (y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y));
    grayTables.set(levels, table);
  }
  const out = new Float32Array(count);
  for (let i = 0, j = 0; i < count; i++, j += stride) out[i] = table[pixels[j]];
  return out;
}
