// `tintype colorize <files or folders> --out DIR ...`: a whole collection through the same export path
// the studio uses. Resumable (an output whose sidecar exists is done), one bad file is reported and
// skipped, a summary at the end, and a non-zero exit if anything failed.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors';
import type { Hint } from '../../../shared/hints';
import { parseRecipe, type ExportFormat, type Recipe } from '../../../shared/recipe';
import { workingSize } from '../../../shared/working-size';
import { assertC2paFormat } from '../../services/export/c2pa';
import { warmComposeWorkers } from '../../services/export/compose';
import { EXTENSIONS } from '../../services/export/encode';
import { guidanceOf, makeRecipe, renderRecipe, sidecarPath, writeExport } from '../../services/export/exporter';
import type { SigningIdentity } from '../../services/export/signing-identity';
import { probe } from '../../services/images/decode';
import type { Colorizer } from '../../services/inference/colorizer';
import type { Job } from '../../services/jobs';
import { sha256 } from '../../services/library/originals';
import { collectInputs, inShard, type Input, type Shard } from './inputs';
import { Progress } from './progress';

export interface ColorizeOptions {
  paths: string[];
  out: string;
  hints: Hint[];
  recipe: Recipe | null;
  format: ExportFormat;
  quality?: number;
  badge: boolean;
  /** Also write each export's annotated proof sheet (NAME.proof.pdf and .png) beside it. */
  proof?: boolean;
  /** Sign each export with Content Credentials by this identity. */
  c2pa?: SigningIdentity;
  workingSide: number;
  /** How far hints reach (shared/hint-reach.ts); absent: everywhere. Ignored with an exact recipe. */
  reach?: number;
  jobs: number;
  shard: Shard | null;
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
  const bytes = await readFile(input.file);
  const size = await probe(bytes);
  const sha = sha256(bytes);
  const exact = o.recipe?.original.sha256 === sha ? o.recipe : null;
  const when = new Date().toISOString();
  const recipe = makeRecipe(model, { bytes, name: path.basename(input.file), sha256: sha, width: size.width, height: size.height }, {
    guidance: exact ? guidanceOf(exact) : { hints: o.hints, strokes: [], regions: [], reach: o.reach },
    work: exact ? exact.workingSize : workingSize(size, o.workingSide),
    output: exact ? exact.output : { format: o.format, quality: o.quality, badge: o.badge },
    project: exact?.project,
    notes: exact?.notes ?? [],
    history: exact?.history ?? [
      { action: 'created', when, description: 'Read the original', parameters: JSON.stringify({ name: path.basename(input.file), sha256: sha }) },
      { action: 'edited', when, description: `Batch colorization with ${o.hints.length} hints`, parameters: JSON.stringify({ hints: o.hints }) },
    ],
  });
  const pixels = await renderRecipe(model, bytes, recipe, job);
  await mkdir(path.dirname(file), { recursive: true });
  await writeExport(file, pixels, recipe, bytes, job, { proof: o.proof, c2pa: o.c2pa });
}

export async function runColorize(model: Colorizer, o: ColorizeOptions, signal: AbortSignal, log: Progress | null = null): Promise<BatchSummary> {
  if (o.c2pa) assertC2paFormat(o.format); // before any image is colorized
  let inputs = collectInputs(o.paths);
  if (o.shard) inputs = inputs.filter((i) => inShard(i, o.shard as Shard));
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
  summary.interrupted = signal.aborted;
  return summary;
}
