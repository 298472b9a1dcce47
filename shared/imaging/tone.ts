// Tone restoration on the scan's L* before colour: black and white points, gamma and contrast. Applied to
// what the network sees and to the L* of the preview and the export; the original file is untouched.
import type { z } from 'zod';
import type { ToneAdjustSchema } from '../model/guidance-schema';

/** Black and white points (L*), gamma, contrast and optional denoise; see ToneAdjustSchema. */
export type ToneAdjust = z.infer<typeof ToneAdjustSchema>;

export const NEUTRAL_TONE: ToneAdjust = { black: 0, white: 100, gamma: 1, contrast: 0 };

export const isNeutralTone = (t: ToneAdjust | undefined): boolean =>
  !t || (t.black === 0 && t.white === 100 && t.gamma === 1 && t.contrast === 0 && !t.denoise);

/** The curve at one L* (0..100). */
export function toneAt(t: ToneAdjust, l: number): number {
  const span = Math.max(1e-3, t.white - t.black);
  let v = Math.min(1, Math.max(0, (l - t.black) / span));
  v = v ** (1 / t.gamma);
  const s = v * v * (3 - 2 * v);
  v = v + t.contrast * (s - v);
  return 100 * Math.min(1, Math.max(0, v));
}

const STEPS = 10_000;

/** The curve as a table over L* * `scale` (1 for 0..100, 0.01 for 0..1); null when it changes nothing. */
export function toneTable(t: ToneAdjust | undefined, scale = 1): Float32Array | null {
  if (!t || isNeutralTone(t)) return null;
  const lut = new Float32Array(STEPS + 1);
  for (let i = 0; i <= STEPS; i++) lut[i] = toneAt(t, (100 * i) / STEPS) * scale;
  return lut;
}

/** Apply a `toneTable` in place to L* values stored as L* * `scale`. */
export function applyToneTable(l: Float32Array, lut: Float32Array, scale = 1): void {
  const k = STEPS / (100 * scale);
  for (let i = 0; i < l.length; i++) {
    const x = Math.min(STEPS, Math.max(0, l[i] * k));
    l[i] = lut[(x + 0.5) | 0];
  }
}

/** Apply the curve in place to L* values stored as L* * `scale` (1 for 0..100, 0.01 for 0..1). */
export function applyTone(l: Float32Array, t: ToneAdjust | undefined, scale = 1): void {
  const lut = toneTable(t, scale);
  if (lut) applyToneTable(l, lut, scale);
}

/** Auto levels: black and white points at the 0.5th and 99.5th percentiles of L*. */
export function autoLevels(l: Float32Array, scale = 1): ToneAdjust {
  const hist = new Uint32Array(1001);
  for (let i = 0; i < l.length; i++) hist[Math.min(1000, Math.max(0, Math.round((l[i] / scale) * 10)))]++;
  const cut = l.length * 0.005;
  let black = 0;
  for (let n = 0; black < 1000 && n + hist[black] <= cut; black++) n += hist[black];
  let white = 1000;
  for (let n = 0; white > black && n + hist[white] <= cut; white--) n += hist[white];
  return { ...NEUTRAL_TONE, black: black / 10, white: Math.max(black / 10 + 1, white / 10) };
}
