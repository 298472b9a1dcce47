// Regions hold their outline (issue 17), through the export's own full-resolution path and the real
// model: val photos given as gray scans, a saturated region drawn on each; outside it nothing farther
// than 8 px changes, inside it every pixel carries the region's colour at its own L*. A keep-original
// region on a real scan gives back the scan's own pixels inside and leaves the colour outside alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { containment } from '../../electron/services/evaluation/containment';
import { renderGuidance } from '../../electron/services/export/exporter';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { Jobs } from '../../electron/services/jobs';
import type { Guidance } from '../../shared/model/guidance';
import { workingSize } from '../../shared/network/working-size';
import { contract1Model } from '../support/models';
import { SAMPLES_BW, VAL } from '../support/paths';

const model = contract1Model().then((m) => new Colorizer(m, 2));
afterAll(async () => (await model).close());

describe('regions are masks', () => {
  it('changes nothing farther than 8 px outside a saturated region and fills its inside', async () => {
    const files = ['sunhays80_043.jpg', 'urban100_053.jpg'].map((f) => path.join(VAL, f));
    const r = await containment(await model, files);
    for (const c of r.cases) {
      expect(c.outsideP99, `${c.file} outside`).toBeLessThanOrEqual(1);
      expect(c.insideShareShown, `${c.file} inside`).toBeGreaterThanOrEqual(0.95);
    }
    // With snap to edges the outline moves only within its few pixels.
    const snapped = await containment(await model, files.slice(0, 1), { snap: true });
    expect(snapped.cases[0].outsideP99).toBeLessThanOrEqual(1);
    expect(snapped.cases[0].insideShareShown).toBeGreaterThanOrEqual(0.95);
  }, 300_000);

  it('keeps the scan itself inside a keep-original region and the colour outside it as it was', async () => {
    const bytes = readFileSync(path.join(SAMPLES_BW, 'bopb_001.png'));
    const meta = await sharp(bytes).metadata();
    const image = { width: meta.width ?? 0, height: meta.height ?? 0 };
    const [x0, y0, x1, y1] = [image.width * 0.3, image.height * 0.3, image.width * 0.6, image.height * 0.6];
    const base: Guidance = { hints: [{ id: 'h', x: image.width * 0.8, y: image.height * 0.8, radius: 6, a: 40, b: 50 }], strokes: [], regions: [] };
    const keep: Guidance = { ...base, regions: [{ id: 'k', polygon: [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }], a: 0, b: 0, keep: true }] };
    const render = (g: Guidance) => renderGuidance(m, bytes, image, workingSize(image), g, Jobs.detached());
    const m = await model;
    const [without, withKeep] = [await render(base), await render(keep)];
    const own = await sharp(bytes).toColourspace('srgb').removeAlpha().raw().toBuffer();
    let changedOutside = 0;
    let notOwnInside = 0;
    for (let y = 0; y < image.height; y += 3) {
      for (let x = 0; x < image.width; x += 3) {
        const j = 3 * (y * image.width + x);
        const cx = x + 0.5;
        const cy = y + 0.5;
        const outside = Math.max(x0 - cx, cx - x1, y0 - cy, cy - y1);
        if (outside > 8 && [0, 1, 2].some((c) => withKeep.rgb[j + c] !== without.rgb[j + c])) changedOutside++;
        if (outside < -8 && [0, 1, 2].some((c) => Math.abs(withKeep.rgb[j + c] / 257 - own[j + c]) > 0.5)) notOwnInside++;
      }
    }
    expect(changedOutside).toBe(0);
    expect(notOwnInside).toBe(0);
  }, 300_000);
});
