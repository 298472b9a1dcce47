// A studio host plus Debian's Chromium (tests/support/chromium.ts) around a suite.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startStudioHost } from '../../electron/host/studio-host';
import { launchChromium } from '../support/chromium';
import { requireShared, tempDir } from '../support/paths';

export { CHROMIUM, launchChromium } from '../support/chromium';

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
