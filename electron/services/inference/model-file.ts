// Finds, verifies and describes the colorizer model before any session is created: every file's SHA-256
// must equal models/manifest.json's, and its metadata must declare the contract (and, under contract 2,
// the role) the app expects of it. Contract 1 is one file; contract 2 a prior and a guide.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../../shared/ipc/errors';
import { readOnnxMetadata } from './onnx-metadata';

export const CONTRACT_1 = 'tintype-colorizer/1';
export const CONTRACT_2 = 'tintype-colorizer/2';
/** The single-file contract (kept under its old name for the callers that only know it). */
export const CONTRACT = CONTRACT_1;

const FileRef = z.object({ file: z.string().regex(/^[\w.-]+\.onnx$/), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const Manifest1 = FileRef.extend({ contract: z.literal(CONTRACT_1).optional() });
const Manifest2 = z.object({ contract: z.literal(CONTRACT_2), prior: FileRef, guide: FileRef });
const ManifestSchema = z.union([Manifest2, Manifest1]);
export type Manifest = z.infer<typeof ManifestSchema>;
export type FileRef = z.infer<typeof FileRef>;

/** The models directory: TINTYPE_MODELS when set, else the app's own models/. */
export const modelsDirFor = (appRoot: string): string => process.env.TINTYPE_MODELS ?? path.join(appRoot, 'models');

export interface ModelFile {
  path: string;
  sha256: string;
  metadata: Record<string, string>;
  /** Bin centres (a*, b*) of ab_logits, in output order (the colorizer's or the guide's). */
  abGrid: [number, number][];
}

export type ModelSet =
  | { contract: typeof CONTRACT_1; colorizer: ModelFile }
  | { contract: typeof CONTRACT_2; prior: ModelFile; guide: ModelFile; /** The guide's vividness_default; null when it takes no vividness. */ vividnessDefault: number | null };

/** What a file must declare: contract 1's one file, or contract 2's prior or guide. */
export type ModelRole = 'colorizer' | 'prior' | 'guide';

export async function readManifest(modelsDir: string): Promise<Manifest> {
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
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const named = (json as { contract?: unknown } | null)?.contract;
    const why = typeof named === 'string' && named !== CONTRACT_1 && named !== CONTRACT_2 ? ` (contract "${named}" is not one Tintype speaks)` : '';
    throw new AppFailure('model-invalid', `models/manifest.json is malformed${why}.`);
  }
  return parsed.data;
}

/** Verify a model file. `expectedSha` null skips the hash check (used for files the user chooses). */
export async function verifyModel(file: string, expectedSha: string | null, role: ModelRole = 'colorizer'): Promise<ModelFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new AppFailure('model-missing', `The model file ${path.basename(file)} is missing.`);
  }
  const name = path.basename(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (expectedSha && sha256 !== expectedSha) {
    throw new AppFailure('model-invalid', `${name} does not match its recorded SHA-256 (damaged or replaced). Reinstall the model.`);
  }
  const metadata = readOnnxMetadata(bytes);
  const contract = role === 'colorizer' ? CONTRACT_1 : CONTRACT_2;
  if (metadata.contract !== contract) {
    throw new AppFailure('model-invalid', `${name} declares contract "${metadata.contract ?? 'none'}", but Tintype needs "${contract}"${role === 'colorizer' ? '' : ` for the ${role}`}.`);
  }
  if (role !== 'colorizer' && metadata.role !== role) {
    throw new AppFailure('model-invalid', `${name} declares role "${metadata.role ?? 'none'}", but the manifest names it as the ${role}.`);
  }
  // The file that outputs ab_logits carries the grid; a prior may carry one but need not.
  const abGrid = role === 'prior' && !metadata.ab_grid ? [] : parseGrid(name, metadata.ab_grid);
  return { path: file, sha256, metadata, abGrid };
}

function parseGrid(name: string, text: string | undefined): [number, number][] {
  let value: unknown = null;
  try {
    value = text ? JSON.parse(text) : null;
  } catch {
    value = null;
  }
  const grid = z.array(z.tuple([z.number(), z.number()])).min(2).safeParse(value);
  if (!grid.success) throw new AppFailure('model-invalid', `${name} has no valid ab_grid metadata.`);
  return grid.data;
}

function parseVividness(guide: ModelFile): number | null {
  const text = guide.metadata.vividness_default;
  if (text === undefined) return null;
  const v = z.coerce.number().finite().min(0).max(1).safeParse(text.trim() === '' ? NaN : text);
  if (!v.success) throw new AppFailure('model-invalid', `${path.basename(guide.path)} has an invalid vividness_default ("${text}"; expected a number from 0 to 1).`);
  return v.data;
}

/** Contract 2's pair, each file checked against its hash and role. */
export async function verifyPair(dir: string, prior: FileRef, guide: FileRef): Promise<ModelSet> {
  const p = await verifyModel(path.join(dir, prior.file), prior.sha256, 'prior');
  const g = await verifyModel(path.join(dir, guide.file), guide.sha256, 'guide');
  return { contract: CONTRACT_2, prior: p, guide: g, vividnessDefault: parseVividness(g) };
}

/** A single contract-1 file as a model set. */
export const singleModel = (colorizer: ModelFile): ModelSet => ({ contract: CONTRACT_1, colorizer });

export async function verifyShippedModel(modelsDir: string): Promise<ModelSet> {
  const manifest = await readManifest(modelsDir);
  if ('prior' in manifest) return verifyPair(modelsDir, manifest.prior, manifest.guide);
  return singleModel(await verifyModel(path.join(modelsDir, manifest.file), manifest.sha256));
}

/** The files a manifest names, in order (the colorizer, or the prior then the guide). */
export const manifestFiles = (m: Manifest): FileRef[] => ('prior' in m ? [m.prior, m.guide] : [m]);
