// Where tests find the app's parts and the read-only shared data beside the checkout.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MODELS = path.join(ROOT, 'models');
export const SHARED = process.env.TINTYPE_SHARED ?? path.resolve(ROOT, '..', 'shared');
export const SAMPLES_BW = path.join(SHARED, 'samples', 'bw');
export const VAL = path.join(SHARED, 'datasets', 'val');

export function requireShared(): void {
  if (!existsSync(SAMPLES_BW)) throw new Error(`The shared data folder is missing: expected ${SHARED} (set TINTYPE_SHARED).`);
}

export function listImages(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(jpe?g|png|tiff?)$/i.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `tintype-${prefix}-`));
}
