// The magic wand and the magnetic lasso in the real UI, on a real scan: a wand click selects an area
// up to its edges, Shift-click adds to it and Alt-click takes that out again; Enter makes the selection
// a region of the current colour (one history step, in the exported recipe, with snap to edges), which
// colours what is inside it and leaves the preview outside it as it was. A magnetic lasso drawn
// roughly makes a region whose outline moved onto the scan's edges. Screenshots go to the temp dir.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deltaE2000, hexToRgb, rgbToLab } from '../../shared/imaging/color';
import { fillPolygon, outlineDistance, type Point } from '../../shared/model/guidance';
import { tempDir } from '../support/paths';
import { studioInChromium } from './browser';
import { drag, openScan, previewLab, previewSettled, toScreen } from './scenario';

const SAMPLE = 'deoldify_054.jpg'; // 1024 x 789: trees, a road, a bus, people
const COLOR = '#2f8f3a';
const MARGIN = 8;

const dataset = (page: Page, key: string): Promise<string | undefined> => page.evaluate((k) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset[k], key);

async function clickImage(page: Page, x: number, y: number, modifier?: 'Shift' | 'Alt'): Promise<void> {
  const s = await toScreen(page, x, y);
  if (modifier) await page.keyboard.down(modifier);
  await page.mouse.click(s.x, s.y);
  if (modifier) await page.keyboard.up(modifier);
}

describe('edge-aware selection in Chromium, over the browser host', () => {
  const studio = studioInChromium('e2e-selection');

  it('selects with the magic wand, fills the selection as a region that stays inside it, and exports it', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await openScan(page, SAMPLE);
    const W = 1024;
    const H = 789;
    await page.fill('[data-testid=hex-input]', COLOR);
    await page.press('[data-testid=hex-input]', 'Enter');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // the key is the studio's, not the field's
    await page.keyboard.press('w');
    expect(await dataset(page, 'tool')).toBe('wand');
    await page.waitForSelector('[data-testid=selection-panel]');

    // The road, then Shift adds the sky, and Alt takes that out again.
    await clickImage(page, 0.5 * W, 0.8 * H);
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.selection) > 0);
    const one = Number(await dataset(page, 'selection'));
    await clickImage(page, 0.62 * W, 0.1 * H, 'Shift');
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.selection) !== n, one);
    const two = Number(await dataset(page, 'selection'));
    expect(two, 'Shift-click adds an outline').toBeGreaterThan(one);
    await clickImage(page, 0.62 * W, 0.1 * H, 'Alt');
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.selection) !== n, two);
    expect(Number(await dataset(page, 'selection')), 'Alt-click takes the added area out again').toBe(one);
    const shots = tempDir('e2e-selection-shots');
    await page.screenshot({ path: path.join(shots, 'wand-selection.png') });

    // The preview before the region, hints hidden so the pixels are the image's own.
    await page.keyboard.press('h');
    const grid: [number, number][] = [];
    for (let y = 4; y < H - 4; y += 9) for (let x = 4; x < W - 4; x += 9) grid.push([x, y]);
    const before = await previewLab(page, grid);
    await page.keyboard.press('h');

    const head = await dataset(page, 'head');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.regions === '1');
    expect(await dataset(page, 'selection'), 'the selection is used up').toBe('0');
    await expect.poll(() => dataset(page, 'head')).not.toBe(head);
    await previewSettled(page, 0);
    await page.screenshot({ path: path.join(shots, 'wand-region.png') });
    await page.keyboard.press('h');
    await previewSettled(page, 0);
    const after = await previewLab(page, grid);
    await page.keyboard.press('h');

    // The exported recipe holds the region, as a drawn one, snapping to the scan's edges.
    await page.selectOption('[data-testid=export-format]', 'png8');
    await page.click('[data-testid=export]');
    await page.waitForSelector('[data-testid=export-done]', { timeout: 120_000 });
    const exports = path.join(studio.libraryDir, 'exports');
    const recipeFile = readdirSync(exports).find((f) => f.startsWith('deoldify_054') && f.endsWith('.tintype.json'));
    const recipe = JSON.parse(readFileSync(path.join(exports, recipeFile as string), 'utf8')) as { regions: { polygon: Point[]; a: number; b: number; keep: boolean; snap?: boolean }[]; reach: unknown };
    expect(recipe.regions).toHaveLength(1);
    const region = recipe.regions[0];
    expect(region.keep).toBe(false);
    expect(region.snap).toBe(true);
    expect(recipe.reach).toBe('edges');
    const [, ca, cb] = rgbToLab(...(hexToRgb(COLOR) as [number, number, number]));
    expect(Math.hypot(region.a - ca, region.b - cb)).toBeLessThan(1);

    // Inside: the colour at each pixel's own L*; outside: the preview as it was.
    const inside = new Uint8Array(W * H);
    fillPolygon(region.polygon, W, H, (x, y) => (inside[y * W + x] = 1));
    const selectedShare = inside.reduce((s, v) => s + v, 0) / (W * H);
    expect(selectedShare, 'the selection is an area, not a speck nor the whole scan').toBeGreaterThan(0.03);
    expect(selectedShare).toBeLessThan(0.6);
    let inGood = 0;
    let inAll = 0;
    const outside: number[] = [];
    grid.forEach(([x, y], k) => {
      const d = outlineDistance(region.polygon, x, y);
      if (d <= MARGIN) return;
      if (inside[y * W + x]) {
        inAll++;
        const shown = after[k];
        // sRGB may not show the colour's full chroma at every L*: within ΔE00 10 of it, or in its hue with less chroma.
        const hue = Math.abs(Math.atan2(shown[2], shown[1]) - Math.atan2(cb, ca));
        if (deltaE2000([shown[0], ca, cb], shown) <= 10 || (Math.hypot(shown[1], shown[2]) > 8 && Math.min(hue, 2 * Math.PI - hue) < 0.35)) inGood++;
      } else outside.push(deltaE2000(before[k], after[k]));
    });
    expect(inAll).toBeGreaterThan(100);
    expect(inGood / inAll, 'share of the grid inside the region that shows its colour').toBeGreaterThan(0.9);
    outside.sort((p, q) => p - q);
    expect(outside[Math.floor(0.99 * outside.length)], 'ΔE00 p99 of the preview outside the region, before vs after').toBeLessThanOrEqual(1);
  });

  it('snaps a roughly drawn magnetic lasso onto the edges of a bright block', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await openScan(page, SAMPLE);
    await page.keyboard.press('m');
    expect(await dataset(page, 'tool')).toBe('magnetic');
    const regions = Number(await dataset(page, 'regions')); // the same scan is the same project: the first test's region is there
    // Around the bus's destination board, 5–10 px off its outline.
    await drag(page, [[270, 300], [575, 300], [575, 340], [270, 340], [270, 302]]);
    await page.waitForFunction((n) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.regions === String(n + 1), regions);
    await page.screenshot({ path: path.join(tempDir('e2e-selection-shots'), 'magnetic.png') });
  });
});
