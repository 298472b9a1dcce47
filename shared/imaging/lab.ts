// The one L*a*b* (D65) -> sRGB conversion: the model contract's formulas (scikit-image's lab2rgb). The
// scalar API in shared/imaging/color.ts, the row composer's 16-bit (export) and 8-bit (preview) encoders and the
// WebGL2 shader (shader.ts, generated from these constants) all use it. The sRGB transfer curve of the
// hot paths is a table (pow per channel per pixel is the slow part at 100 MP).
import { linearToSrgb } from './srgb';

export const WHITE_X = 0.95047;
export const WHITE_Z = 1.08883;
/** Where the inverse of f(t) switches from the cube to the linear segment (f at 0.008856). */
export const F_KNEE = 0.2068966;
export const KAPPA = 7.787;
/** Linear-light XYZ -> linear sRGB, row-major. */
export const XYZ_TO_RGB = [3.24048134, -1.53715152, -0.49853633, -0.96925495, 1.87599, 0.04155593, 0.05564664, -0.20404134, 1.05731107] as const;

const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = XYZ_TO_RGB;

/** L* (0..100) of relative luminance Y (white 1): the forward direction, for L* from pixels. */
export const lightnessFromY = (y: number): number => (y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y);

export const labFInverse = (f: number): number => (f > F_KNEE ? f * f * f : (f - 16 / 116) / KAPPA);

/** L*a*b* to linear-light sRGB, unclipped, into `out[j..j+2]`. */
export function labToLinearInto(l: number, a: number, b: number, out: Float64Array | Float32Array | number[], j = 0): void {
  const fy = (l + 16) / 116;
  const x = labFInverse(fy + a / 500) * WHITE_X;
  const y = labFInverse(fy);
  const z = labFInverse(fy - b / 200) * WHITE_Z;
  out[j] = m0 * x + m1 * y + m2 * z;
  out[j + 1] = m3 * x + m4 * y + m5 * z;
  out[j + 2] = m6 * x + m7 * y + m8 * z;
}

/** 2^18 steps of linear light: nearest-step error stays under 2 of 65535 codes even in the deep shadows. */
const STEPS = 1 << 18;

/** Linear light in [0, 1] at STEPS + 1 points to sRGB codes of one depth. */
export type EncodeTable = Uint16Array | Uint8Array;

let table16: Uint16Array | null = null;
let table8: Uint8Array | null = null;

/** 16-bit sRGB codes. */
export function encodeTable16(): Uint16Array {
  if (!table16) {
    table16 = new Uint16Array(STEPS + 1);
    for (let i = 0; i <= STEPS; i++) table16[i] = Math.round(linearToSrgb(i / STEPS) * 65535);
  }
  return table16;
}

/** 8-bit sRGB codes: the 16-bit code of the same step, rounded to 8 bits (what an 8-bit export of the
 * same pixels holds). */
export function encodeTable8(): Uint8Array {
  if (!table8) table8 = Uint8Array.from(encodeTable16(), (v) => Math.round(v / 257));
  return table8;
}

const lin = new Float64Array(3);

const encode = (t: EncodeTable, v: number): number => (v <= 0 ? 0 : v >= 1 ? t[STEPS] : t[(v * STEPS + 0.5) | 0]);

/** Write the sRGB codes of (l, a, b) (clipped to the gamut) at `out[j..j+2]`, at the table's depth. */
export function labEncodeInto(t: EncodeTable, l: number, a: number, b: number, out: Uint16Array | Uint8ClampedArray, j: number): void {
  labToLinearInto(l, a, b, lin);
  out[j] = encode(t, lin[0]);
  out[j + 1] = encode(t, lin[1]);
  out[j + 2] = encode(t, lin[2]);
}

/** Write the 16-bit sRGB of (l, a, b) at `out[j..j+2]`, clipped to the gamut. */
export function labToRgb16Into(l: number, a: number, b: number, out: Uint16Array, j: number): void {
  labEncodeInto(encodeTable16(), l, a, b, out, j);
}
