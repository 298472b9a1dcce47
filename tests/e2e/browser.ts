// Debian's Chromium driven by playwright-core (no browser download).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startStudioHost } from '../../electron/host/studio-host';
import { requireShared, tempDir } from '../support/paths';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A studio host on a fresh library plus Chromium, started before and stopped after the enclosing suite. */
export function studioInChromium(prefix: string): { browser: () => Browser; url: () => string; libraryDir: string } {
  const libraryDir = tempDir(prefix);
  let browser: Browser | undefined;
  let running: Awaited<ReturnType<typeof startStudioHost>> | undefined;
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
  const need = <T>(v: T | undefined): T => {
    if (!v) throw new Error('the studio host is not running');
    return v;
  };
  return { browser: () => need(browser), url: () => need(running).host.url, libraryDir };
}
