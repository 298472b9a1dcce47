// One export from start to finish, shared by the studio, the batch CLI and recipe replays: the network
// at the working size, full-resolution composition, encoding with XMP, and the sidecar recipe, both
// written atomically. Given the same original and recipe it produces the same pixels.
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { adjustAb, NEUTRAL_ADJUST } from '../../../shared/imaging/color-adjust';
import { hasSpatialRestoration, restoreSpatial } from '../../../shared/imaging/restore';
import { NEUTRAL_TONE } from '../../../shared/imaging/tone';
import type { Guidance } from '../../../shared/model/guidance';
import { regionMasks } from '../../../shared/imaging/region-mask';
import { DEFAULT_REACH } from '../../../shared/imaging/hint-reach';
import { networkInput } from '../../../shared/network/network-input';
import type { CatalogMeta } from '../../../shared/model/project';
import { RECIPE_FORMAT, RECIPE_VERSION, type ExportFormat, type Recipe } from '../../../shared/model/recipe';
import type { Size } from '../../../shared/network/working-size';
import { APP } from '../app-info';
import { fullSamples, metadataOf, workingLightness } from '../images/decode';
import type { Colorizer } from '../inference/colorizer';
import { GuidedRun } from '../inference/guided-run';
import type { Job } from '../jobs';
import { writeAtomic } from './atomic-write';
import { assertC2paFormat, withContentCredentials } from './c2pa';
import { composeColor, type Pixels16 } from './compose';
import { encodeImage, EXTENSIONS } from './encode';
import { readExifFields } from './exif-fields';
import { readIptcFields } from './iptc-fields';
import { makeProofSheet } from './proof-sheet';
import type { IdentityInfo, SigningIdentity } from './signing-identity';
import { packXmp, xmpProperties } from './xmp';

export interface ExportOriginal {
  bytes: Uint8Array;
  name: string;
  sha256: string;
  width: number;
  height: number;
}

export interface ExportOutput {
  format: ExportFormat;
  quality?: number;
  badge: boolean;
}

export interface ExportContent {
  guidance: Guidance;
  work: Size;
  output: ExportOutput;
  project?: CatalogMeta;
  notes: Recipe['notes'];
  history: Recipe['history'];
}

export interface WrittenExport {
  file: string;
  sidecar: string;
  /** NAME.proof.pdf and NAME.proof.png, when a proof sheet was asked for. */
  proof?: { pdf: string; png: string; pages: number };
  /** The Content Credentials embedded, when the export was signed. */
  c2pa?: { manifestBytes: number; signMs: number; signer: IdentityInfo };
  width: number;
  height: number;
  bytes: number;
}

export function makeRecipe(model: Colorizer, original: ExportOriginal, c: ExportContent): Recipe {
  return {
    format: RECIPE_FORMAT,
    version: RECIPE_VERSION,
    app: APP,
    original: { name: original.name, sha256: original.sha256, width: original.width, height: original.height },
    model: modelOf(model),
    workingSize: c.work,
    upsampling: 'joint-bilateral-l',
    hints: c.guidance.hints,
    strokes: c.guidance.strokes,
    regions: c.guidance.regions,
    color: c.guidance.color ?? NEUTRAL_ADJUST,
    palette: c.guidance.palette ?? [],
    tone: c.guidance.tone ?? NEUTRAL_TONE,
    reach: c.guidance.reach ?? DEFAULT_REACH,
    vividness: model.vividnessDefault === null ? null : { value: c.guidance.vividness ?? model.vividnessDefault, default: model.vividnessDefault },
    references: c.guidance.references ?? [],
    output: c.output,
    project: c.project,
    notes: c.notes,
    history: c.history,
    createdAt: new Date().toISOString(),
  };
}

/** The model a recipe records: the file that outputs the colour, and contract 2's prior beside it. */
export function modelOf(model: Colorizer): Recipe['model'] {
  const main = { file: path.basename(model.model.path), sha256: model.model.sha256, contract: model.model.metadata.contract };
  return model.priorModel ? { ...main, prior: { file: path.basename(model.priorModel.path), sha256: model.priorModel.sha256 } } : main;
}

/** Everything a recipe tells the network and the compositor. */
export const guidanceOf = (r: Recipe): Guidance => ({
  hints: r.hints,
  strokes: r.strokes,
  regions: r.regions,
  color: r.color,
  palette: r.palette,
  tone: r.tone,
  reach: r.reach,
  ...(r.vividness ? { vividness: r.vividness.value } : {}),
  ...(r.references.length ? { references: r.references } : {}),
});

/** The colorized original at full resolution, exactly as `recipe` describes it. */
export function renderRecipe(model: Colorizer, originalBytes: Uint8Array, recipe: Recipe, job: Job): Promise<Pixels16> {
  const image = { width: recipe.original.width, height: recipe.original.height };
  return renderGuidance(model, originalBytes, { ...image, id: recipe.original.sha256 }, recipe.workingSize, guidanceOf(recipe), job);
}

/** The original colorized as `guidance` says: the network at `work`, then composed at full size
 * (or fitted inside `longSide`), the regions' masks laid over it. `image.id`, the original's SHA-256,
 * lets a contract-2 model reuse the prior the studio already computed for it. */
export async function renderGuidance(model: Colorizer, originalBytes: Uint8Array, image: Size & { id?: string }, work: Size, guidance: Guidance, job: Job, longSide?: number): Promise<Pixels16> {
  job.progress(0, 'Colorizing');
  const samples = fullSamples(originalBytes, longSide); // decodes while the network runs
  samples.catch(() => undefined); // awaited below; a failure before then must not go unhandled
  const input = networkInput(await workingLightness(originalBytes, work), work, image, guidance);
  const out = await new GuidedRun(async () => model, image.id ?? null).run(input, guidance);
  adjustAb(out.ab, work.width * work.height, guidance.color);
  job.check();
  const field = { width: work.width, height: work.height, ab: out.ab, l: input.l };
  const spatial = hasSpatialRestoration(guidance) ? (l: Float32Array, size: Size) => restoreSpatial(l, size, image, guidance) : null;
  return composeColor(originalBytes, field, job, { longSide, regions: (size, rows) => regionMasks(guidance, image, size, rows), restore: { spatial, tone: guidance.tone }, samples });
}

export const sidecarPath = (file: string): string => path.join(path.dirname(file), `${path.parse(file).name}.tintype.json`);

export const proofPaths = (file: string): { pdf: string; png: string } => {
  const stem = path.join(path.dirname(file), path.parse(file).name);
  return { pdf: `${stem}.proof.pdf`, png: `${stem}.proof.png` };
};

export const exportFileName = (stem: string, format: ExportFormat): string => `${stem}.${EXTENSIONS[format]}`;

export interface WriteOptions {
  /** Also write the annotated proof sheet (NAME.proof.pdf and NAME.proof.png) beside the export. */
  proof?: boolean;
  /** Embed Content Credentials (C2PA) signed with this identity. */
  c2pa?: SigningIdentity;
}

/** Encode the image (and sign it with Content Credentials when asked), then write it, its sidecar (and
 * proof sheet), each through writeAtomic; if any of those cannot be written, what was written of the
 * export is removed. */
export async function writeExport(file: string, pixels: Pixels16, recipe: Recipe, originalBytes: Uint8Array, job: Job, o: WriteOptions = {}): Promise<WrittenExport> {
  job.progress(0.9, 'Encoding');
  if (o.c2pa) assertC2paFormat(recipe.output.format);
  const meta = await metadataOf(originalBytes);
  const exif = readExifFields(meta.exif);
  // Packed (and refused if the format cannot carry it) before anything is encoded or written.
  const xmp = packXmp(xmpProperties(recipe, { exif, iptc: readIptcFields(meta.iptc) }), recipe.output.format);
  const encoded = await encodeImage(pixels, { ...recipe.output, xmp, exif, density: meta.density });
  job.check();
  const sidecar = sidecarPath(file);
  const recipeText = `${JSON.stringify(recipe, null, 2)}\n`;
  let image: Buffer = encoded;
  let c2pa: WrittenExport['c2pa'];
  if (o.c2pa) {
    job.progress(0.95, 'Signing');
    const started = performance.now();
    const input = { encoded, format: recipe.output.format, exportName: path.basename(file), recipe, recipeText, recipeName: path.basename(sidecar), originalFormat: `image/${meta.format}` };
    const signed = await withContentCredentials(input, o.c2pa);
    image = signed.bytes;
    c2pa = { manifestBytes: signed.manifestBytes, signMs: performance.now() - started, signer: o.c2pa.info };
    job.check();
  }
  // After encoding, so the sheet shows the pixels exactly as exported (badge included).
  const sheet = o.proof ? await makeProofSheet({ recipe, exportName: path.basename(file), originalBytes, pixels }) : null;
  job.check();
  job.progress(0.97, 'Writing');
  const proof = sheet ? proofPaths(file) : null;
  const written: string[] = [];
  try {
    for (const [target, data] of [[file, image], [sidecar, recipeText], ...(proof && sheet ? [[proof.pdf, sheet.pdf], [proof.png, sheet.png]] : [])] as [string, Uint8Array | string][]) {
      await writeAtomic(target, data);
      written.push(target);
    }
  } catch (e) {
    for (const f of written) await unlink(f).catch(() => undefined);
    throw e;
  }
  job.progress(1, 'Exported');
  return { file, sidecar, width: pixels.width, height: pixels.height, bytes: image.byteLength, c2pa, proof: proof && sheet ? { ...proof, pages: sheet.pages } : undefined };
}
