// The preview's two composite paths in Chromium over the browser host (issue 20): a real scan with two
// hints, a colour region and a keep-original region drawn in the UI. The WebGL2 shader's pixels on
// screen against the CPU row composer's on the very same result (Compositor.cpuReference, the worker):
// ΔE00 p99 <= 2 and keep-original pixels identical, both equal to the scan. Then the CPU fallback
// (as without WebGL2, or with a software one: this Chromium's SwiftShader) in the real UI gives
// exactly the CPU composer's pixels. The CPU
// composer itself is held to the export in tests/model/preview-export-bound.test.ts.
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { deltaE2000, rgbToLab } from '../../shared/imaging/color';
import { SAMPLES_BW } from '../support/paths';
import { studioInChromium } from './browser';
import { drag, openScan, previewSettled, toScreen } from './scenario';

const SAMPLE = 'deoldify_010.jpg';
/** The keep-original outline, and a box well inside it (beyond its 2 px feather). */
const KEEP: [number, number][] = [[150, 380], [420, 380], [420, 600], [150, 600], [150, 382]];
const KEEP_INSIDE = { x0: 160, y0: 390, x1: 410, y1: 590 };
const COLOUR: [number, number][] = [[540, 140], [820, 140], [820, 340], [540, 340], [540, 142]];

interface Shown {
  path: string;
  width: number;
  height: number;
  gl: Uint8Array;
  cpu: Uint8Array;
}

const status = (page: Page, key: string) => page.evaluate((k) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset[k], key);

async function pickColour(page: Page, hex: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.fill('[data-testid=hex-input]', hex);
  await page.press('[data-testid=hex-input]', 'Enter');
}

/** The preview on screen and the CPU composer's rendering of the same result, from the page's probe. */
async function shown(page: Page): Promise<Shown> {
  const r = await page.evaluate(async () => {
    const p = (globalThis as { tintypePreview?: { path: string; width: number; height: number; pixels: () => string; cpuReference: () => Promise<string | null> } }).tintypePreview;
    if (!p) throw new Error('no preview probe');
    return { path: p.path, width: p.width, height: p.height, gl: p.pixels(), cpu: (await p.cpuReference()) ?? '' };
  });
  return { ...r, gl: Buffer.from(r.gl, 'base64'), cpu: Buffer.from(r.cpu, 'base64') };
}

function deltaE(x: Uint8Array, y: Uint8Array): { p99: number; max: number } {
  const n = x.length / 4;
  const de = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = 4 * i;
    de[i] = deltaE2000(rgbToLab(x[j] / 255, x[j + 1] / 255, x[j + 2] / 255), rgbToLab(y[j] / 255, y[j + 1] / 255, y[j + 2] / 255));
  }
  de.sort();
  return { p99: de[Math.floor(0.99 * n)], max: de[n - 1] };
}

describe('the preview composite on the GPU and on the CPU, in Chromium', () => {
  const studio = studioInChromium('e2e-composite');

  it('draws the CPU composer’s pixels with WebGL2 (ΔE00 p99 <= 2, keep-original identical), and falls back to them', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 900 } });
    // Forced: this Chromium's WebGL2 is SwiftShader, where the studio on its own would take the CPU.
    await page.goto(studio.url().replace('/#', '/?composite=gl#'));
    await openScan(page, SAMPLE);
    expect(await status(page, 'composite'), 'WebGL2 is available in this Chromium').toBe('gl');

    for (const [hex, x, y] of [['#3a6fb0', 250, 150], ['#b5483a', 700, 550]] as const) {
      await pickColour(page, hex);
      const at = await toScreen(page, x, y);
      await page.mouse.click(at.x, at.y);
    }
    await pickColour(page, '#4f8a3c');
    await page.click('[data-testid=tool-lasso]');
    await drag(page, COLOUR);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.regions === '1');
    await page.keyboard.press('Escape');
    await page.click('[data-testid=tool-keep]');
    await drag(page, KEEP);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.regions === '2');
    await page.keyboard.press('Escape');
    await page.keyboard.press('h');
    await previewSettled(page, 2);

    const s = await shown(page);
    expect(s.path).toBe('gl');
    const scan = await sharp(path.join(SAMPLES_BW, SAMPLE)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([s.width, s.height]).toEqual([scan.info.width, scan.info.height]);
    const d = deltaE(s.gl, s.cpu);
    console.log(`GL vs CPU composite at ${s.width}x${s.height}: ΔE00 p99 ${d.p99.toFixed(3)}, max ${d.max.toFixed(2)}; composite ${await status(page, 'compositeMs')} ms (GL)`);
    expect(d.p99).toBeLessThanOrEqual(2);
    let differing = 0;
    for (let y = KEEP_INSIDE.y0; y < KEEP_INSIDE.y1; y++) {
      for (let x = KEEP_INSIDE.x0; x < KEEP_INSIDE.x1; x++) {
        const j = 4 * (y * s.width + x);
        for (let c = 0; c < 3; c++) if (s.gl[j + c] !== s.cpu[j + c] || s.gl[j + c] !== scan.data[j + c]) differing++;
      }
    }
    expect(differing, 'samples inside the keep-original outline that differ (GL, CPU, scan)').toBe(0);
    // The regions and hints are in the picture: the colour region's inside is far from gray.
    const centre = 4 * (240 * s.width + 680);
    const [, a, b] = rgbToLab(s.gl[centre] / 255, s.gl[centre + 1] / 255, s.gl[centre + 2] / 255);
    expect(Math.hypot(a, b), 'chroma inside the colour region').toBeGreaterThan(15);

    // The studio left to choose (software WebGL2 here): the same project reopened, composited by the worker.
    const cpuPage = await studio.browser().newPage({ viewport: { width: 1280, height: 900 } });
    await cpuPage.goto(studio.url());
    await cpuPage.setInputFiles('[data-testid=file-input]', path.join(SAMPLES_BW, SAMPLE));
    await cpuPage.waitForSelector('[data-testid=stage] canvas', { timeout: 60_000 });
    await cpuPage.keyboard.press('h');
    await previewSettled(cpuPage, 2);
    const f = await shown(cpuPage);
    expect(f.path).toBe('cpu');
    let unequal = 0;
    for (let i = 0; i < f.gl.length; i++) if (f.gl[i] !== s.cpu[i]) unequal++;
    expect(unequal, 'samples of the CPU fallback on screen that differ from the CPU composer under the GL page').toBe(0);
  });
});
