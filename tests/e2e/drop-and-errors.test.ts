import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SAMPLES_BW } from '../support/paths';
import { studioInChromium } from './browser';

/** Drops a file on the window the way the OS does: a drop event whose DataTransfer holds it. */
async function dropFile(page: Page, name: string, bytes: Buffer, type: string): Promise<void> {
  await page.evaluate(
    ({ name, data, type }) => {
      const file = new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type });
      const dt = new DataTransfer();
      dt.items.add(file);
      document.querySelector('.app')?.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, data: bytes.toString('base64'), type },
  );
}

describe('opening files in Chromium over the browser host', () => {
  const studio = studioInChromium('e2e-drop');

  it('opens a dropped scan, and answers a dropped non-image with a clear message', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(studio.url());
    await dropFile(page, 'notes.txt', Buffer.from('not an image'), 'text/plain');
    const alert = page.locator('[data-testid=error]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.getAttribute('data-code')).toBe('unsupported-image');
    expect(await alert.textContent()).toContain('JPEG, PNG or TIFF');
    await expect(page.locator('[data-testid=empty]').isVisible()).resolves.toBe(true);

    await dropFile(page, 'bopb_001.png', readFileSync(path.join(SAMPLES_BW, 'bopb_001.png')), 'image/png');
    await page.waitForSelector('[data-testid=stage] canvas', { timeout: 30_000 });
    expect(await page.locator('[data-testid=status]').textContent()).toContain('bopb_001.png');
    expect(await page.locator('[data-testid=error]').count()).toBe(0);
  });

  it('cancels the opening of a large scan and stays usable', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(studio.url());
    const width = 9000;
    const height = 6000; // 54 MP: seconds of decoding, storing and display-copy work
    const gray = Buffer.alloc(width * height);
    for (let i = 0; i < gray.length; i++) gray[i] = 60 + ((i % width) >> 6);
    const big = await sharp(gray, { raw: { width, height, channels: 1 } }).jpeg({ quality: 80 }).toBuffer();
    await dropFile(page, 'huge-scan.jpg', big, 'image/jpeg');
    await page.locator('[data-testid=cancel-open]').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape'); // the button does the same
    expect(await page.locator('[data-testid=empty]').textContent()).toContain('Drop a black-and-white scan here');
    await page.waitForTimeout(6_000); // longer than the abandoned open takes: it must not appear
    expect(await page.locator('[data-testid=stage] canvas').count()).toBe(0);
    expect(await page.locator('[data-testid=error]').count()).toBe(0);

    await dropFile(page, 'bopb_001.png', readFileSync(path.join(SAMPLES_BW, 'bopb_001.png')), 'image/png');
    await page.waitForSelector('[data-testid=stage] canvas', { timeout: 30_000 });
    expect(await page.locator('[data-testid=status]').textContent()).toContain('bopb_001.png');
  });
});
