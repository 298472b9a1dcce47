// Two instances on one library fork a project's history without either noticing; the second is
// refused with a clear message, whichever kind it is, and a killed holder leaves no stale lock.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Studio } from '../../electron/services/studio';
import { MODELS, ROOT, tempDir } from '../support/paths';
import { startHostProcess } from '../support/host-process';

const open = (libraryDir: string): Studio => new Studio({ libraryDir, modelsDir: MODELS, emit: () => {} });
const HOST_CLI = path.join(ROOT, 'electron', 'host', 'browser-host-cli.ts');

describe('one instance per library', () => {
  it('refuses a second studio on the same library, in this process or another, until the first closes', async () => {
    const dir = tempDir('lock');
    const first = open(dir);
    expect(() => open(dir)).toThrow(expect.objectContaining({ code: 'library-in-use', message: expect.stringMatching(/already open in another Tintype/) }));
    const host = spawnSync(process.execPath, ['--import', 'tsx', HOST_CLI], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TINTYPE_LIBRARY: dir }, timeout: 60_000 });
    expect(host.status).toBe(3);
    expect(host.stderr).toMatch(/Tintype cannot start: The library ".+" is already open in another Tintype/);
    expect(host.stderr).not.toContain(dir);
    // The refused ones changed nothing: the first still works, and once closed the library opens.
    expect(first.projects.list('', 'updated')).toEqual([]);
    await first.close();
    const second = open(dir);
    await second.close();
  }, 90_000);

  it('leaves no stale lock when the holder is killed', async () => {
    const dir = tempDir('lock-kill');
    const h = await startHostProcess(dir);
    expect(() => open(dir)).toThrow(expect.objectContaining({ code: 'library-in-use' }));
    const gone = new Promise((resolve) => h.child.once('exit', resolve));
    h.child.kill('SIGKILL');
    await gone;
    const after = open(dir);
    await after.close();
  }, 90_000);
});

