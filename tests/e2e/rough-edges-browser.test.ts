// The rough edges a newcomer hit, in the real UI: the first load logs no 404; the help lists the command
// table; the zoom level and the brush size (slider and outline) are shown; Ctrl+E works with focus on a
// checkbox; the status bar does not keep another image's "Exported …"; Undo/Redo are disabled in the
// library; notes on a version carry its name and a hint's own note is in the Catalog notes list; the
// History tree lists the steps inside each segment with a thumbnail on hover; the selected stroke is drawn
// translucent, so the result under it stays visible.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shortcutRows } from '../../shared/ui/commands';
import { studioInChromium } from './browser';
import { openScan, stagePoint } from './scenario';

const zoom = async (page: Page): Promise<number> => Number((await page.textContent('[data-testid=zoom-level]'))?.replace('%', ''));

describe('rough edges in Chromium, over the browser host', () => {
  const studio = studioInChromium('e2e-rough');

  it('loads without a 404, lists the command table in the help, shows the zoom and the brush', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    const missing: string[] = [];
    page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
    await page.goto(studio.url());
    await page.waitForSelector('[data-testid=empty]');
    await page.waitForTimeout(1000);
    expect(missing).toEqual([]);

    await page.keyboard.press('?');
    expect(await page.locator('[data-testid=help-overlay] tr').count()).toBe(shortcutRows().length);
    await page.keyboard.press('Escape');

    await openScan(page, 'deoldify_001.jpg');
    // Every side-panel tab is inside the panel (five tabs once pushed "Catalog & notes" out of view).
    const side = await page.locator('aside.side').boundingBox();
    for (const tab of ['hints', 'references', 'adjust', 'history', 'catalog']) {
      const box = await page.locator(`[data-testid=tab-${tab}]`).boundingBox();
      expect(box && side && box.x >= side.x && box.x + box.width <= side.x + side.width + 0.5, `tab ${tab} inside the side panel`).toBe(true);
    }
    const fit = await zoom(page);
    expect(fit).toBeGreaterThan(0);
    await page.keyboard.press('1');
    await expect.poll(() => zoom(page)).toBe(100);
    await page.keyboard.press('+');
    await expect.poll(() => zoom(page)).toBeGreaterThan(100);
    await page.keyboard.press('0');
    await expect.poll(() => zoom(page)).toBe(fit);

    // The brush: its size in the panel (not the hint size), and its outline under the pointer.
    await page.keyboard.press('b');
    const brush = page.locator('[data-testid=brush-size]');
    await brush.waitFor();
    expect(await page.locator('[data-testid=hint-size]').count()).toBe(0);
    const before = Number(await brush.inputValue());
    const p = await stagePoint(page, 0.5, 0.5);
    await page.mouse.move(p.x, p.y);
    await page.mouse.move(p.x + 3, p.y + 3);
    const outline = Number(await page.locator('[data-testid=stage]').getAttribute('data-brush-cursor'));
    expect(outline).toBeGreaterThan(0);
    await page.keyboard.press(']');
    await expect.poll(async () => Number(await brush.inputValue())).toBeGreaterThan(before);
    await expect.poll(async () => Number(await page.locator('[data-testid=stage]').getAttribute('data-brush-cursor'))).toBeGreaterThan(outline);
    await page.keyboard.press('p');
    await page.locator('[data-testid=hint-size]').waitFor();
    await page.close();
  });

  it('exports with Ctrl+E from a checkbox, forgets the export on another image, and disables Undo in the library', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await openScan(page, 'deoldify_005.jpg');
    const p = await stagePoint(page, 0.5, 0.5);
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.hints === '1');
    await page.locator('[data-testid=export-badge]').focus();
    await page.keyboard.press('Control+e');
    await page.waitForSelector('[data-testid=export-done]', { timeout: 120_000 });

    await page.keyboard.press('Control+l');
    await page.waitForSelector('[data-testid=empty]');
    expect(await page.locator('button', { hasText: /^Undo$/ }).isDisabled()).toBe(true);
    expect(await page.locator('button', { hasText: /^Redo$/ }).isDisabled()).toBe(true);

    await openScan(page, 'deoldify_003.png');
    expect(await page.locator('[data-testid=export-done]').count()).toBe(0);
    await page.close();
  });

  it("labels a version's notes with its name, and lists a hint's own note among the notes", async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await openScan(page, 'bopb_003.png');
    const p = await stagePoint(page, 0.45, 0.45);
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.hints === '1');
    await page.mouse.click(p.x, p.y); // select it
    await page.fill('[data-testid=hint-note]', 'Sash colour from the regimental history');
    await page.locator('[data-testid=hint-note]').blur();

    await page.click('[data-testid=tab-history]');
    await page.fill('[data-testid=version-name]', 'First pass');
    await page.click('[data-testid=version-save]');
    await page.waitForSelector('[data-testid=history-version]');

    await page.click('[data-testid=tab-catalog]');
    await page.selectOption('[data-testid=note-on]', 'version');
    await page.fill('[data-testid=note-text]', 'Checked against the album caption');
    await page.click('[data-testid=note-add]');
    const notes = page.locator('[data-testid=notes]');
    await expect.poll(() => notes.textContent()).toContain('version “First pass”');
    expect(await notes.textContent()).not.toMatch(/version \d/);
    expect(await page.locator('[data-testid=item-note]').textContent()).toContain('Sash colour from the regimental history');
    await page.close();
  });

  it('lists the steps inside each history segment, restores one, and shows its thumbnail on hover', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await openScan(page, 'deoldify_008.png');
    const hintsAre = (n: number) => page.waitForFunction((want) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.hints === String(want), n);
    for (const [i, [fx, fy]] of [[0.3, 0.4], [0.5, 0.5], [0.7, 0.6]].entries()) {
      await page.keyboard.press('Escape');
      const p = await stagePoint(page, fx, fy);
      await page.mouse.click(p.x, p.y);
      await hintsAre(i + 1);
    }
    await page.click('[data-testid=tab-history]');
    await page.fill('[data-testid=version-name]', 'Three hints');
    await page.click('[data-testid=version-save]');
    await page.waitForSelector('[data-testid=history-version]');
    await page.keyboard.press('Escape');
    const p4 = await stagePoint(page, 0.45, 0.7);
    await page.mouse.click(p4.x, p4.y);
    await hintsAre(4);

    // Two segments: the version's three steps, and the branch's one, each listed by what it did.
    const segments = page.locator('[data-testid=history-steps]');
    await expect.poll(() => segments.count()).toBe(2);
    await expect.poll(() => segments.nth(1).locator('summary').textContent()).toBe('1 step on this branch');
    expect(await segments.nth(0).locator('summary').textContent()).toBe('3 steps to this version');
    await segments.nth(0).locator('summary').click();
    const steps = segments.nth(0).locator('[data-testid=history-step]');
    expect(await steps.allTextContents()).toEqual(['Added a hint', 'Added a hint', 'Added a hint']);
    expect(await page.textContent('[data-testid=history-tip]')).toContain('Added a hint');

    // Hover: a thumbnail of the state after that step, rendered by the library; two steps, two images.
    const thumbnailOf = async (i: number): Promise<number[]> => {
      await steps.nth(i).hover();
      await page.waitForSelector(`[data-testid=step-thumbnail][data-ready=true][data-op="${await steps.nth(i).getAttribute('data-op')}"] img`, { timeout: 60_000 });
      return page.evaluate(async () => {
        const img = document.querySelector<HTMLImageElement>('[data-testid=step-thumbnail] img');
        if (!img) throw new Error('no thumbnail');
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.drawImage(img, 0, 0);
        return [img.naturalWidth, img.naturalHeight, ...ctx.getImageData(0, 0, c.width, c.height).data];
      });
    };
    const first = await thumbnailOf(0);
    expect(Math.max(first[0], first[1])).toBe(160);
    const third = await thumbnailOf(2);
    let differ = 0;
    for (let i = 2; i < first.length; i++) differ += Math.abs(first[i] - third[i]);
    expect(differ, 'the thumbnails after one hint and after three differ').toBeGreaterThan(0);
    await page.screenshot({ path: `${studio.libraryDir}/history-steps.png` });
    await page.mouse.move(5, 5);
    await expect.poll(() => page.locator('[data-testid=step-thumbnail]').count()).toBe(0);

    // A step restores the state after it.
    await steps.nth(0).click();
    await hintsAre(1);
    await page.close();
  });

  it('draws the selected stroke translucent, so the result under it stays visible', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await openScan(page, 'deoldify_010.jpg');
    await page.keyboard.press('b');
    const from = await stagePoint(page, 0.3, 0.5);
    const to = await stagePoint(page, 0.7, 0.5);
    await page.mouse.move(from.x, from.y);
    const width = Number(await page.locator('[data-testid=stage]').getAttribute('data-brush-cursor'));
    expect(width).toBeGreaterThan(8);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 10 });
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.strokes === '1');
    await page.keyboard.press('p');
    const mid = await stagePoint(page, 0.5, 0.5);
    await page.mouse.click(mid.x, mid.y);
    await page.locator('[data-testid=stage][data-selected]').waitFor();

    // The overlay layer's opacity over the stroke's body, a quarter of its width off the centre line.
    const box = await page.locator('[data-testid=stage] canvas').nth(1).boundingBox();
    if (!box) throw new Error('no overlay canvas');
    const alpha = await page.evaluate(
      ([x, y]) => {
        const canvas = document.querySelectorAll<HTMLCanvasElement>('[data-testid=stage] canvas')[1];
        const k = canvas.width / canvas.getBoundingClientRect().width;
        return canvas.getContext('2d')?.getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data[3] ?? -1;
      },
      [mid.x - box.x, mid.y - box.y + width / 4],
    );
    expect(alpha, 'the selected stroke is drawn').toBeGreaterThan(20);
    expect(alpha, 'and lets the result show through').toBeLessThan(128);
    await page.screenshot({ path: `${studio.libraryDir}/selected-stroke.png` });
    await page.close();
  });
});
