import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startStudioHost } from '../../electron/host/studio-host';
import { requireShared, SAMPLES_BW, tempDir } from '../support/paths';
import { launchChromium } from './browser';
import { runStudioScenario } from './scenario';

describe('the studio in Chromium, over the browser host', () => {
  let browser: Browser;
  let running: Awaited<ReturnType<typeof startStudioHost>>;
  const libraryDir = tempDir('e2e');

  beforeAll(async () => {
    requireShared();
    running = await startStudioHost({ libraryDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.host.close();
    await running?.studio.close();
  });

  it('opens a real scan, honours three hints, and exports the original size with its own L*', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(running.host.url);
    await runStudioScenario(page, { sample: path.join(SAMPLES_BW, 'deoldify_001.jpg'), libraryDir });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  });

  it('keeps the hints: a new window reopens the scan from the library with all three', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(running.host.url);
    await page.locator('[data-testid=library] button', { hasText: 'deoldify_001.jpg' }).click();
    await page.waitForSelector('[data-testid=stage] canvas');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.hints === '3', null, { timeout: 30_000 });
  });
});
