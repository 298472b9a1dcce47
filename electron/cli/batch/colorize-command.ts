// `tintype colorize <files or folders> --out DIR ...`: a whole collection through the same export path
// the studio uses. Resumable (an output whose sidecar exists is done), one bad file is reported and
// skipped, a summary at the end, and a non-zero exit if anything failed.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_IMPORT_BYTES } from '../../../shared/ipc/contract';
import { AppFailure } from '../../../shared/ipc/errors';
import type { Reach } from '../../../shared/model/guidance-schema';
import { cleanPartials } from '../../services/export/atomic-write';
import { parseRecipe, type ExportFormat, type Recipe } from '../../../shared/model/recipe';
import { workingSize } from '../../../shared/network/working-size';
import { assertC2paFormat } from '../../services/export/c2pa';
import { warmComposeWorkers } from '../../services/export/compose';
import { EXTENSIONS } from '../../services/export/encode';
import { guidanceOf, makeRecipe, renderRecipe, sidecarPath, writeExport } from '../../services/export/exporter';
import type { SigningIdentity } from '../../services/export/signing-identity';
import { probe, workingLab, workingLightness } from '../../services/images/decode';
import { lightnessKey } from '../../services/inference/guided-run';
import { referencePrior, transferHints, type TransferReferenceInput } from '../../services/reference-transfer';
import { snapToPalette, type CollectionPalette } from '../../../shared/model/collection-palette';
import type { Reference } from '../../../shared/model/guidance';
import type { Colorizer } from '../../services/inference/colorizer';
import type { Job } from '../../services/jobs';
import { sha256 } from '../../services/library/originals';
import type { Marks } from './hints-file';
import { collectInputs, inShard, type Input, type Shard } from './inputs';
import { Progress } from './progress';

export interface ColorizeOptions {
  paths: string[];
  out: string;
  /** Points, strokes and regions from --hints (or a recipe's points), in original pixels. */
  marks: Marks;
  recipe: Recipe | null;
  format: ExportFormat;
  quality?: number;
  badge: boolean;
  /** Also write each export's annotated proof sheet (NAME.proof.pdf and .png) beside it. */
  proof?: boolean;
  /** Sign each export with Content Credentials by this identity. */
  c2pa?: SigningIdentity;
  workingSide: number;
  /** How far hints reach (shared/imaging/hint-reach.ts); absent: up to strong edges. Ignored with an exact recipe. */
  reach?: Reach;
  /** Faithful (0) to vivid (1), for a model with a vividness control; absent: its default. Ignored with an exact recipe. */
  vividness?: number;
  jobs: number;
  shard: Shard | null;
  /** --reference IMAGE: its transfer's proposals (all accepted) join every file's hints. */
  reference?: BatchReference | null;
  /** --palette FILE: the collection palette, recorded in every recipe; proposals near one of its colours take it exactly. */
  palette?: CollectionPalette | null;
}

/** A colour reference for a whole batch: read, hashed, at its working size (and prior) once. */
export interface BatchReference {
  entry: Reference;
  input: TransferReferenceInput;
}

/** Read `file` as the batch's colour reference. */
export async function readBatchReference(model: Colorizer, file: string): Promise<BatchReference> {
  const bytes = await readFile(file);
  const size = await probe(bytes);
  const id = sha256(bytes);
  const work = workingSize(size);
  const lab = await workingLab(bytes, work);
  const name = path.basename(file);
  const entry: Reference = { id, name, width: size.width, height: size.height, title: path.parse(file).name || name, source: name, rights: '', note: 'Applied to every file of a batch by tintype colorize --reference' };
  return { entry, input: { id, lab, work, size: { width: size.width, height: size.height }, prior: await referencePrior(model, { lab, work }) } };
}

/** The marks plus, with --reference, the transfer's proposals (snapped to --palette colours). */
async function marksFor(model: Colorizer, bytes: Uint8Array, sha: string, size: { width: number; height: number }, work: { width: number; height: number }, o: ColorizeOptions, job: Job): Promise<{ marks: Marks; proposals: number }> {
  if (!o.reference) return { marks: o.marks, proposals: 0 };
  const l = await workingLightness(bytes, work);
  const { hints } = await transferHints(model, { l, work, size, priorKey: { image: sha, lightness: lightnessKey({ ...o.marks }) } }, o.reference.input, job, { prefix: 'ref' });
  const sx = work.width / size.width;
  const sy = work.height / size.height;
  const at = (h: { x: number; y: number }): number => 100 * l[Math.min(work.height - 1, Math.floor(h.y * sy)) * work.width + Math.min(work.width - 1, Math.floor(h.x * sx))];
  const taken = new Set(o.marks.hints.map((h) => h.id));
  const proposals = snapToPalette(hints, o.palette?.colors ?? [], at).filter((h) => !taken.has(h.id));
  return { marks: { ...o.marks, hints: [...o.marks.hints, ...proposals] }, proposals: proposals.length };
}

export interface BatchSummary {
  done: string[];
  skipped: string[];
  failed: { file: string; reason: string }[];
  interrupted: boolean;
}

export function readRecipeFile(file: string): Recipe {
  const parsed = parseRecipe(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`--recipe ${file}: ${parsed.message}`);
  return parsed.recipe;
}

const describeMarks = (m: Marks): string =>
  [`${m.hints.length} hints`, m.strokes.length ? `${m.strokes.length} strokes` : '', m.regions.length ? `${m.regions.length} regions` : ''].filter(Boolean).join(', ');

function outputFor(input: Input, o: ColorizeOptions): string {
  const rel = path.parse(input.relative);
  return path.join(o.out, rel.dir, `${rel.name}.${EXTENSIONS[o.format]}`);
}

function abortableJob(signal: AbortSignal): Job {
  return {
    signal,
    progress: () => {},
    check: () => {
      if (signal.aborted) throw new AppFailure('cancelled', 'Interrupted.');
    },
  };
}

async function colorizeOne(model: Colorizer, input: Input, file: string, o: ColorizeOptions, job: Job): Promise<void> {
  if (path.resolve(file) === path.resolve(input.file)) throw new AppFailure('io-failed', 'the output would overwrite its original; choose another --out folder');
  const st = await stat(input.file);
  if (!st.isFile()) throw new AppFailure('unsupported-image', 'not a regular file (a folder, pipe or device); only image files are read');
  if (st.size > MAX_IMPORT_BYTES) throw new AppFailure('image-too-large', `the file is larger than ${MAX_IMPORT_BYTES / 2 ** 20} MiB, the most Tintype reads`);
  const bytes = await readFile(input.file);
  const size = await probe(bytes);
  const sha = sha256(bytes);
  const exact = o.recipe?.original.sha256 === sha ? o.recipe : null;
  const when = new Date().toISOString();
  // The file's name, its content and its sidecar agree: --format (o.format, the recipe's own when not
  // given) decides the encoding, and an override of the recipe's output is recorded in its history.
  const output = exact ? { ...exact.output, format: o.format, quality: o.quality ?? exact.output.quality } : { format: o.format, quality: o.quality, badge: o.badge };
  const overridden = exact && (exact.output.format !== output.format || exact.output.quality !== output.quality);
  const work = exact ? exact.workingSize : workingSize(size, o.workingSide);
  const { marks, proposals } = exact ? { marks: o.marks, proposals: 0 } : await marksFor(model, bytes, sha, size, work, o, job);
  const references = [...(o.reference ? [o.reference.entry] : []), ...(o.palette?.references ?? []).filter((r) => r.id !== o.reference?.entry.id)];
  const extra = { ...(o.palette ? { palette: o.palette.colors } : {}), ...(references.length ? { references } : {}) };
  const recipe = makeRecipe(model, { bytes, name: path.basename(input.file), sha256: sha, width: size.width, height: size.height }, {
    guidance: exact ? guidanceOf(exact) : { ...marks, reach: o.reach, vividness: o.vividness, ...extra },
    work,
    output,
    project: exact?.project,
    notes: exact?.notes ?? [],
    history: exact
      ? [...exact.history, ...(overridden ? [{ action: 'edited', when, description: `Output changed from ${exact.output.format} to ${output.format} by --format`, parameters: JSON.stringify({ from: exact.output, to: output }) }] : [])]
      : [
      { action: 'created', when, description: 'Read the original', parameters: JSON.stringify({ name: path.basename(input.file), sha256: sha }) },
      ...(o.reference ? [{ action: 'edited', when, description: `Attached reference "${o.reference.entry.title}" (sha256 ${o.reference.entry.id})`, parameters: JSON.stringify(o.reference.entry) }] : []),
      ...(o.palette ? [{ action: 'edited', when, description: `Imported the collection palette of "${o.palette.from}" (${o.palette.colors.length} colours)`, parameters: JSON.stringify(o.palette.colors.map((c) => c.name)) }] : []),
      ...(proposals ? [{ action: 'edited', when, description: `Added ${proposals} hints suggested from reference "${o.reference?.entry.title}", all accepted`, parameters: JSON.stringify({ reference: o.reference?.entry.id, proposals }) }] : []),
      { action: 'edited', when, description: `Batch colorization with ${describeMarks(marks)}`, parameters: JSON.stringify(marks) },
    ],
  });
  const pixels = await renderRecipe(model, bytes, recipe, job);
  await mkdir(path.dirname(file), { recursive: true });
  await writeExport(file, pixels, recipe, bytes, job, { proof: o.proof, c2pa: o.c2pa });
}

export async function runColorize(model: Colorizer, o: ColorizeOptions, signal: AbortSignal, log: Progress | null = null): Promise<BatchSummary> {
  if (o.c2pa) assertC2paFormat(o.format); // before any image is colorized
  let inputs = collectInputs(o.paths, o.out);
  if (o.shard) inputs = inputs.filter((i) => inShard(i, o.shard as Shard));
  // Temporary files of runs killed mid-write, before this run and, with its own, after it.
  const outDirs = [...new Set([o.out, ...inputs.map((i) => path.dirname(outputFor(i, o)))])];
  for (const dir of outDirs) await cleanPartials(dir);
  const progress = log ?? new Progress(inputs.length);
  const summary: BatchSummary = { done: [], skipped: [], failed: [], interrupted: false };
  const queue = [...inputs];
  warmComposeWorkers();
  const job = abortableJob(signal);
  const lane = async (): Promise<void> => {
    for (let input = queue.shift(); input && !signal.aborted; input = queue.shift()) {
      const file = outputFor(input, o);
      if (existsSync(file) && existsSync(sidecarPath(file))) {
        summary.skipped.push(input.relative);
        progress.step(`${input.relative}: already done`);
        continue;
      }
      progress.update(input.relative);
      try {
        await colorizeOne(model, input, file, o, job);
        summary.done.push(input.relative);
        progress.step(`${input.relative}: ok`);
      } catch (e) {
        if (e instanceof AppFailure && e.code === 'cancelled') break;
        const reason = (e as Error).message;
        summary.failed.push({ file: input.relative, reason });
        progress.step(`${input.relative}: FAILED ${reason}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, lane));
  for (const dir of outDirs) await cleanPartials(dir, { own: true });
  summary.interrupted = signal.aborted;
  return summary;
}
