// Export as a job: every format at the original's size and depth, progress, cancellation that leaves
// nothing behind, a damaged original refused, and failed writes that leave no partial file.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { writeAtomic } from '../../electron/services/export/atomic-write';
import { Studio } from '../../electron/services/studio';
import type { ExportResult, ProgressEvent } from '../../shared/ipc/contract';
import { MODELS, tempDir } from '../support/paths';
import { projectWithHints, syntheticScan } from '../support/studio-fixtures';

const libraryDir = tempDir('export');
const events: ProgressEvent[] = [];
let onEvent: (e: ProgressEvent) => void = () => {};
const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: (e) => (events.push(e), onEvent(e)) });
afterAll(() => studio.close());

const hints = [{ id: 'a', x: 100, y: 100, radius: 8, a: 40, b: 30 }];
const exportsDir = path.join(libraryDir, 'exports');

describe('export', () => {
  it.each([
    ['tiff16', 'tiff', 'ushort'],
    ['png16', 'png', 'ushort'],
    ['png8', 'png', 'uchar'],
    ['jpeg', 'jpeg', 'uchar'],
  ])('writes %s at the original size and depth, with a sidecar and progress up to 1', async (format, container, depth) => {
    const { projectId } = await projectWithHints(studio, `synthetic-${format}.jpg`, await syntheticScan(900, 600), hints);
    const jobId = `small-${format}`;
    const r = await dispatch(studio.handlers, 'exportImage', { projectId, format, badge: false, jobId });
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    const out = (r as { value: ExportResult }).value;
    const meta = await sharp(path.join(exportsDir, out.fileName)).metadata();
    expect([meta.format, meta.width, meta.height, meta.depth, Boolean(meta.icc)]).toEqual([container, 900, 600, depth, true]);
    expect(existsSync(path.join(exportsDir, out.sidecarName))).toBe(true);
    const mine = events.filter((e) => e.jobId === jobId).map((e) => e.value);
    expect(mine.at(-1)).toBe(1);
    expect([...mine].sort((a, b) => a - b)).toEqual(mine);
  });

  it('refuses to export from an original whose bytes no longer match its SHA-256', async () => {
    const { image, projectId } = await projectWithHints(studio, 'tampered.jpg', await syntheticScan(320, 200), hints);
    const file = path.join(libraryDir, 'originals', image.id);
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] ^= 0xff;
    chmodSync(file, 0o644);
    writeFileSync(file, bytes);
    const r = await dispatch(studio.handlers, 'exportImage', { projectId, format: 'png8', badge: false, jobId: 'tampered' });
    expect(r.ok ? 'ok' : r.error.code).toBe('io-failed');
    expect(r.ok ? '' : r.error.message).toMatch(/no longer matches its SHA-256/);
  });

  it('stops when cancelled and leaves no file', async () => {
    const { projectId } = await projectWithHints(studio, 'big.jpg', await syntheticScan(6000, 4000), hints);
    onEvent = (e) => {
      if (e.jobId === 'big' && e.value > 0.1) void dispatch(studio.handlers, 'cancelJob', { jobId: 'big' });
    };
    const before = readdirSync(exportsDir);
    const r = await dispatch(studio.handlers, 'exportImage', { projectId, format: 'tiff16', badge: false, jobId: 'big' });
    expect(r.ok ? 'ok' : r.error.code).toBe('cancelled');
    expect(readdirSync(exportsDir)).toEqual(before);
  });

  it('reports an unwritable destination clearly and leaves no partial file', async () => {
    const dir = tempDir('unwritable');
    const notADir = path.join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    await expect(writeAtomic(path.join(notADir, 'out.png'), Buffer.alloc(10))).rejects.toMatchObject({ code: 'io-failed' });
    mkdirSync(path.join(dir, 'ok'));
    writeFileSync(path.join(dir, 'ok', 'keep.png'), 'earlier export');
    await writeAtomic(path.join(dir, 'ok', 'new.png'), Buffer.from('new'));
    expect(readdirSync(path.join(dir, 'ok')).sort()).toEqual(['keep.png', 'new.png']);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});
