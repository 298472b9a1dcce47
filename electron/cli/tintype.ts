// The Tintype command line (`tintype …` or `npm run cli -- …`):
//   tintype colorize <files or folders> --out DIR [--hints FILE | --recipe FILE] [--format tiff16|png|png8|jpeg]
//                    [--quality Q] [--badge] [--proof] [--c2pa | --c2pa-key FILE --c2pa-cert FILE] [--library DIR]
//                    [--working-size N] [--reach R] [--vividness V] [--jobs N] [--shard i/n] [--reference IMAGE] [--palette FILE]
//   tintype export <project id or title> [--version NAME] --out FILE [--format …] [--proof]
//                  [--c2pa | --c2pa-key FILE --c2pa-cert FILE] [--library DIR]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePalette, type CollectionPalette } from '../../shared/model/collection-palette';
import type { Reach } from '../../shared/model/guidance-schema';
import { EDGE_REACH, parseReach } from '../../shared/imaging/hint-reach';
import type { ExportFormat } from '../../shared/model/recipe';
import { defaultLibraryDir, MODELS_DIR } from '../app/paths';
import { Colorizer } from '../services/inference/colorizer';
import { verifyShippedModel } from '../services/inference/model-file';
import { NO_MARKS, readHintsFile } from './batch/hints-file';
import { parseShard } from './batch/inputs';
import { readBatchReference, readRecipeFile, runColorize } from './batch/colorize-command';
import { C2PA_OPTIONS, describeSigner, signingIdentityFor } from './c2pa-option';
import { runExport } from './export-command';

const USAGE = `usage:
  tintype colorize <files or folders> --out DIR [--hints FILE | --recipe FILE] [--format tiff16|png|png8|jpeg]
                   [--quality 1-100] [--badge] [--proof] [--c2pa | --c2pa-key FILE --c2pa-cert FILE] [--library DIR]
                   [--working-size N] [--reach 0.02-1|edges] [--vividness 0-1] [--jobs N] [--shard i/n]
                   [--reference IMAGE] [--palette FILE]
  tintype export <project id or title> [--version NAME] --out FILE [--format tiff16|png|png8|jpeg] [--proof]
                 [--c2pa | --c2pa-key FILE --c2pa-cert FILE] [--library DIR]
  --proof also writes the annotated proof sheet, NAME.proof.pdf and NAME.proof.png, beside each export
  --c2pa signs each JPEG or PNG export with Content Credentials (C2PA) using the library's key, made on
    first use (self-signed, not publicly trusted); --c2pa-key/--c2pa-cert sign with the archive's own
    PEM key and certificate (chain) instead
  --reference IMAGE suggests hints from a colour reference for every file (all accepted, each naming the
    reference's SHA-256 in its recipe and XMP); --palette FILE (a collection palette exported from the
    studio) is recorded in every recipe, and proposals within ΔE00 10 of one of its colours take it exactly`;

function readPaletteFile(file: string): CollectionPalette {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`--palette ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const parsed = parsePalette(text);
  if (!parsed.ok) throw new Error(`--palette ${file}: ${parsed.message}`);
  return parsed.palette;
}

const FORMATS: Record<string, ExportFormat> = { tiff16: 'tiff16', tiff: 'tiff16', png: 'png16', png16: 'png16', png8: 'png8', jpeg: 'jpeg', jpg: 'jpeg' };

function format(text: string | undefined): ExportFormat | null {
  if (text === undefined) return null;
  const f = FORMATS[text.toLowerCase()];
  if (!f) throw new Error(`--format must be tiff16, png, png8 or jpeg, not "${text}"`);
  return f;
}

function int(text: string | undefined, name: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** How far hints reach: a fraction of the image diagonal (1: everywhere), or 'edges' (the default). */
function reach(text: string | undefined): Reach | undefined {
  if (text === undefined) return undefined;
  const r = parseReach(text);
  if (r === null) throw new Error(`--reach must be a number from 0.02 to 1 (1: hints reach everywhere) or '${EDGE_REACH}' (up to strong edges, the default)`);
  return r;
}

/** Faithful (0) to vivid (1); only a model with a vividness control (contract 2) takes it. */
function vividness(text: string | undefined, model: Colorizer): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error('--vividness must be a number from 0 (faithful) to 1 (vivid)');
  if (model.vividnessDefault === null) throw new Error('--vividness needs a model with a vividness control (model contract 2); the installed model has none');
  return n;
}

async function colorize(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      hints: { type: 'string' },
      recipe: { type: 'string' },
      format: { type: 'string' },
      quality: { type: 'string' },
      badge: { type: 'boolean', default: false },
      proof: { type: 'boolean', default: false },
      ...C2PA_OPTIONS,
      library: { type: 'string' },
      'working-size': { type: 'string' },
      reach: { type: 'string' },
      vividness: { type: 'string' },
      jobs: { type: 'string' },
      shard: { type: 'string' },
      reference: { type: 'string' },
      palette: { type: 'string' },
    },
  });
  if (!values.out || positionals.length === 0) throw new Error('colorize needs files or folders and --out DIR');
  if (values.hints && values.recipe) throw new Error('give --hints or --recipe, not both');
  const marks = values.hints ? readHintsFile(values.hints) : NO_MARKS;
  const recipe = values.recipe ? readRecipeFile(values.recipe) : null;
  const c2pa = await signingIdentityFor(values, values.library ?? defaultLibraryDir());
  if (c2pa) console.log(`signing with Content Credentials by ${describeSigner(c2pa.info)}`);
  if (recipe && (values.reference || values.palette)) throw new Error('--reference and --palette add to --hints; a --recipe is replayed exactly');
  const palette = values.palette ? readPaletteFile(values.palette) : null;
  const model = new Colorizer(await verifyShippedModel(MODELS_DIR), 2);
  const reference = values.reference ? await readBatchReference(model, values.reference).catch((e: unknown) => {
    throw new Error(`--reference ${values.reference}: ${(e as Error).message}`);
  }) : null;
  if (reference) console.log(`reference ${reference.entry.name} (sha256 ${reference.entry.id}): its transfer's proposals join every file's hints${palette ? `, snapped to the ${palette.colors.length} colours of --palette` : ''}`);
  const abort = new AbortController();
  process.on('SIGINT', () => abort.abort());
  try {
    const summary = await runColorize(
      model,
      {
        paths: positionals,
        out: values.out,
        marks: recipe ? { ...NO_MARKS, hints: recipe.hints } : marks,
        recipe,
        format: format(values.format) ?? recipe?.output.format ?? 'tiff16',
        quality: int(values.quality, 'quality', 1, 100),
        badge: values.badge,
        proof: values.proof,
        c2pa,
        workingSide: int(values['working-size'], 'working-size', 64, 1024) ?? 256,
        reach: reach(values.reach),
        vividness: vividness(values.vividness, model),
        jobs: int(values.jobs, 'jobs', 1, 64) ?? 1,
        shard: values.shard ? parseShard(values.shard) : null,
        reference,
        palette,
      },
      abort.signal,
    );
    console.log(`\n${summary.done.length} colorized, ${summary.skipped.length} already done, ${summary.failed.length} failed${summary.interrupted ? ' (interrupted: run again to resume)' : ''}`);
    for (const f of summary.failed) console.log(`  FAILED ${f.file}: ${f.reason}`);
    return summary.interrupted ? 130 : summary.failed.length ? 1 : 0;
  } finally {
    await model.close();
  }
}

async function exportProject(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      version: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      quality: { type: 'string' },
      badge: { type: 'boolean', default: false },
      proof: { type: 'boolean', default: false },
      ...C2PA_OPTIONS,
      library: { type: 'string' },
    },
  });
  if (!values.out || positionals.length !== 1) throw new Error('export needs one project (id or title) and --out FILE');
  const libraryDir = values.library ?? defaultLibraryDir();
  const file = await runExport({
    project: positionals[0],
    version: values.version ?? null,
    out: values.out,
    format: format(values.format),
    quality: int(values.quality, 'quality', 1, 100),
    badge: values.badge,
    proof: values.proof,
    c2pa: await signingIdentityFor(values, libraryDir),
    libraryDir,
    modelsDir: MODELS_DIR,
  });
  console.log(`exported ${file}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'colorize') return await colorize(rest);
    if (command === 'export') return await exportProject(rest);
    console.error(USAGE);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  } catch (e) {
    console.error(`tintype: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
