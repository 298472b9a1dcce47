// The preview is the export at the display size (issue 20): one imaging kernel. A real scan with hints,
// a snapped colour region, a keep-original region, a tone curve and a dust stroke, through the real
// paths and the real model: the studio's preview (PreviewScheduler's result, the display copy, the
// renderer's CPU composer, composeDisplay) against the export (renderGuidance) fitted to the same size.
// ΔE00 p99 <= 2 over every pixel; inside the keep-original outline the pixels are identical (and are
// the scan's). The WebGL2 path is held to the CPU composer in tests/e2e/composite-gl-browser.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayPng, workingLightness } from '../../electron/services/images/decode';
import { renderGuidance } from '../../electron/services/export/exporter';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { verifyShippedModel } from '../../electron/services/inference/model-file';
import { Jobs } from '../../electron/services/jobs';
import { PreviewScheduler } from '../../electron/services/preview';
import { deltaE2000, rgbToLab } from '../../shared/imaging/color';
import type { Guidance, Region } from '../../shared/model/guidance';
import { composeDisplay, fieldOfPreview } from '../../shared/imaging/compose';
import { regionMasks } from '../../shared/imaging/region-mask';
import { lightnessOf } from '../../shared/imaging/lightness';
import { restoreLightness } from '../../shared/imaging/restore';
import { workingSize } from '../../shared/network/working-size';
import { MODELS, SAMPLES_BW } from '../support/paths';

const SCAN = path.join(SAMPLES_BW, 'deoldify_010.jpg');
let model: Colorizer;

beforeAll(async () => {
  model = new Colorizer(await verifyShippedModel(MODELS), 2);
  await model.open();
});
afterAll(() => model.close());

const box = (id: string, x0: number, y0: number, x1: number, y1: number, extra: Partial<Region>): Region => ({
  id,
  polygon: [{ x: x0, y: y0 }, { x: x1, y: y0 + 12 }, { x: x1 - 8, y: y1 }, { x: x0 + 5, y: y1 - 6 }],
  a: 0,
  b: 0,
  keep: false,
  ...extra,
});

function guidanceFor(w: number, h: number): Guidance {
  return {
    hints: [
      { id: 'h1', x: w * 0.2, y: h * 0.3, radius: 5, a: 35, b: 40 },
      { id: 'h2', x: w * 0.75, y: h * 0.7, radius: 5, a: -30, b: 25 },
      { id: 'h3', x: w * 0.5, y: h * 0.15, radius: 4, a: 5, b: -40 },
    ],
    strokes: [{ id: 'd', points: [{ x: w * 0.1, y: h * 0.9 }, { x: w * 0.3, y: h * 0.88 }], width: 6, a: 0, b: 0, purpose: 'dust' }],
    regions: [
      box('colour', w * 0.55, h * 0.2, w * 0.85, h * 0.5, { a: 45, b: 30, snap: true }),
      box('keep', w * 0.15, h * 0.5, w * 0.45, h * 0.8, { keep: true }),
    ],
    tone: { black: 4, white: 96, gamma: 1.1, contrast: 0.1 },
  };
}

describe('one imaging kernel', () => {
  it('gives the export’s pixels at the display size: ΔE00 p99 <= 2, keep-original identical', async () => {
    const bytes = readFileSync(SCAN);
    const meta = await sharp(bytes).metadata();
    const image = { width: meta.width ?? 0, height: meta.height ?? 0 };
    const g = guidanceFor(image.width, image.height);
    const work = workingSize(image);

    // The preview as the studio makes it: the services' result (a*b* and the L* the network saw, 8-bit),
    // then the renderer's composite over the display copy's own (restored) L*.
    const scheduler = new PreviewScheduler(async () => model, { size: image, work, l: await workingLightness(bytes, work) });
    const r = await scheduler.request(1, g);
    if (r.stale) throw new Error('stale preview');
    const shown = await displayPng(bytes);
    const { data: rgba } = await sharp(shown.png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const size = { width: shown.width, height: shown.height };
    const n = size.width * size.height;
    const l = lightnessOf(rgba, n, 4);
    restoreLightness(l, size, image, g);
    const masks = regionMasks(g, image, size, (y0, y1) => l.subarray(y0 * size.width, y1 * size.width));
    const preview = new Uint8ClampedArray(4 * n);
    composeDisplay({ ...size, l, rgba }, fieldOfPreview(r.width, r.height, new Int8Array(r.ab.buffer, r.ab.byteOffset, r.ab.byteLength), r.l), masks, preview);

    // The export, fitted to the same size, as 8 bits.
    const px = await renderGuidance(model, bytes, image, work, g, Jobs.detached(), Math.max(size.width, size.height));
    expect([px.width, px.height]).toEqual([size.width, size.height]);
    const exported = Uint8Array.from(px.rgb, (v) => Math.round(v / 257));

    const de = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = rgbToLab(preview[4 * i] / 255, preview[4 * i + 1] / 255, preview[4 * i + 2] / 255);
      const e = rgbToLab(exported[3 * i] / 255, exported[3 * i + 1] / 255, exported[3 * i + 2] / 255);
      de[i] = deltaE2000(p, e);
    }
    de.sort();
    const p99 = de[Math.floor(0.99 * n)];
    const mean = de.reduce((s, v) => s + v, 0) / n;
    console.log(`preview vs export at ${size.width}x${size.height}: ΔE00 mean ${mean.toFixed(3)}, p99 ${p99.toFixed(3)}, max ${de[n - 1].toFixed(2)}`);
    expect(p99).toBeLessThanOrEqual(2);

    // Keep-original: wherever its mask fully covers, preview, export and the scan agree exactly.
    const keep = masks.find((m) => m.region.keep);
    if (!keep) throw new Error('no keep mask');
    let covered = 0;
    let differing = 0;
    for (let y = 0; y < keep.height; y++) {
      for (let x = 0; x < keep.width; x++) {
        if (keep.alpha[y * keep.width + x] < 1) continue;
        const i = (keep.top + y) * size.width + keep.left + x;
        covered++;
        for (let c = 0; c < 3; c++) if (preview[4 * i + c] !== exported[3 * i + c] || preview[4 * i + c] !== rgba[4 * i + c]) differing++;
      }
    }
    console.log(`keep-original: ${covered} fully covered pixels, ${differing} differing samples`);
    expect(covered).toBeGreaterThan(0.05 * n);
    expect(differing).toBe(0);
    // The colour region did change the picture (the comparison is not of two gray images).
    const colour = masks.find((m) => !m.region.keep);
    const centre = colour ? (colour.top + (colour.height >> 1)) * size.width + colour.left + (colour.width >> 1) : 0;
    const [, a, b] = rgbToLab(preview[4 * centre] / 255, preview[4 * centre + 1] / 255, preview[4 * centre + 2] / 255);
    expect(Math.hypot(a, b)).toBeGreaterThan(20);
  }, 240_000);
});
