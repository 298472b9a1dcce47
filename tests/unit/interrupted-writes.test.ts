// Files the app writes: concurrent imports of the same bytes, temporary files left by a process
// killed mid-write (removed at start and after a CLI run, never served), and errors without paths.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runColorize } from '../../electron/cli/batch/colorize-command';
import { isPartial } from '../../electron/services/export/atomic-write';
import { dispatch } from '../../electron/services/dispatch';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { verifyShippedModel } from '../../electron/services/inference/model-file';
import { sha256 } from '../../electron/services/library/originals';
import { Studio } from '../../electron/services/studio';
import { MODELS, tempDir } from '../support/paths';
import { call, projectWithHints, syntheticScan } from '../support/studio-fixtures';

/** The id of a process that has exited: a writer killed mid-write. */
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());

const studios: Studio[] = [];
afterAll(async () => {
  for (const s of studios) await s.close();
});
const open = (libraryDir: string): Studio => {
  const s = new Studio({ libraryDir, modelsDir: MODELS, emit: () => {} });
  studios.push(s);
  return s;
};

describe('interrupted and concurrent writes', () => {
  it('stores the same new bytes imported four times at once, every import succeeding', async () => {
    const dir = tempDir('concurrent');
    const studio = open(dir);
    const bytes = await syntheticScan(320, 240);
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => dispatch(studio.handlers, 'importImage', { name: `copy-${i}.jpg`, bytes })));
    expect(results.map((r) => (r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`))).toEqual(['ok', 'ok', 'ok', 'ok']);
    const originals = path.join(dir, 'originals');
    expect(readdirSync(originals)).toEqual([sha256(bytes)]);
    expect(readFileSync(path.join(originals, sha256(bytes))).equals(bytes)).toBe(true);
    expect(statSync(path.join(originals, sha256(bytes))).mode & 0o777).toBe(0o444);
  });

  it('removes the temporary files of a killed writer at start, keeps a live one, and never serves them', async () => {
    const dir = tempDir('partials');
    const exports = path.join(dir, 'exports');
    const originals = path.join(dir, 'originals');
    mkdirSync(exports, { recursive: true });
    mkdirSync(originals, { recursive: true });
    const dead = deadPid();
    const stale = [
      path.join(exports, `.scan-colorized.tif.${dead}-0a1b2c3d.partial`),
      path.join(exports, '.scan-colorized.tif.0a1b2c3d.partial'), // the name before writers were named
      path.join(originals, `${'a'.repeat(64)}.${dead}.tmp`),
      path.join(originals, `.${'b'.repeat(64)}.${dead}-0a1b2c3d.partial`),
    ];
    const live = path.join(exports, `.other.tif.${process.pid}-0a1b2c3d.partial`);
    for (const f of [...stale, live]) writeFileSync(f, Buffer.alloc(1024));
    writeFileSync(path.join(exports, 'kept.png'), 'an export');
    const studio = open(dir);
    expect(await studio.cleanedAtStart).toBe(4);
    expect(readdirSync(exports).sort()).toEqual([path.basename(live), 'kept.png'].sort());
    for (const name of [path.basename(live), '.other.tif.1-0a1b2c3d.partial']) {
      const r = await dispatch(studio.handlers, 'readExport', { fileName: name });
      expect(r.ok ? 'served' : r.error.code).not.toBe('served');
    }
    expect(isPartial(path.basename(live))).toBe(true);
    expect((await call<{ bytes: Uint8Array }>(studio, 'readExport', { fileName: 'kept.png' })).bytes.byteLength).toBe(9);
  });

  it('names no path when the exports folder cannot be made', async () => {
    const dir = tempDir('blocked');
    writeFileSync(path.join(dir, 'exports'), 'a file where the folder goes');
    const studio = open(dir);
    const { projectId } = await projectWithHints(studio, 'scan.jpg', await syntheticScan(160, 120), []);
    const r = await dispatch(studio.handlers, 'exportImage', { projectId, format: 'png8', badge: false, jobId: 'blocked' });
    expect(r.ok ? 'ok' : r.error.code).toBe('io-failed');
    expect(r.ok ? '' : r.error.message).not.toContain(dir);
    expect(r.ok ? '' : r.error.message).not.toMatch(/\/\w/);
  }, 60_000);

  it('cleans a CLI --out of a killed run, skips its own output folder inside the input, refuses a pipe', async () => {
    const dir = tempDir('cli-partials');
    const input = path.join(dir, 'in');
    const out = path.join(input, 'colorized');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(input, 'scan.jpg'), await syntheticScan(200, 150));
    writeFileSync(path.join(out, 'old.jpg'), await syntheticScan(64, 64)); // an earlier output, not an input
    const partial = path.join(out, `.scan.png.${deadPid()}-0a1b2c3d.partial`);
    writeFileSync(partial, Buffer.alloc(4096));
    const fifo = path.join(dir, 'pipe.jpg');
    spawnSync('mkfifo', [fifo]);
    const model = new Colorizer(await verifyShippedModel(MODELS), 2);
    await model.open();
    try {
      const summary = await runColorize(model, { paths: [input, fifo], out, marks: { hints: [], strokes: [], regions: [] }, recipe: null, format: 'png8', badge: false, workingSide: 256, jobs: 1, shard: null }, new AbortController().signal);
      expect(summary.done).toEqual(['scan.jpg']);
      expect(summary.failed).toEqual([{ file: 'pipe.jpg', reason: expect.stringMatching(/not a regular file/) }]);
      expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([]);
      expect(readdirSync(out).sort()).toEqual(['old.jpg', 'scan.png', 'scan.tintype.json']);
    } finally {
      await model.close();
    }
  }, 120_000);
});

