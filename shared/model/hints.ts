// Colour hints as the user places them (original-image pixel coordinates), and their rasterisation into
// the network's hint_ab / hint_mask inputs at a working size.
import type { z } from 'zod';
import type { HintSchema } from './hint-schema';
import type { Size } from '../network/working-size';

/** A point hint: centre in original-image pixels (after EXIF orientation), half-width `radius` of its
 * square patch in original-image pixels, colour as CIE a*, b*. */
export type Hint = z.infer<typeof HintSchema>;

export interface HintRaster {
  /** [2, H, W] planar: a* / 110 then b* / 110. */
  hintAb: Float32Array;
  /** [1, H, W]: 1 where hinted. */
  mask: Float32Array;
}

export function rasterizeHints(hints: readonly Hint[], image: Size, work: Size): HintRaster {
  const { width: w, height: h } = work;
  const hintAb = new Float32Array(2 * w * h);
  const mask = new Float32Array(w * h);
  const sx = w / image.width;
  const sy = h / image.height;
  for (const hint of hints) {
    const cx = Math.floor(hint.x * sx);
    const cy = Math.floor(hint.y * sy);
    const r = Math.max(0, Math.round(hint.radius * Math.min(sx, sy)));
    for (let y = Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
      for (let x = Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
        const i = y * w + x;
        hintAb[i] = hint.a / 110;
        hintAb[w * h + i] = hint.b / 110;
        mask[i] = 1;
      }
    }
  }
  return { hintAb, mask };
}
