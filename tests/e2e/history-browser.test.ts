// Versioned history in the real UI: hints, a named version, going back and editing (a branch), and
// reopening the project in a fresh window with the same tree and a working undo.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SAMPLES_BW } from '../support/paths';
import { studioInChromium } from './browser';
import { previewSettled } from './scenario';

const status = (page: Page, key: string): Promise<string | undefined> =>
  page.evaluate((k) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset[k], key);

async function addHintAt(page: Page, fx: number, fy: number): Promise<void> {
  const box = await page.locator('[data-testid=stage] canvas').first().boundingBox();
  if (!box) throw new Error('stage not visible');
  await page.keyboard.press('Escape');
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
}

/** Waits until the hint count is `n` and the library has acknowledged every edit (the head moved). */
async function hintsAre(page: Page, n: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.hints === String(want), n, { timeout: 30_000 });
}

describe('history and versions in Chromium, over the browser host', () => {
  const studio = studioInChromium('e2e-history');
  const sample = path.join(SAMPLES_BW, 'bopb_001.png');

  it('names a version, branches from it without losing later work, and reopens with the same tree and undo', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await page.setInputFiles('[data-testid=file-input]', sample);
    await page.waitForSelector('[data-testid=stage] canvas');
    await previewSettled(page, 0);
    for (const [x, y] of [[0.4, 0.35], [0.6, 0.45], [0.5, 0.65]]) await addHintAt(page, x, y);
    await hintsAre(page, 3);

    await page.click('[data-testid=tab-history]');
    await page.fill('[data-testid=version-name]', 'v1 — three hints');
    await page.click('[data-testid=version-save]');
    await page.waitForSelector('[data-testid=history-version]');
    await addHintAt(page, 0.56, 0.56);
    await hintsAre(page, 4);
    await expect.poll(() => page.locator('[data-testid=history-tip]').count()).toBe(1);

    // Back to v1, then edit: the fourth hint's branch stays as a tip beside the new one.
    await page.locator('[data-testid=history-version] button', { hasText: 'v1 — three hints' }).click();
    await hintsAre(page, 3);
    await addHintAt(page, 0.43, 0.55);
    await hintsAre(page, 4);
    await expect.poll(() => page.locator('[data-testid=history-tip]').count()).toBe(2);
    const head = await status(page, 'head');
    await page.close();

    const again = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await again.goto(studio.url());
    await again.locator('[data-testid=project-card] button.open', { hasText: 'bopb_001.png' }).click();
    await again.waitForSelector('[data-testid=stage] canvas');
    await hintsAre(again, 4);
    expect(await status(again, 'head')).toBe(head);
    expect(await again.textContent('[data-testid=status]')).toContain('bopb_001.png');
    await again.click('[data-testid=tab-history]');
    await expect.poll(() => again.locator('[data-testid=history-version]').count()).toBe(1);
    await expect.poll(() => again.locator('[data-testid=history-tip]').count()).toBe(2);

    await again.locator('[data-testid=stage]').click({ position: { x: 5, y: 5 }, button: 'middle' });
    await again.keyboard.press('Control+z');
    await hintsAre(again, 3);
    await again.waitForSelector('[data-testid=history-version].current');
    await again.keyboard.press('Control+Shift+z');
    await hintsAre(again, 4);
    await expect.poll(() => status(again, 'head')).toBe(head);
  });
});
