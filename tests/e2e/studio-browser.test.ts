import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readC2pa } from '../support/c2pa-reader';
import { SAMPLES_BW } from '../support/paths';
import { studioInChromium } from './browser';
import { runStudioScenario } from './scenario';

describe('the studio in Chromium, over the browser host', () => {
  const studio = studioInChromium('e2e');

  it('opens a real scan, honours three hints, and exports the original size with its own L*', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(studio.url());
    await runStudioScenario(page, { sample: path.join(SAMPLES_BW, 'deoldify_001.jpg'), libraryDir: studio.libraryDir });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  });

  it('keeps the hints: a new window reopens the scan from the library with all three', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await page.locator('[data-testid=library] button', { hasText: 'deoldify_001.jpg' }).click();
    await page.waitForSelector('[data-testid=stage] canvas');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset.hints === '3', null, { timeout: 30_000 });
  });

  it('exports "with proof sheet": NAME.proof.pdf and NAME.proof.png beside the export', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await page.locator('[data-testid=library] button', { hasText: 'deoldify_001.jpg' }).click();
    await page.waitForSelector('[data-testid=stage] canvas');
    const exportsDir = path.join(studio.libraryDir, 'exports');
    const before = new Set(readdirSync(exportsDir));
    await page.check('[data-testid=export-proof]');
    await page.click('[data-testid=export]');
    await page.waitForSelector('[data-testid=export-done]', { timeout: 120_000 });
    const added = readdirSync(exportsDir).filter((f) => !before.has(f));
    const image = added.find((f) => f.endsWith('.png') && !f.endsWith('.proof.png'));
    expect(image).toBeDefined();
    const stem = path.parse(image ?? '').name;
    expect(added.sort()).toEqual([`${stem}.png`, `${stem}.proof.pdf`, `${stem}.proof.png`, `${stem}.tintype.json`].sort());
    expect(readFileSync(path.join(exportsDir, `${stem}.proof.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('signs with Content Credentials when asked, and Signing… says who signs and that it is not publicly trusted', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(studio.url());
    await page.locator('[data-testid=library] button', { hasText: 'deoldify_001.jpg' }).click();
    await page.waitForSelector('[data-testid=stage] canvas');
    // The 16-bit TIFF master carries them too (tag 0xCD41); the model tests cover JPEG and PNG.
    await page.selectOption('[data-testid=export-format]', 'tiff16');
    expect(await page.isDisabled('[data-testid=export-c2pa]')).toBe(false);
    const exportsDir = path.join(studio.libraryDir, 'exports');
    const before = new Set(readdirSync(exportsDir));
    await page.check('[data-testid=export-c2pa]');
    await page.click('[data-testid=export]');
    const done = await page.waitForSelector('[data-testid=export-done]', { timeout: 120_000 });
    expect(await done.textContent()).toMatch(/signed with Content Credentials by .*\(not publicly trusted\)/);
    const image = readdirSync(exportsDir).find((f) => !before.has(f) && f.endsWith('.tif'));
    expect(image).toBeDefined();
    const read = await readC2pa(readFileSync(path.join(exportsDir, image ?? '')), 'image/tiff');
    expect(read.state).toBe('Valid');
    expect(read.manifest.ingredients[0]).toMatchObject({ title: 'deoldify_001.jpg', relationship: 'parentOf' });

    await page.click('[data-testid=signing]');
    expect(await page.textContent('[data-testid=signing-identity]')).toMatch(/Made by Tintype on first use.*Not publicly trusted/s);
  });
});
