import { electronBinary } from '../../electron/cli/electron-binary';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { describe, it } from 'vitest';
import { ROOT, SAMPLES_BW, tempDir } from '../support/paths';
import { runStudioScenario } from './scenario';

const binary = electronBinary(ROOT);
const reason = 'skipped: no Electron binary on this machine (its download is unreachable); the browser-host run covers the same scenario';

describe('the studio in Electron', () => {
  if (!binary) console.log(`[e2e] Electron scenario ${reason}`);
  it.skipIf(!binary)(`opens, hints and exports through Electron IPC${binary ? '' : ` (${reason})`}`, async () => {
    const libraryDir = tempDir('electron');
    const app = await _electron.launch({ executablePath: binary ?? undefined, args: [ROOT], env: { ...process.env, TINTYPE_LIBRARY: libraryDir } });
    try {
      const page = await app.firstWindow();
      await page.setViewportSize({ width: 1280, height: 860 });
      await runStudioScenario(page, { sample: path.join(SAMPLES_BW, 'deoldify_001.jpg'), libraryDir });
    } finally {
      await app.close();
    }
  });
});
