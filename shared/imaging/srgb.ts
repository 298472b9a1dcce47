// The sRGB transfer curve (IEC 61966-2-1), once for every conversion (the shader's is written from
// these constants).

/** Linear light below which the curve is the straight segment, its slope, and the power segment's. */
export const SRGB_KNEE = 0.0031308;
export const SRGB_SLOPE = 12.92;
export const SRGB_GAMMA = 2.4;

export function srgbToLinear(v: number): number {
  return v > 0.04045 ? ((v + 0.055) / 1.055) ** SRGB_GAMMA : v / SRGB_SLOPE;
}

export function linearToSrgb(v: number): number {
  return v > SRGB_KNEE ? 1.055 * v ** (1 / SRGB_GAMMA) - 0.055 : SRGB_SLOPE * v;
}
