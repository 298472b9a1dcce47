// Export as a job: progress events, cancellation that leaves nothing behind, and a full-size result.
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { Studio } from '../../electron/services/studio';
import type { ExportResult, ImageInfo, ProgressEvent } from '../../shared/contract';
import { MODELS, tempDir } from '../support/paths';

const libraryDir = tempDir('export');
const events: ProgressEvent[] = [];
let onEvent: (e: ProgressEvent) => void = () => {};
const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: (e) => (events.push(e), onEvent(e)) });
afterAll(() => studio.close());

async function importSynthetic(width: number, height: number): Promise<ImageInfo> {
  const gray = Buffer.alloc(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = ((i % width) * 255) / width;
  const jpeg = await sharp(gray, { raw: { width, height, channels: 1 } }).jpeg({ quality: 90 }).toBuffer();
  const r = await dispatch(studio.handlers, 'importImage', { name: `synthetic-${width}.jpg`, bytes: jpeg });
  return (r as { value: ImageInfo }).value;
}

const hints = [{ id: 'a', x: 100, y: 100, radius: 8, a: 40, b: 30 }];

describe('export', () => {
  it('writes a PNG of the original size with progress up to 1', async () => {
    const image = await importSynthetic(900, 600);
    const r = await dispatch(studio.handlers, 'exportImage', { imageId: image.id, hints, format: 'png', jobId: 'small' });
    expect(r.ok).toBe(true);
    const out = (r as { value: ExportResult }).value;
    const meta = await sharp(path.join(libraryDir, 'exports', out.fileName)).metadata();
    expect([meta.width, meta.height]).toEqual([900, 600]);
    const mine = events.filter((e) => e.jobId === 'small').map((e) => e.value);
    expect(mine.at(-1)).toBe(1);
    expect([...mine].sort((a, b) => a - b)).toEqual(mine);
  });

  it('refuses to export from an original whose bytes no longer match its SHA-256', async () => {
    const image = await importSynthetic(320, 200);
    const file = path.join(libraryDir, 'originals', image.id);
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] ^= 0xff;
    chmodSync(file, 0o644);
    writeFileSync(file, bytes);
    const r = await dispatch(studio.handlers, 'exportImage', { imageId: image.id, hints, format: 'png', jobId: 'tampered' });
    expect(r.ok ? 'ok' : r.error.code).toBe('io-failed');
    expect(r.ok ? '' : r.error.message).toMatch(/no longer matches its SHA-256/);
  });

  it('stops when cancelled and leaves no file', async () => {
    const image = await importSynthetic(6000, 4000);
    onEvent = (e) => {
      if (e.jobId === 'big' && e.value > 0.1) void dispatch(studio.handlers, 'cancelJob', { jobId: 'big' });
    };
    const before = existsSync(path.join(libraryDir, 'exports')) ? readdirSync(path.join(libraryDir, 'exports')) : [];
    const r = await dispatch(studio.handlers, 'exportImage', { imageId: image.id, hints, format: 'png', jobId: 'big' });
    expect(r.ok ? 'ok' : r.error.code).toBe('cancelled');
    expect(readdirSync(path.join(libraryDir, 'exports'))).toEqual(before);
  });
});
