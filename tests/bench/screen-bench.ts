// Hint -> pixels on screen in Chromium (issue 20): the real studio over the browser host, a real scan
// fitted to 1600 x 1200 (the display copy is that size), one new hint per edit with the point tool.
// Timed in the page from the pointerdown to the end of the frame that draws the new preview (the status
// bar's `painted` changes, then one animation frame, in which the stage's layer redraws, then a task
// after it); the composite's own share is the compositor's (GL: draw until its fence signals; CPU: the
// row composer in the worker). Both paths, forced: `?composite=gl` (here SwiftShader, a software GL, where
// the studio left to itself takes the CPU) and `?composite=cpu`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { startStudioHost } from '../../electron/host/studio-host';
import { launchChromium } from '../support/chromium';
import { SAMPLES_BW, tempDir } from '../support/paths';

export interface ScreenFigure {
  path: string;
  renderer: string;
  /** Pointerdown -> the new preview's frame, ms. */
  shown: number[];
  /** The composite alone, ms. */
  composite: number[];
  /** The studio's request -> the result on the canvas (the services' round trip plus the composite), ms. */
  request: number[];
}

const W = 1600;
const H = 1200;

/** A 1600 x 1200 scan; `variant` makes its bytes (so its project) differ per path. */
async function scan(variant: number): Promise<string> {
  const file = path.join(tempDir('bench-screen'), `screen-1600x1200-${variant}.jpg`);
  writeFileSync(file, await sharp(path.join(SAMPLES_BW, 'deoldify_010.jpg')).resize(W, H, { fit: 'fill' }).jpeg({ quality: 92 - variant }).toBuffer());
  return file;
}

/** The page's clock: the time of the last pointerdown. */
async function instrument(page: Page): Promise<void> {
  await page.evaluate("addEventListener('pointerdown', () => (window.benchDown = performance.now()), true)");
}

async function oneEdit(page: Page, x: number, y: number): Promise<{ shown: number; composite: number; request: number }> {
  const before = await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.painted ?? '0');
  // A string, not a function: tsx would wrap the page's inner functions in a helper the page lacks.
  const done = page.evaluate(`new Promise((resolve) => {
    const status = document.querySelector('[data-testid=status]');
    const observer = new MutationObserver(() => check());
    function check() {
      if (status.dataset.painted === ${JSON.stringify(before)} || status.dataset.busy !== 'false') return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve({ shown: performance.now() - window.benchDown, composite: Number(status.dataset.compositeMs), request: Number(status.dataset.previewMs) }), 0));
    }
    observer.observe(status, { attributes: true });
    check();
  })`) as Promise<{ shown: number; composite: number; request: number }>;
  const box = await page.locator('[data-testid=stage]').boundingBox();
  const d = await page.locator('[data-testid=stage]').evaluate((el: HTMLElement) => ({ s: Number(el.dataset.scale), ox: Number(el.dataset.ox), oy: Number(el.dataset.oy) }));
  if (!box) throw new Error('no stage');
  await page.mouse.click(box.x + d.ox + x * d.s, box.y + d.oy + y * d.s);
  return done;
}

/** A page on one path with its own 1600 x 1200 scan open and its first preview painted. */
async function openOn(browser: Browser, url: string, mode: 'gl' | 'cpu', variant: number): Promise<{ page: Page; figure: ScreenFigure }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url.replace('/#', `/?composite=${mode}#`));
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : 'no WebGL2';
  });
  await page.setInputFiles('[data-testid=file-input]', await scan(variant));
  await page.waitForSelector('[data-testid=stage] canvas', { timeout: 120_000 });
  await page.waitForFunction(() => {
    const s = document.querySelector<HTMLElement>('[data-testid=status]')?.dataset;
    return s?.busy === 'false' && s.painted !== '0';
  }, undefined, { timeout: 120_000 });
  const shownPath = await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.composite ?? '?');
  await instrument(page);
  return { page, figure: { path: shownPath, renderer, shown: [], composite: [], request: [] } };
}

/** `edits` hints added one by one on each path, the paths taking turns edit by edit (so a change in
 * the machine's load weighs on both alike); the first `warmup` of each are not counted. */
export async function screenBench(edits = 30, warmup = 4): Promise<ScreenFigure[]> {
  const running = await startStudioHost({ libraryDir: tempDir('bench-screen-lib') });
  const browser = await launchChromium();
  try {
    const sides = [await openOn(browser, running.host.url, 'gl', 0), await openOn(browser, running.host.url, 'cpu', 1)];
    for (let i = 0; i < edits; i++) {
      // Distinct points on a grid over the scan (a click on an existing hint would select it).
      const x = W * (0.08 + 0.84 * (((i * 7) % 10) / 9));
      const y = H * (0.08 + 0.84 * (Math.floor(i / 10) / Math.max(1, Math.ceil(edits / 10) - 1)));
      for (const side of sides) {
        await side.page.bringToFront();
        const r = await oneEdit(side.page, x, y);
        if (i < warmup) continue;
        side.figure.shown.push(r.shown);
        side.figure.composite.push(r.composite);
        side.figure.request.push(r.request);
      }
    }
    return sides.map((s) => s.figure);
  } finally {
    await browser.close();
    await running.host.close();
    await running.studio.close();
  }
}
