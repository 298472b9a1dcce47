// One stroke on one of two fields split by a dark bar, through the export path: with hints reaching
// everywhere (the network alone) the far field takes the stroke's colour too; by default (up to strong
// edges) and limited to their regions, the stroked field keeps the stroke's colour and the far field does not.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderGuidance } from '../../electron/services/export/exporter';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { verifyShippedModel } from '../../electron/services/inference/model-file';
import { Jobs } from '../../electron/services/jobs';
import { deltaE2000, hexToRgb, rgbToLab } from '../../shared/imaging/color';
import type { Guidance } from '../../shared/model/guidance';
import type { Reach } from '../../shared/model/guidance-schema';
import { workingSize } from '../../shared/network/working-size';
import { MODELS } from '../support/paths';

const W = 600;
const H = 400;
// A red stroke: the contract-2 prior reads this flat mid-gray scan as sky (far field b* about -28 with no hint), so a blue
// stroke could not tell reach from the network's own colour.
const [, A, B] = rgbToLab(...(hexToRgb('#b5483a') as [number, number, number]));
let model: Colorizer;
let scan: Buffer;

beforeAll(async () => {
  const gray = Buffer.alloc(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) gray[y * W + x] = x >= 290 && x < 310 ? 20 : (x < 290 ? 135 : 150) + (((x * 7 + y * 13) % 5) - 2);
  scan = await sharp(gray, { raw: { width: W, height: H, channels: 1 } }).png().toBuffer();
  model = new Colorizer(await verifyShippedModel(MODELS), 2);
  await model.open();
});
afterAll(() => model.close());

/** Share of a field's grid points within ΔE00 12 of the stroke's blue. */
async function blueShares(reach?: Reach): Promise<{ stroked: number; near: number; far: number }> {
  const g: Guidance = { hints: [], strokes: [{ id: 's', points: [{ x: 60, y: 200 }, { x: 240, y: 200 }], width: 12, a: A, b: B }], regions: [], reach };
  const image = { width: W, height: H };
  const px = await renderGuidance(model, scan, image, workingSize(image), g, Jobs.detached());
  const share = (x0: number, x1: number, y0 = 30, y1 = H - 30): number => {
    let near = 0;
    let all = 0;
    for (let y = y0; y < y1; y += 34) {
      for (let x = x0; x < x1; x += 23) {
        const j = 3 * (y * W + x);
        const lab = rgbToLab(px.rgb[j] / 65535, px.rgb[j + 1] / 65535, px.rgb[j + 2] / 65535);
        all++;
        if (deltaE2000([lab[0], A, B], lab) <= 12) near++;
      }
    }
    return near / all;
  };
  // `near`: the stroked field within 100 px of the stroke (y = 200), where a reach of 0.25 of the
  // diagonal (180 px) has not yet faded the colour out.
  return { stroked: share(20, 275), near: share(20, 275, 100, 301), far: share(325, W - 20) };
}

describe('hint reach', () => {
  it('keeps one stroke in its own field by default and when limited, not when unlimited', async () => {
    const everywhere = await blueShares(1);
    const byDefault = await blueShares();
    expect(byDefault.stroked, 'by default: the stroked field keeps the stroke colour').toBeGreaterThan(0.5);
    expect(byDefault.far, `by default the bar stops the stroke (far field ${byDefault.far.toFixed(2)} vs ${everywhere.far.toFixed(2)} everywhere)`).toBeLessThan(0.1);
    const limited = await blueShares(0.25);
    // Unlimited, the stroke spreads across the wall (with contract 2 only partly: the prior's own colour
    // resists it: 0.33 of the far field with the base guide, 0.50 with the light guide, 2026-12-01); limited, it stays in its own field.
    expect(everywhere.far - limited.far, `unlimited spreads the stroke further (far field ${everywhere.far.toFixed(2)} vs ${limited.far.toFixed(2)})`).toBeGreaterThan(0.2);
    // Limited, colour also fades with distance, so the test looks where the reach still holds: near the
    // stroke. Measured 2026-12-01: near 0.83 with the base guide, 0.82 with the light guide; the whole
    // stroked field 0.52 and 0.50, its grid points beyond the reach being faded by design.
    expect(limited.near, `limited: near the stroke the field keeps its colour (whole field ${limited.stroked.toFixed(2)})`).toBeGreaterThan(0.7);
    expect(limited.far, 'limited: the far field does not').toBeLessThan(0.1);
  });
});
