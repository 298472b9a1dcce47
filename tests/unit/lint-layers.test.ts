// The layer rules of eslint.config.js, run through ESLint itself: an import that crosses into a room the
// importing room may not reach fails, and the same import from a room that may reach it passes.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function lintErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

// [file of the importing room, import line, must fail]
const CASES: [string, string, boolean][] = [
  ['shared/probe.ts', "import { readFileSync } from 'node:fs';", true],
  ['shared/probe.ts', "import { x } from '../electron/services/studio';", true],
  ['shared/probe.ts', "import { x } from '../renderer/src/App';", true],
  ['shared/imaging/probe.ts', "import { x } from '../ipc/errors';", false],
  ['renderer/src/probe.ts', "import { x } from '../../electron/services/studio';", true],
  ['renderer/src/probe.ts', "import sharp from 'sharp';", true],
  ['renderer/src/probe.ts', "import { x } from '../../shared/ipc/contract';", false],
  ['electron/preload/probe.ts', "import { x } from '../services/studio';", true],
  ['electron/preload/probe.ts', "import { x } from '../main/services-client';", true],
  ['electron/preload/probe.ts', "import { readFileSync } from 'node:fs';", true],
  ['electron/preload/probe.ts', "import { x } from '../../shared/ipc/channels';", false],
  ['electron/services/probe.ts', "import { x } from '../host/studio-host';", true],
  ['electron/services/probe.ts', "import { x } from '../cli/tintype';", true],
  ['electron/services/probe.ts', "import { x } from '../app/paths';", true],
  ['electron/services/probe.ts', "import { app } from 'electron';", true],
  ['electron/services/probe.ts', "import { x } from '../../shared/ipc/errors';", false],
  ['electron/app/probe.ts', "import { x } from '../host/studio-host';", true],
  ['electron/app/probe.ts', "import { x } from '../main/index';", true],
  ['electron/app/probe.ts', "import { x } from '../services/studio';", false],
  ['electron/host/probe.ts', "import { x } from '../main/services-client';", true],
  ['electron/host/probe.ts', "import { x } from '../cli/tintype';", true],
  ['electron/host/probe.ts', "import { x } from '../services/dispatch';", false],
  ['electron/main/probe.ts', "import { x } from '../services/studio';", true],
  ['electron/main/probe.ts', "import { x } from '../cli/tintype';", true],
  ['electron/main/probe.ts', "import { x } from '../../renderer/src/App';", true],
  ['electron/main/probe.ts', "import { x } from '../host/studio-host';", true],
  ['electron/main/probe.ts', "import { x } from '../app/policy';", false],
  ['electron/cli/probe.ts', "import { x } from '../main/index';", true],
  ['electron/cli/probe.ts', "import { x } from '../preload/index';", true],
  ['electron/cli/probe.ts', "import { app } from 'electron';", true],
  ['electron/cli/probe.ts', "import { x } from '../services/studio';", false],
];

describe('lint layers', () => {
  it.each(CASES)('%s: %s (fails: %s)', async (file, line, fails) => {
    const errors = (await lintErrors(file, `${line}\nexport const probe = x;\n`)).filter((e) => e.startsWith('no-restricted'));
    if (fails) expect(errors.length, `${file} ${line} should fail`).toBeGreaterThan(0);
    else expect(errors, `${file} ${line} should pass`).toEqual([]);
  }, 60_000);

  it('a restricted global in shared/ fails', async () => {
    const errors = await lintErrors('shared/probe.ts', 'export const w = window.innerWidth;\n');
    expect(errors.some((e) => e.startsWith('no-restricted-globals'))).toBe(true);
  }, 60_000);
});
