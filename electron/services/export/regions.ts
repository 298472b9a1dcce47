// Regions at full resolution (shared/region-mask.ts): after the network's colour is composed, each
// coloured region's colour is laid over it through its soft mask, at each pixel's own (restored) L*,
// and each keep-original region puts the scan's own pixels back through its mask. The same masks the
// preview paints with, computed here at the output size.
import { rgbToLab } from '../../../shared/color';
import { labToRgb16Into } from '../../../shared/lab-encoder';
import { samplesLightness } from '../../../shared/lightness';
import { regionColors, tenths, type LightnessRows, type RegionMask } from '../../../shared/region-mask';
import { applyToneTable, toneTable, type ToneAdjust } from '../../../shared/tone';
import { originalRgb16 } from '../images/decode';
import type { LightSource } from './compose-rows';

/** Rows of the restored L* (0..100) the composition used, for masks and region colour. */
export function lightnessRows(source: LightSource, width: number, tone?: ToneAdjust): LightnessRows {
  const lut = toneTable(tone);
  return (y0, y1) => {
    const l = source.kind === 'samples' ? samplesLightness(source.samples, y0 * width, (y1 - y0) * width) : source.l.slice(y0 * width, y1 * width);
    if (lut) applyToneTable(l, lut);
    return l;
  };
}

export interface Rgb16Image {
  width: number;
  height: number;
  rgb: Uint16Array;
}

/** A coloured region's colour over the composed pixels: inside, the colour at each pixel's L* (its
 * chroma fitted to sRGB); on the soft edge, the composed a*b* moved toward it by the mask. */
function paintColor(px: Rgb16Image, m: RegionMask, rows: LightnessRows): void {
  const l = rows(m.top, m.top + m.height);
  const colors = regionColors(m.region.a, m.region.b);
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      const k = m.alpha[y * m.width + x];
      if (k <= 0) continue;
      const L = l[y * px.width + m.left + x];
      const j = 3 * ((m.top + y) * px.width + m.left + x);
      const c = 2 * tenths(L);
      const ra = colors[c];
      const rb = colors[c + 1];
      if (k >= 1) {
        labToRgb16Into(L, ra, rb, px.rgb, j);
        continue;
      }
      const [, a, b] = rgbToLab(px.rgb[j] / 65535, px.rgb[j + 1] / 65535, px.rgb[j + 2] / 65535);
      labToRgb16Into(L, a + k * (ra - a), b + k * (rb - b), px.rgb, j);
    }
  }
}

/** The scan's own pixels through a keep-original mask. */
async function paintKeep(original: Uint8Array, px: Rgb16Image, m: RegionMask, longSide?: number): Promise<void> {
  const own = await originalRgb16(original, { left: m.left, top: m.top, width: m.width, height: m.height }, longSide);
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      const k = m.alpha[y * m.width + x];
      if (k <= 0) continue;
      const s = 3 * (y * m.width + x);
      const d = 3 * ((m.top + y) * px.width + m.left + x);
      for (let c = 0; c < 3; c++) px.rgb[d + c] = Math.round(px.rgb[d + c] + k * (own[s + c] - px.rgb[d + c]));
    }
  }
}

/** Every region over the composed image, in drawing order. */
export async function paintRegions(original: Uint8Array, px: Rgb16Image, masks: readonly RegionMask[], rows: LightnessRows, longSide?: number): Promise<void> {
  for (const m of masks) {
    if (m.region.keep) await paintKeep(original, px, m, longSide);
    else paintColor(px, m, rows);
  }
}
