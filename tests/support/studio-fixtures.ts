// Helpers for service-level tests: synthetic scans imported into a real Studio, and projects with hints.
import sharp from 'sharp';
import { dispatch } from '../../electron/services/dispatch';
import type { Studio } from '../../electron/services/studio';
import type { ImageInfo, Results } from '../../shared/ipc/contract';
import type { Hint } from '../../shared/model/hints';

export async function call<T>(studio: Studio, channel: string, payload: unknown): Promise<T> {
  const r = await dispatch(studio.handlers, channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A gray gradient with a bright square, as a JPEG carrying EXIF artist and copyright. */
export async function syntheticScan(width: number, height: number): Promise<Buffer> {
  const gray = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inSquare = x > width * 0.55 && x < width * 0.85 && y > height * 0.2 && y < height * 0.6;
      gray[y * width + x] = inSquare ? 215 : 40 + Math.round((x / width) * 120);
    }
  }
  return sharp(gray, { raw: { width, height, channels: 1 } })
    .withExif({ IFD0: { Artist: 'Mathew B. Brady', Copyright: 'Public domain', ImageDescription: 'Company K' } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

export async function projectWithHints(studio: Studio, name: string, bytes: Uint8Array, hints: Hint[]): Promise<{ image: ImageInfo; projectId: string }> {
  const image = await call<ImageInfo>(studio, 'importImage', { name, bytes });
  const state = await call<Results['openImageProject']>(studio, 'openImageProject', { imageId: image.id });
  if (hints.length) await call(studio, 'applyEdit', { projectId: state.project.id, base: state.history.head, op: { kind: 'hints.set', hints } });
  return { image, projectId: state.project.id };
}
