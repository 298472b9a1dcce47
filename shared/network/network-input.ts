// What the network sees for a guidance state: the scan's L* at the working size, restored (dust, tone),
// and the guidance rasterised into hint_ab / hint_mask. One place for preview, suggestions and export.
import { rasterizeGuidance, type Guidance } from '../model/guidance';
import { hasRestoration, restoreLightness } from '../imaging/restore';
import type { Size } from './working-size';

export interface NetworkInput {
  width: number;
  height: number;
  l: Float32Array;
  hintAb: Float32Array;
  mask: Float32Array;
}

/** `l` is L* / 100 at `work`; it is copied only when restoration changes it. */
export function networkInput(l: Float32Array, work: Size, image: Size, g: Guidance): NetworkInput {
  const restored = hasRestoration(g) ? l.slice() : l;
  restoreLightness(restored, work, image, g, 0.01);
  return { width: work.width, height: work.height, l: restored, ...rasterizeGuidance(g, image, work) };
}
