// A full disk and a read-only folder, for real: a tmpfs of a few megabytes in a private mount namespace
// (`unshare`, no root needed where user namespaces are allowed) holds a studio's library. Filled up, it
// must refuse exports, imports and edits with a typed `disk-full` error and leave no partial file; a
// read-only exports folder gives `io-failed`; once space is back everything works and every
// acknowledged edit is still there. Where namespaces are not allowed, the test says so and is skipped.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/paths';

const probe = spawnSync('unshare', ['-Urm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt && mount --bind /mnt /mnt && mount -o remount,bind,ro /mnt'], { encoding: 'utf8' });
const unavailable = probe.error ? probe.error.message : probe.status !== 0 ? probe.stderr.trim() : '';
if (unavailable) console.warn(`disk-full test skipped: cannot mount a private tmpfs here (${unavailable})`);

interface Report {
  exportWhenFull: string;
  exportsWhenFull: string[];
  importWhenFull: string;
  editWhenFull: string;
  exportWhenReadOnly: string;
  exportsWhenReadOnly: string[];
  exportWhenFreed: string;
  exportsWhenFreed: string[];
  integrity: string;
  hintsAfterReopen: string[];
  acknowledged: string[];
}

describe.skipIf(Boolean(unavailable))('a full disk and a read-only folder', () => {
  it('refuse with typed errors, leave no partial file and lose no acknowledged edit', () => {
    const mount = tempDir('disk-full');
    const child = spawnSync(
      'unshare',
      ['-Urm', 'sh', '-c', 'mount -t tmpfs -o size=6m tmpfs "$1" && exec "$2" --import tsx "$3" "$1"', 'sh', mount, process.execPath, path.join(ROOT, 'tests/durability/disk-full-child.ts')],
      { encoding: 'utf8', cwd: ROOT, timeout: 120_000 },
    );
    expect(child.status, child.stderr).toBe(0);
    const r = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Report;
    expect(r.exportWhenFull).toMatch(/^disk-full: .*is full: nothing was written/);
    expect(r.exportsWhenFull).toEqual([]);
    expect(r.importWhenFull).toMatch(/^disk-full: /);
    expect(r.editWhenFull).toMatch(/^(ok|disk-full: .*nothing was saved)/);
    expect(r.exportWhenReadOnly).toMatch(/^io-failed: .*read-only/);
    expect(r.exportsWhenReadOnly).toEqual([]);
    expect(r.exportWhenFreed).toBe('ok');
    expect(r.exportsWhenFreed.map((f) => path.extname(f)).sort()).toEqual(['.json', '.tif']); // and no .partial
    expect(r.integrity).toBe('ok');
    expect(r.hintsAfterReopen).toEqual(r.acknowledged);
    expect(r.acknowledged).toEqual(expect.arrayContaining(['h1', 'h2', 'h3', 'h5']));
  });
});
