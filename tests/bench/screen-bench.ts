// Hint -> pixels on screen in Chromium (issue 20): the real studio over the browser host, a real scan
// fitted to 1600 x 1200 (the display copy is that size), one new hint per edit with the point tool.
// Timed in the page from the pointerdown to the end of the frame that draws the new preview (the status
// bar's `painted` changes, then one animation frame, in which the stage's layer redraws, then a task
// after it); the composite's own share is the compositor's (GL: draw until its fence signals; CPU: the
// row composer in the worker). Both paths: WebGL2 (here SwiftShader, a software GL) and `?composite=cpu`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
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
}

const W = 1600;
const H = 1200;

/** A 1600 x 1200 scan; `variant` makes its bytes (so its project) differ per path. */
async function scan(variant: number): Promise<string> {
  const file = path.join(tempDir('bench-screen'), `screen-1600x1200-${variant}.jpg`);
  writeFileSync(file, await sharp(path.join(SAMPLES_BW, 'deoldify_010.jpg')).resize(W, H, { fit: 'fill' }).jpeg({ quality: 92 - variant }).toBuffer());
  return file;
}

/** Install the page's clock: the last pointerdown, and a promise for the next painted preview's frame. */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { benchDown: number };
    addEventListener('pointerdown', () => (w.benchDown = performance.now()), true);
  });
}

async function oneEdit(page: Page, x: number, y: number): Promise<{ shown: number; composite: number }> {
  const before = await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.painted ?? '0');
  const done = page.evaluate(
    (b) =>
      new Promise<{ shown: number; composite: number }>((resolve) => {
        const status = document.querySelector<HTMLElement>('[data-testid=status]') as HTMLElement;
        const check = (): boolean => {
          if (status.dataset.painted === b || status.dataset.busy !== 'false') return false;
          observer.disconnect();
          requestAnimationFrame(() =>
            setTimeout(() => {
              const w = window as unknown as { benchDown: number };
              resolve({ shown: performance.now() - w.benchDown, composite: Number(status.dataset.compositeMs) });
            }, 0),
          );
          return true;
        };
        const observer = new MutationObserver(check);
        observer.observe(status, { attributes: true });
        check();
      }),
    before,
  );
  const box = await page.locator('[data-testid=stage]').boundingBox();
  const d = await page.locator('[data-testid=stage]').evaluate((el: HTMLElement) => ({ s: Number(el.dataset.scale), ox: Number(el.dataset.ox), oy: Number(el.dataset.oy) }));
  if (!box) throw new Error('no stage');
  await page.mouse.click(box.x + d.ox + x * d.s, box.y + d.oy + y * d.s);
  return done;
}

/** `edits` hints added one by one on each path; the first `warmup` of each are not counted. */
export async function screenBench(edits = 40, warmup = 5): Promise<ScreenFigure[]> {
  const running = await startStudioHost({ libraryDir: tempDir('bench-screen-lib') });
  const browser = await launchChromium();
  const figures: ScreenFigure[] = [];
  try {
    for (const mode of ['gl', 'cpu'] as const) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(mode === 'cpu' ? running.host.url.replace('/#', '/?composite=cpu#') : running.host.url);
      const renderer = await page.evaluate(() => {
        const gl = document.createElement('canvas').getContext('webgl2');
        const info = gl?.getExtension('WEBGL_debug_renderer_info');
        return gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : 'no WebGL2';
      });
      await page.setInputFiles('[data-testid=file-input]', await scan(figures.length));
      await page.waitForSelector('[data-testid=stage] canvas', { timeout: 120_000 });
      await page.waitForFunction(() => {
        const s = document.querySelector<HTMLElement>('[data-testid=status]')?.dataset;
        return s?.busy === 'false' && s.painted !== '0';
      }, undefined, { timeout: 120_000 });
      const shownPath = await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.composite ?? '?');
      await instrument(page);
      const shown: number[] = [];
      const composite: number[] = [];
      for (let i = 0; i < edits; i++) {
        // Distinct points on a grid over the scan (a click on an existing hint would select it).
        const x = W * (0.08 + 0.84 * (((i * 7) % 10) / 9));
        const y = H * (0.08 + 0.84 * (Math.floor(i / 10) / Math.max(1, Math.ceil(edits / 10) - 1)));
        const r = await oneEdit(page, x, y);
        if (i >= warmup) {
          shown.push(r.shown);
          composite.push(r.composite);
        }
      }
      figures.push({ path: shownPath, renderer, shown, composite });
      await page.close();
    }
  } finally {
    await browser.close();
    await running.host.close();
    await running.studio.close();
  }
  return figures;
}
