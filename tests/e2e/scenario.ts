// The first loop as a user does it: open a real scan, place three hints of different colours, check the
// preview honours them, export, and check the file. Shared by the browser-host and Electron runs.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { deltaE2000, hexToRgb, rgbToLab, type Lab } from '../../shared/imaging/color';
import { SAMPLES_BW } from '../support/paths';

const HINTS = ['#3a6fb0', '#b5483a', '#4f8a3c'];

interface StagePixels {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** Pixels of the stage's image layer (the first Konva canvas), in stage coordinates, via a PNG snapshot. */
async function stagePixels(page: Page): Promise<StagePixels> {
  const url = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=stage] canvas');
    if (!canvas) throw new Error('no stage canvas');
    return canvas.toDataURL('image/png');
  });
  const { data, info } = await sharp(Buffer.from(url.split(',')[1], 'base64')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgba: data };
}

function labAt(p: StagePixels, x: number, y: number): Lab {
  let r = 0;
  let g = 0;
  let b = 0;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const j = 4 * ((Math.round(y) + dy) * p.width + Math.round(x) + dx);
      r += p.rgba[j];
      g += p.rgba[j + 1];
      b += p.rgba[j + 2];
    }
  }
  return rgbToLab(r / 9 / 255, g / 9 / 255, b / 9 / 255);
}

function meanChroma(p: StagePixels): number {
  let sum = 0;
  let n = 0;
  for (let j = 0; j < p.rgba.length; j += 4 * 7) {
    if (p.rgba[j + 3] === 0) continue;
    const [, a, b] = rgbToLab(p.rgba[j] / 255, p.rgba[j + 1] / 255, p.rgba[j + 2] / 255);
    sum += Math.hypot(a, b);
    n++;
  }
  return sum / Math.max(1, n);
}

/** Three well-separated mid-tone points inside the image, where any of the hint colours is in gamut. */
function choosePoints(p: StagePixels): [number, number][] {
  const chosen: [number, number][] = [];
  for (let y = 0.25; y < 0.9 && chosen.length < 3; y += 0.05) {
    for (let x = 0.2; x < 0.85 && chosen.length < 3; x += 0.05) {
      const px = x * p.width;
      const py = y * p.height;
      const [l] = labAt(p, px, py);
      const opaque = p.rgba[4 * (Math.round(py) * p.width + Math.round(px)) + 3] === 255;
      // Any mid-tone point works: the preview keeps the scan's L*, whatever colour it shows before hints.
      if (opaque && l > 38 && l < 68 && chosen.every(([cx, cy]) => Math.hypot(cx - px, cy - py) > p.width / 5)) chosen.push([px, py]);
    }
  }
  expect(chosen, 'three mid-tone points on the scan').toHaveLength(3);
  return chosen;
}

export async function previewSettled(page: Page, hints: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const s = document.querySelector<HTMLElement>('[data-testid=status]')?.dataset;
      return s?.busy === 'false' && s.hints === String(n) && s.painted !== '0';
    },
    hints,
    { timeout: 60_000 },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export async function runStudioScenario(page: Page, opts: { sample: string; libraryDir: string }): Promise<void> {
  await page.setInputFiles('[data-testid=file-input]', opts.sample);
  await page.waitForSelector('[data-testid=stage] canvas', { timeout: 60_000 });
  await previewSettled(page, 0);
  const canvasBox = await page.locator('[data-testid=stage] canvas').first().boundingBox();
  if (!canvasBox) throw new Error('stage not visible');
  // The automatic colorization at zero hints: the scan's own L*, a little colour at most.
  const before = await stagePixels(page);
  const points = choosePoints(before);

  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Escape');
    await page.fill('[data-testid=hex-input]', HINTS[i]);
    await page.press('[data-testid=hex-input]', 'Enter');
    await page.mouse.click(canvasBox.x + points[i][0], canvasBox.y + points[i][1]);
  }
  await page.keyboard.press('h'); // hide the hint markers so the pixels under them can be read
  await previewSettled(page, 3);
  const after = await stagePixels(page);

  for (let i = 0; i < 3; i++) {
    const [x, y] = points[i];
    const [, a, b] = rgbToLab(...(hexToRgb(HINTS[i]) ?? [0, 0, 0]));
    const original = labAt(before, x, y);
    const shown = labAt(after, x, y);
    const dE = deltaE2000([original[0], a, b], shown);
    expect(dE, `hint ${HINTS[i]} at (${x.toFixed(0)}, ${y.toFixed(0)}): shown Lab ${shown.map((v) => v.toFixed(1))}`).toBeLessThan(10);
  }
  expect(meanChroma(after), 'the preview is no longer gray').toBeGreaterThan(Math.max(3, meanChroma(before) + 2));

  await page.click('[data-testid=export]');
  await page.waitForSelector('[data-testid=export-done]', { timeout: 120_000 });
  const exportsDir = path.join(opts.libraryDir, 'exports');
  const files = readdirSync(exportsDir).filter((f) => f.endsWith('.png'));
  expect(files).toHaveLength(1);
  await checkExport(path.join(exportsDir, files[0]), opts.sample);
}

/** L* per pixel; an export's own sRGB tag is taken at its word (see export-provenance.test.ts). */
async function lightness(file: string, ignoreIcc = false): Promise<{ width: number; height: number; l: Float32Array }> {
  const { data, info } = await sharp(file, { ignoreIcc }).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const l = new Float32Array(info.width * info.height);
  for (let i = 0; i < l.length; i++) l[i] = rgbToLab(data[3 * i] / 255, data[3 * i + 1] / 255, data[3 * i + 2] / 255)[0];
  return { width: info.width, height: info.height, l };
}

async function checkExport(exported: string, original: string): Promise<void> {
  const out = await lightness(exported, true);
  const src = await lightness(original);
  expect([out.width, out.height]).toEqual([src.width, src.height]);
  let diff = 0;
  for (let i = 0; i < src.l.length; i++) diff += Math.abs(out.l[i] - src.l[i]);
  expect(diff / src.l.length, "mean |ΔL*| between the export and the original").toBeLessThan(1);
}

/** Opens a sample scan from ../shared/samples/bw in the studio page and waits for its first preview. */
export async function openScan(page: Page, sample: string): Promise<void> {
  await page.setInputFiles('[data-testid=file-input]', path.join(SAMPLES_BW, sample));
  await page.waitForSelector('[data-testid=stage] canvas', { timeout: 60_000 });
  await previewSettled(page, 0);
}

/** Page coordinates of a point on the stage given as fractions of its width and height. */
export async function stagePoint(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = await page.locator('[data-testid=stage] canvas').first().boundingBox();
  if (!box) throw new Error('stage not visible');
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** Page coordinates of an image pixel (display copy pixels) on the stage, at its current zoom. */
export async function toScreen(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const stage = page.locator('[data-testid=stage]');
  const box = await stage.boundingBox();
  const d = await stage.evaluate((el: HTMLElement) => ({ s: Number(el.dataset.scale), ox: Number(el.dataset.ox), oy: Number(el.dataset.oy) }));
  if (!box) throw new Error('no stage');
  return { x: box.x + d.ox + x * d.s, y: box.y + d.oy + y * d.s };
}

/** A mouse drag through image pixels, pressed at the first and released at the last. */
export async function drag(page: Page, points: [number, number][]): Promise<void> {
  const first = await toScreen(page, ...points[0]);
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const p of points.slice(1)) {
    const s = await toScreen(page, ...p);
    await page.mouse.move(s.x, s.y, { steps: 8 });
  }
  await page.mouse.up();
}

/** The preview's Lab at image pixels, read from the stage's image layer. */
export async function previewLab(page: Page, points: [number, number][]) {
  const url = await page.evaluate(() => (document.querySelector('[data-testid=stage] canvas') as HTMLCanvasElement).toDataURL('image/png'));
  const { data, info } = await sharp(Buffer.from(url.split(',')[1], 'base64')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const stage = page.locator('[data-testid=stage]');
  const d = await stage.evaluate((el: HTMLElement) => ({ s: Number(el.dataset.scale), ox: Number(el.dataset.ox), oy: Number(el.dataset.oy) }));
  return points.map(([x, y]) => {
    const j = 4 * (Math.round(d.oy + y * d.s) * info.width + Math.round(d.ox + x * d.s));
    return rgbToLab(data[j] / 255, data[j + 1] / 255, data[j + 2] / 255);
  });
}
