import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp, { type CreateRaw } from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { metadataOf } from '../../electron/services/images/decode';
import { sha256 } from '../../electron/services/library/originals';
import { Studio } from '../../electron/services/studio';
import type { ImageInfo } from '../../shared/ipc/contract';
import { MAX_IMAGE_PIXELS, PIXEL_LIMIT_MESSAGE } from '../../shared/ipc/limits';
import { MODELS, ROOT, SAMPLES_BW, tempDir } from '../support/paths';
import { pngClaimingSize } from '../support/png-header';

const libraryDir = tempDir('import');
const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: () => {} });
afterAll(() => studio.close());

async function importBytes(name: string, bytes: Uint8Array) {
  return dispatch(studio.handlers, 'importImage', { name, bytes });
}

describe('importing scans', () => {
  it('stores a real scan byte for byte under its SHA-256, read-only', async () => {
    const bytes = readFileSync(path.join(SAMPLES_BW, 'deoldify_001.jpg'));
    const r = await importBytes('deoldify_001.jpg', bytes);
    expect(r.ok).toBe(true);
    const info = (r as { value: ImageInfo }).value;
    expect(info.id).toBe(sha256(bytes));
    const stored = path.join(libraryDir, 'originals', info.id);
    expect(readFileSync(stored).equals(bytes)).toBe(true);
    expect(statSync(stored).mode & 0o222).toBe(0);
    expect([info.width, info.height]).toEqual([640, 875]);
  });

  it('reads 16-bit grayscale TIFF and applies EXIF orientation', async () => {
    const w = 48;
    const h = 32;
    const gray16 = new Uint16Array(w * h).map((_, i) => (i % w) * 1300);
    // sharp reads 16-bit raw input with depth 'ushort' (its typings do not list the option yet).
    const raw = { width: w, height: h, channels: 1, depth: 'ushort' } as unknown as CreateRaw;
    const tiff = await sharp(Buffer.from(gray16.buffer), { raw })
      .toColourspace('grey16')
      .tiff({ compression: 'none' })
      .toBuffer();
    const r16 = await importBytes('gray16.tif', tiff);
    expect(r16.ok && r16.value).toMatchObject({ format: 'tiff', bitDepth: 16, width: w, height: h });
    const rotated = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#808080' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const r = await importBytes('rotated.jpg', rotated);
    expect(r.ok && [(r.value as ImageInfo).width, (r.value as ImageInfo).height]).toEqual([20, 60]);
  });

  it('refuses corrupt, truncated and unsupported files with typed errors', async () => {
    const png = readFileSync(path.join(SAMPLES_BW, 'bopb_001.png'));
    const cases: [string, Uint8Array, string][] = [
      ['notes.txt', Buffer.from('this is not an image'), 'unsupported-image'],
      ['cut.png', png.subarray(0, Math.floor(png.length / 2)), 'corrupt-image'],
      ['anim.gif', await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer(), 'unsupported-image'],
    ];
    for (const [name, bytes, code] of cases) {
      const r = await importBytes(name, bytes);
      expect(r.ok ? 'ok' : r.error.code, name).toBe(code);
    }
  });

  it('holds every image to one pixel limit: refused at import with a typed error, never later', async () => {
    // Just over the limit (and below sharp's own default of 268 MP, which used to let such scans in
    // and fail every export after all its work): refused at import, saying the limit.
    const side = Math.ceil(Math.sqrt(MAX_IMAGE_PIXELS + 1));
    const over = await importBytes('over.png', pngClaimingSize(side, side));
    expect(over.ok ? 'ok' : over.error).toEqual({ code: 'image-too-large', message: PIXEL_LIMIT_MESSAGE });
    // Just under it the size is not what refuses it (this header has no pixel data).
    const under = await importBytes('under.png', pngClaimingSize(side - 1, side - 1));
    expect(under.ok ? 'ok' : under.error.code).toBe('corrupt-image');
    // The export reads the original's header through the same limit, with the same typed error.
    await expect(metadataOf(pngClaimingSize(side, side))).rejects.toMatchObject({ code: 'image-too-large' });
    // No other module opens an original with sharp (and so with some other limit).
    const services = path.join(ROOT, 'electron');
    const opens = readdirSync(services, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith(path.join('images', 'decode.ts')))
      .filter((f) => /sharp\((?!\s*(Buffer\.from\(svg\)|Buffer\.alloc|png\)|p\.rgb|rgb8|file, \{ limitInputPixels: MAX_IMAGE_PIXELS))/.test(readFileSync(path.join(services, f), 'utf8')));
    expect(opens).toEqual([]);
  });

  it('refuses images above the pixel limit before decoding them', async () => {
    // A PNG header claiming 30000 x 30000 pixels: 900 megapixels.
    const r = await importBytes('huge.png', pngClaimingSize(30000, 30000));
    expect(r.ok ? 'ok' : r.error.code).toBe('image-too-large');
  });
});
