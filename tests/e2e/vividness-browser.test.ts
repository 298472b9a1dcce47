// The Faithful ↔ Vivid control in the real UI: with a contract-2 model it changes the preview, is one
// history step per gesture and undoes; with a contract-1 model it is disabled and says why.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SAMPLES_BW } from '../support/paths';
import { studioInChromium } from './browser';
import { previewSettled } from './scenario';

const status = (page: Page, key: string): Promise<string | undefined> => page.evaluate((k) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset[k], key);

describe('vividness in Chromium, over the browser host', () => {
  const studio = studioInChromium('e2e-vivid');

  it('is an edit with a contract-2 model, and disabled with a reason under contract 1', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await page.setInputFiles('[data-testid=file-input]', path.join(SAMPLES_BW, 'bopb_001.png'));
    await page.waitForSelector('[data-testid=stage] canvas');
    await previewSettled(page, 0);
    await page.click('[data-testid=tab-adjust]');
    const slider = page.locator('[data-testid=vividness]');
    await slider.waitFor();
    const contract2 = !(await slider.isDisabled());
    if (!contract2) {
      expect(await slider.getAttribute('title')).toContain('contract 1');
      return;
    }
    const head = Number(await status(page, 'head'));
    const painted = await status(page, 'painted');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((h) => Number(document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.head) === h + 1, head, { timeout: 30_000 });
    await page.waitForFunction((p) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.painted !== p, painted, { timeout: 60_000 });
    await page.click('[data-testid=tab-hints]');
    await page.keyboard.press('Control+z');
    await page.waitForFunction((h) => Number(document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.head) === h, head, { timeout: 30_000 });
    await page.close();
  });
});
