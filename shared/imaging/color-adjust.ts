// Global colour controls on the result (saturation, vibrance, warmth), applied to the network's a*b*
// before it meets the scan's L*, identically in the preview and the export. L* is never touched.
import type { z } from 'zod';
import type { ColorAdjustSchema } from '../model/guidance-schema';

/** Saturation, vibrance and warmth; see ColorAdjustSchema. */
export type ColorAdjust = z.infer<typeof ColorAdjustSchema>;

export const NEUTRAL_ADJUST: ColorAdjust = { saturation: 1, vibrance: 0, warmth: 0 };

export const isNeutral = (c: ColorAdjust | undefined): boolean =>
  !c || (c.saturation === 1 && c.vibrance === 0 && c.warmth === 0);

/** Adjust planar a* / 110 then b* / 110, in place: the network output layout. */
export function adjustAb(ab: Float32Array, pixels: number, c: ColorAdjust | undefined): void {
  if (!c || isNeutral(c)) return;
  const da = (0.3 * c.warmth) / 110;
  const db = c.warmth / 110;
  for (let i = 0; i < pixels; i++) {
    const a = ab[i];
    const b = ab[pixels + i];
    const chroma = Math.hypot(a, b) * 110;
    const f = c.saturation * (1 + c.vibrance * (1 - Math.min(1, chroma / 50)));
    ab[i] = Math.max(-1, Math.min(1, a * f + da));
    ab[pixels + i] = Math.max(-1, Math.min(1, b * f + db));
  }
}
