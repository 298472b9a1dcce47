// Edits as operations in the real UI: deleting a hint keeps the tone, colour and reach (on screen, in
// the history and in the exported recipe); a new hint is not left selected, so the next colour pick does
// not recolour it; arrow keys on a slider are one history step per gesture, undone in one.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { studioInChromium } from './browser';
import { openScan, stagePoint } from './scenario';

const status = (page: Page, key: string): Promise<string | undefined> => page.evaluate((k) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset[k], key);
const head = async (page: Page): Promise<number> => Number(await status(page, 'head'));

async function open(page: Page, url: string, sample: string): Promise<void> {
  await page.goto(url);
  await openScan(page, sample);
}

async function clickStage(page: Page, fx: number, fy: number, button: 'left' | 'right' = 'left'): Promise<void> {
  const p = await stagePoint(page, fx, fy);
  await page.mouse.click(p.x, p.y, { button });
}

const hintsAre = (page: Page, n: number) => page.waitForFunction((want) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.hints === String(want), n, { timeout: 30_000 });

/** Waits for the library to acknowledge an edit after `from` (the head moves), then a little longer so
 * that a second step, had there been one, would show; returns the head. */
async function nextHead(page: Page, from: number): Promise<number> {
  await page.waitForFunction((f) => Number(document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.head) !== f, from, { timeout: 30_000 });
  await page.waitForTimeout(1500);
  return head(page);
}

/** The number of unnamed edits in the History tab's current branch (then back to `tab`). */
async function editsInHistory(page: Page, tab: string): Promise<number> {
  await page.click('[data-testid=tab-history]');
  // The current branch end's step list says how many steps it holds ("3 steps on this branch").
  const text = (await page.locator('li:has(> [data-testid=history-tip].current) > [data-testid=history-steps] > summary').textContent()) ?? '';
  await page.click(`[data-testid=tab-${tab}]`);
  return Number(/(\d+) steps? on this branch/.exec(text)?.[1]);
}

async function press(page: Page, testId: string, key: string, times: number): Promise<void> {
  await page.locator(`[data-testid=${testId}]`).focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

describe('edits as operations in Chromium, over the browser host', () => {
  const studio = studioInChromium('e2e-edits');

  it('deleting a hint keeps the tone, colour and reach: on screen, in the history and in the exported recipe', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await open(page, studio.url(), 'bopb_001.png');
    const start = await head(page);
    await page.click('[data-testid=tab-adjust]');
    await press(page, 'adjust-warmth', 'ArrowRight', 5);
    await press(page, 'tone-contrast', 'ArrowRight', 3); // focus leaving warmth ends its gesture
    await page.click('[data-testid=tab-hints]'); // and this ends the contrast's
    await page.selectOption('[data-testid=reach-select]', '0.25');
    await nextHead(page, start);
    expect(await editsInHistory(page, 'hints')).toBe(3);

    await page.keyboard.press('Escape');
    await clickStage(page, 0.4, 0.4);
    await clickStage(page, 0.6, 0.6);
    await hintsAre(page, 2);
    await clickStage(page, 0.4, 0.4, 'right'); // right-click removes the hint under the pointer
    await hintsAre(page, 1);
    await page.waitForTimeout(1500);
    expect(await editsInHistory(page, 'hints')).toBe(6);

    // On screen.
    expect(await page.inputValue('[data-testid=reach-select]')).toBe('0.25');
    await page.click('[data-testid=tab-adjust]');
    expect(await page.inputValue('[data-testid=adjust-warmth]')).toBe('5');
    expect(Number(await page.inputValue('[data-testid=tone-contrast]'))).toBeCloseTo(0.15, 5);
    expect(await page.locator('[data-testid=color-controls]').textContent()).toContain('Warmth +5');

    // In the library: reopening the project in a fresh window shows the same.
    const again = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await again.goto(studio.url());
    await again.locator('[data-testid=project-card] button.open', { hasText: 'bopb_001.png' }).click();
    await again.waitForSelector('[data-testid=stage] canvas');
    await hintsAre(again, 1);
    expect(await again.inputValue('[data-testid=reach-select]')).toBe('0.25');
    await again.click('[data-testid=tab-adjust]');
    expect(await again.inputValue('[data-testid=adjust-warmth]')).toBe('5');
    await again.close();

    // In the export's recipe.
    await page.click('[data-testid=export]');
    await page.waitForSelector('[data-testid=export-done]', { timeout: 120_000 });
    const dir = path.join(studio.libraryDir, 'exports');
    const sidecar = readdirSync(dir).find((f) => f.endsWith('.tintype.json'));
    expect(sidecar).toBeDefined();
    const recipe = JSON.parse(readFileSync(path.join(dir, sidecar as string), 'utf8'));
    expect(recipe.color.warmth).toBe(5);
    expect(recipe.tone.contrast).toBeCloseTo(0.15, 5);
    expect(recipe.reach).toBe(0.25);
    expect(recipe.hints).toHaveLength(1);
    // The XMP names the reach as the studio does.
    const { xmp } = await sharp(path.join(dir, readdirSync(dir).find((f) => f.endsWith('.png')) as string)).metadata();
    expect(xmp?.toString('utf8')).toContain('<tintype:HintReach>Their regions</tintype:HintReach>');
    await page.close();
  });

  it('a new hint is not left selected: the next colour pick is for the next hint, not a recolour', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await open(page, studio.url(), 'bopb_002.png');
    const start = await head(page);
    await page.fill('[data-testid=hex-input]', '#3a6fb0');
    await page.press('[data-testid=hex-input]', 'Enter');
    await clickStage(page, 0.4, 0.4);
    await hintsAre(page, 1);
    const first = await nextHead(page, start);
    expect(await page.locator('.hint-panel h3', { hasText: 'Selected hint' }).count()).toBe(0);

    await page.fill('[data-testid=hex-input]', '#b5483a');
    await page.press('[data-testid=hex-input]', 'Enter');
    await page.locator('[data-testid=hex-input]').blur();
    await page.waitForTimeout(1500);
    expect(await head(page), 'no recolour step').toBe(first);
    await clickStage(page, 0.6, 0.6);
    await hintsAre(page, 2);
    await nextHead(page, first);
    expect(await editsInHistory(page, 'hints')).toBe(2);
    await page.close();
  });

  it('twelve arrow presses on a slider are one history step, and one undo takes them back', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await open(page, studio.url(), 'bopb_003.png');
    const start = await head(page);
    await page.click('[data-testid=tab-adjust]');
    await press(page, 'adjust-warmth', 'ArrowRight', 12);
    expect(await page.inputValue('[data-testid=adjust-warmth]')).toBe('12');
    await nextHead(page, start); // the keys paused: the gesture ended without leaving the slider
    expect(await editsInHistory(page, 'adjust')).toBe(1);
    await page.locator('[data-testid=adjust-warmth]').focus();

    // Ctrl+Z works with the focus still on the slider, and undoes the whole gesture.
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => (document.querySelector('[data-testid=adjust-warmth]') as HTMLInputElement | null)?.value === '0', undefined, { timeout: 30_000 });
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction(() => (document.querySelector('[data-testid=adjust-warmth]') as HTMLInputElement | null)?.value === '12', undefined, { timeout: 30_000 });
    await page.close();
  });
});
