// Fast L*a*b* -> 16-bit sRGB for full-resolution exports: the same formulas as color.ts, with the
// sRGB transfer curve read from a table (pow per channel per pixel is the slow part at 100 MP).
import { linearToSrgb } from './color';

const XN = 0.95047;
const ZN = 1.08883;
/** 2^18 steps of linear light: nearest-step error stays under 2 of 65535 codes even in the deep shadows. */
const STEPS = 1 << 18;

let encodeTable: Uint16Array | null = null;

/** Linear light in [0, 1] at STEPS + 1 points to 16-bit sRGB codes. */
function table(): Uint16Array {
  if (!encodeTable) {
    encodeTable = new Uint16Array(STEPS + 1);
    for (let i = 0; i <= STEPS; i++) encodeTable[i] = Math.round(linearToSrgb(i / STEPS) * 65535);
  }
  return encodeTable;
}

const finv = (f: number): number => (f > 0.2068966 ? f * f * f : (f - 16 / 116) / 7.787);

function encode(t: Uint16Array, v: number): number {
  if (v <= 0) return 0;
  if (v >= 1) return 65535;
  return t[(v * STEPS + 0.5) | 0];
}

/** Write the 16-bit sRGB of (l, a, b) at `out[j..j+2]`, clipped to the gamut. */
export function labToRgb16Into(l: number, a: number, b: number, out: Uint16Array, j: number): void {
  const t = table();
  const fy = (l + 16) / 116;
  const x = finv(fy + a / 500) * XN;
  const y = finv(fy);
  const z = finv(fy - b / 200) * ZN;
  out[j] = encode(t, 3.24048134 * x - 1.53715152 * y - 0.49853633 * z);
  out[j + 1] = encode(t, -0.96925495 * x + 1.87599 * y + 0.04155593 * z);
  out[j + 2] = encode(t, 0.05564664 * x - 0.20404134 * y + 1.05731107 * z);
}
