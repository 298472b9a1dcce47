// Finds, verifies and describes the colorizer model before any session is created: the file's SHA-256
// must equal models/manifest.json's, and its metadata must declare the contract the app speaks.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../../shared/errors';
import { readOnnxMetadata } from './onnx-metadata';

export const CONTRACT = 'tintype-colorizer/1';

const Manifest = z.object({ file: z.string().regex(/^[\w.-]+\.onnx$/), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export interface ModelFile {
  path: string;
  sha256: string;
  metadata: Record<string, string>;
  /** Bin centres (a*, b*) of ab_logits, in output order. */
  abGrid: [number, number][];
}

export async function readManifest(modelsDir: string): Promise<{ file: string; sha256: string }> {
  let text: string;
  try {
    text = await readFile(path.join(modelsDir, 'manifest.json'), 'utf8');
  } catch {
    throw new AppFailure('model-missing', `No models/manifest.json in ${modelsDir}: the app cannot find its model.`);
  }
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) throw new AppFailure('model-invalid', 'models/manifest.json is malformed.');
  return parsed.data;
}

/** Verify a model file. `expectedSha` null skips the hash check (used for files the user chooses). */
export async function verifyModel(file: string, expectedSha: string | null): Promise<ModelFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new AppFailure('model-missing', `The model file ${path.basename(file)} is missing.`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (expectedSha && sha256 !== expectedSha) {
    throw new AppFailure(
      'model-invalid',
      `${path.basename(file)} does not match its recorded SHA-256 (damaged or replaced). Reinstall the model.`,
    );
  }
  const metadata = readOnnxMetadata(bytes);
  if (metadata.contract !== CONTRACT) {
    throw new AppFailure(
      'model-invalid',
      `${path.basename(file)} declares contract "${metadata.contract ?? 'none'}", but Tintype needs "${CONTRACT}".`,
    );
  }
  return { path: file, sha256, metadata, abGrid: parseGrid(metadata.ab_grid) };
}

function parseGrid(text: string | undefined): [number, number][] {
  let value: unknown = null;
  try {
    value = text ? JSON.parse(text) : null;
  } catch {
    value = null;
  }
  const grid = z.array(z.tuple([z.number(), z.number()])).min(2).safeParse(value);
  if (!grid.success) throw new AppFailure('model-invalid', 'The model has no valid ab_grid metadata.');
  return grid.data;
}

export async function verifyShippedModel(modelsDir: string): Promise<ModelFile> {
  const manifest = await readManifest(modelsDir);
  return verifyModel(path.join(modelsDir, manifest.file), manifest.sha256);
}
