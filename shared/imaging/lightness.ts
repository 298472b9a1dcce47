// L* from sRGB pixels. L* depends only on relative luminance Y, so one linearisation table per bit depth
// makes this a few multiply-adds per pixel. Shared by the services (8/16-bit RGB) and the renderer (RGBA).
import { lightnessFromY } from './lab';
import { srgbToLinear } from './srgb';

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

const grayTables = new Map<number, Float32Array>();

/** L* of every gray level (v, v, v) at a bit depth. */
function grayTable(levels: number): Float32Array {
  let table = grayTables.get(levels);
  if (!table) {
    table = Float32Array.from(linearTable(levels), lightnessFromY);
    grayTables.set(levels, table);
  }
  return table;
}

/** L* (0..100) per pixel of interleaved pixels with `stride` samples each (RGB first; alpha ignored).
 * Gray pixels (the common case: black-and-white scans saved as RGB) take one table lookup. */
export function lightnessOf(pixels: Uint8Array | Uint8ClampedArray | Uint16Array, count: number, stride: number): Float32Array {
  const levels = pixels instanceof Uint16Array ? 65536 : 256;
  const lin = linearTable(levels);
  const gray = grayTable(levels);
  const out = new Float32Array(count);
  for (let i = 0, j = 0; i < count; i++, j += stride) {
    const r = pixels[j];
    const g = pixels[j + 1];
    const b = pixels[j + 2];
    if (r === g && g === b) {
      out[i] = gray[r];
      continue;
    }
    const y = 0.212671 * lin[r] + 0.71516 * lin[g] + 0.072169 * lin[b];
    out[i] = lightnessFromY(y);
  }
  return out;
}

/** L* per pixel of an 8- or 16-bit gray image: one table lookup (a gray level's L* is that of (v, v, v)). */
export function lightnessOfGray(pixels: Uint8Array | Uint16Array, count: number, stride = 1): Float32Array {
  const table = grayTable(pixels instanceof Uint16Array ? 65536 : 256);
  const out = new Float32Array(count);
  for (let i = 0, j = 0; i < count; i++, j += stride) out[i] = table[pixels[j]];
  return out;
}

/** Decoded pixels of a scan: gray (one channel, plus alpha perhaps) or sRGB, 8 or 16 bits. */
export interface Samples {
  width: number;
  height: number;
  data: Uint8Array | Uint16Array;
  channels: number;
  gray: boolean;
}

/** L* (0..100) of `count` pixels of `s` from pixel `first` on. */
export function samplesLightness(s: Samples, first = 0, count = s.width * s.height): Float32Array {
  const part = s.data.subarray(first * s.channels, (first + count) * s.channels);
  return s.gray ? lightnessOfGray(part, count, s.channels) : lightnessOf(part, count, s.channels);
}
