// The model files tests run on. Contract 1: models/colorizer.onnx, named explicitly (it stays in the
// repo whichever contract models/manifest.json ships). Contract 2: the prior/guide pair from
// models/prior.onnx + models/guide.onnx (or TINTYPE_C2_MODELS, a folder holding such a pair); the
// tests that need it skip, saying why, while the pair is absent.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readManifest, verifyModel, type ModelFile } from '../../electron/services/inference/model-file';
import { MODELS, tempDir } from './paths';

export const COLORIZER_1 = path.join(MODELS, 'colorizer.onnx');

/** models/colorizer.onnx, checked against the manifest's SHA-256 while the manifest names it. */
export async function contract1Model(): Promise<ModelFile> {
  const manifest = await readManifest(MODELS);
  const sha = 'file' in manifest && manifest.file === 'colorizer.onnx' ? manifest.sha256 : null;
  return verifyModel(COLORIZER_1, sha);
}

export const C2_SOURCE = process.env.TINTYPE_C2_MODELS ?? MODELS;
export const C2_PRIOR = path.join(C2_SOURCE, 'prior.onnx');
export const C2_GUIDE = path.join(C2_SOURCE, 'guide.onnx');
export const HAS_C2 = existsSync(C2_PRIOR) && existsSync(C2_GUIDE);
export const C2_SKIP_REASON = `contract-2 tests skipped: no ${path.relative(process.cwd(), C2_PRIOR)} and ${path.relative(process.cwd(), C2_GUIDE)} yet (or set TINTYPE_C2_MODELS to a folder with prior.onnx and guide.onnx)`;
if (!HAS_C2) console.warn(C2_SKIP_REASON);

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A models folder for the contract-2 pair: the files (linked, or given as bytes) and a manifest with
 * their real SHA-256s unless `manifest` overrides it. */
export function c2Folder(o: { prior?: Uint8Array; guide?: Uint8Array; manifest?: (m: Record<string, unknown>) => unknown } = {}): string {
  const dir = tempDir('c2');
  const place = (name: string, source: string, bytes?: Uint8Array): string => {
    const file = path.join(dir, name);
    if (bytes) writeFileSync(file, bytes);
    else symlinkSync(source, file);
    return sha256(bytes ?? readFileSync(source));
  };
  const manifest = { contract: 'tintype-colorizer/2', prior: { file: 'prior.onnx', sha256: place('prior.onnx', C2_PRIOR, o.prior) }, guide: { file: 'guide.onnx', sha256: place('guide.onnx', C2_GUIDE, o.guide) } };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(o.manifest ? o.manifest(manifest) : manifest));
  return dir;
}

/** A models folder holding only contract 1's colorizer (for studio tests of contract 1 after the switch). */
export function c1Folder(): string {
  const dir = tempDir('c1');
  symlinkSync(COLORIZER_1, path.join(dir, 'colorizer.onnx'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ file: 'colorizer.onnx', sha256: sha256(readFileSync(COLORIZER_1)) }));
  return dir;
}
