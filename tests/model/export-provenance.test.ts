// What an export tells another archive: exiftool reads every provenance field back from TIFF, PNG and
// JPEG; and the sidecar recipe, replayed on the same original in a fresh library, gives the same pixels.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { Studio } from '../../electron/services/studio';
import type { ExportResult, ImageInfo, Results } from '../../shared/ipc/contract';
import { rgbToLab } from '../../shared/imaging/color';
import { RECIPE_VERSION } from '../../shared/model/recipe';
import { IPTC_KEYWORDS, iptcScan } from '../support/iptc-scan';
import { MODELS, tempDir } from '../support/paths';
import { call, projectWithHints, syntheticScan } from '../support/studio-fixtures';

// The file the recipe's model entry names: contract 1's colorizer, or contract 2's per-edit guide.
const MANIFEST = JSON.parse(readFileSync(path.join(MODELS, 'manifest.json'), 'utf8')) as { sha256?: string; guide?: { sha256: string } };
const MODEL_SHA = MANIFEST.guide?.sha256 ?? MANIFEST.sha256 ?? "";
const hints = [
  { id: 'coat', x: 200, y: 300, radius: 12, a: 8, b: -40, note: 'Union blue' },
  { id: 'sky', x: 700, y: 80, radius: 20, a: -10, b: -25 },
];

const studios: Studio[] = [];
function newStudio(): { studio: Studio; dir: string } {
  const dir = tempDir('provenance');
  const studio = new Studio({ libraryDir: dir, modelsDir: MODELS, emit: () => {} });
  studios.push(studio);
  return { studio, dir };
}
afterAll(async () => {
  for (const s of studios) await s.close();
});

function exiftool(file: string): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-a', '-G1', file], { encoding: 'utf8' });
  return (JSON.parse(out) as Record<string, unknown>[])[0];
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** Decoded 16-bit samples, the sRGB tag taken at its word (libvips' 16-bit ICC transform is not an identity). */
async function samples(file: string): Promise<Buffer> {
  return sharp(file, { ignoreIcc: true }).toColourspace('rgb16').raw({ depth: 'ushort' }).toBuffer();
}

describe('export provenance', () => {
  const { studio, dir } = newStudio();
  let projectId = '';
  let image: ImageInfo;

  it.each(['tiff16', 'png16', 'jpeg'])('%s carries every XMP field, readable by exiftool', async (format) => {
    if (!projectId) {
      ({ image, projectId } = await projectWithHints(studio, 'company-k.jpg', await syntheticScan(900, 600), hints));
      await call(studio, 'updateProject', { projectId, meta: { title: 'Company K, 1863', collection: 'Regimental', accession: 'RP-44', photographer: '', date: 'c. 1863', source: 'glass plate', rights: '', tags: ['civil war'] } });
      await call(studio, 'addNote', { projectId, target: { kind: 'project' }, text: 'Coat colour from the quartermaster ledger', author: 'A. Archivist', source: 'Ledger 12, p. 4' });
    }
    const out = await call<ExportResult>(studio, 'exportImage', { projectId, format, badge: true, jobId: `x-${format}` });
    const tags = exiftool(path.join(dir, 'exports', out.fileName));
    expect(String(tags['XMP-dc:Source'])).toContain(image.id);
    expect(tags['XMP-xmpMM:DerivedFromDocumentID']).toBe(`sha256:${image.id}`);
    expect(tags['XMP-xmpMM:DerivedFromFilePath']).toBe('company-k.jpg');
    expect(list(tags['XMP-xmpMM:HistoryAction'])).toEqual(['created', 'edited', 'derived']);
    expect(list(tags['XMP-xmpMM:HistorySoftwareAgent'])[0]).toContain(MODEL_SHA.slice(0, 12));
    expect(list(tags['XMP-xmpMM:HistoryParameters'])[1]).toContain('Union blue');
    expect(String(tags['XMP-iptcExt:DigitalSourceType'])).toMatch(/compositeWithTrainedAlgorithmicMedia$/);
    expect(tags['XMP-tintype:ModelSHA256']).toBe(MODEL_SHA);
    expect(tags['XMP-tintype:HintCount']).toBe(2);
    expect([tags['XMP-tintype:StrokeCount'], tags['XMP-tintype:RegionCount'], tags['XMP-tintype:HintReach']]).toEqual([0, 0, 'Up to strong edges']); // the default reach
    expect(tags['XMP-tintype:ColorizedBadge']).toBe(true);
    expect(tags['XMP-tintype:ProvenanceNotesText']).toBe('Coat colour from the quartermaster ledger');
    expect(tags['XMP-tintype:ProvenanceNotesSource']).toBe('Ledger 12, p. 4');
    expect(tags['XMP-dc:Title']).toBe('Company K, 1863');
    expect(tags['XMP-dc:Creator']).toBe('Mathew B. Brady'); // from the original's EXIF
    expect(tags['XMP-dc:Rights']).toBe('Public domain');
    expect(String(tags['ICC_Profile:ProfileDescription'])).toMatch(/sRGB/);
    if (format !== 'tiff16') expect(tags['IFD0:Artist']).toBe('Mathew B. Brady');
  });

  it.each(['tiff16', 'png16', 'jpeg'])('%s keeps the original\'s IPTC caption fields in IPTC Core XMP', async (format) => {
    const harvest = await projectWithHints(studio, 'harvest.jpg', await iptcScan(), []);
    await call(studio, 'updateProject', { projectId: harvest.projectId, meta: { title: 'Harvest of Death', collection: '', accession: '', photographer: '', date: '', source: '', rights: '', tags: ['Civil War'] } });
    const out = await call<ExportResult>(studio, 'exportImage', { projectId: harvest.projectId, format, badge: false, jobId: `iptc-${format}` });
    const tags = exiftool(path.join(dir, 'exports', out.fileName));
    expect(tags['XMP-dc:Creator']).toBe('Timothy H. O’Sullivan');
    expect(tags['XMP-dc:Description']).toBe('A harvest of death, Gettysburg');
    expect(tags['XMP-dc:Rights']).toBe('No known restrictions');
    expect(list(tags['XMP-dc:Subject'])).toEqual(['Civil War', ...IPTC_KEYWORDS]);
    expect(String(tags['XMP-photoshop:DateCreated'])).toMatch(/^1863:07:05/);
    expect([tags['XMP-photoshop:City'], tags['XMP-photoshop:Country'], tags['XMP-photoshop:Credit']]).toEqual(['Gettysburg', 'United States', 'Library of Congress']);
    expect(tags['XMP-photoshop:Source']).toBe('Glass negative LC-B8184-7964-A');
  });

  it('reproduces the export exactly from its sidecar recipe and the original, in a fresh library', async () => {
    const before = await call<Results['openProject']>(studio, 'openProject', { projectId });
    await call(studio, 'applyEdit', { projectId, base: before.history.head, op: { kind: 'reach.set', reach: 0.25 } });
    const out = await call<ExportResult>(studio, 'exportImage', { projectId, format: 'png16', badge: false, jobId: 'first' });
    const recipe = readFileSync(path.join(dir, 'exports', out.sidecarName), 'utf8');
    const original = readFileSync(path.join(dir, 'originals', image.id));

    const fresh = newStudio();
    const imported = await call<ImageInfo>(fresh.studio, 'importImage', { name: 'company-k.jpg', bytes: original });
    const replay = await call<Results['importRecipe']>(fresh.studio, 'importRecipe', { imageId: imported.id, recipe });
    expect(replay.warnings).toEqual([]);
    expect(replay.state.guidance.hints).toEqual(hints);
    expect(replay.state.guidance.reach).toBe(0.25);
    expect(replay.state.project.meta.title).toBe('Company K, 1863');
    const again = await call<ExportResult>(fresh.studio, 'exportImage', { projectId: replay.state.project.id, format: 'png16', badge: false, jobId: 'again' });

    const a = await samples(path.join(dir, 'exports', out.fileName));
    const b = await samples(path.join(fresh.dir, 'exports', again.fileName));
    expect(b.length).toBe(900 * 600 * 3 * 2);
    expect(b.equals(a)).toBe(true);
  });

  it('applies colour controls in the export and carries them and the palette in the recipe', async () => {
    const state = await call<Results['openProject']>(studio, 'openProject', { projectId });
    const gray = { saturation: 0, vibrance: 0, warmth: 0 };
    const head = (await call<{ head: number }>(studio, 'applyEdit', { projectId, base: state.history.head, op: { kind: 'color.set', color: gray } })).head;
    await call(studio, 'applyEdit', { projectId, base: head, op: { kind: 'palette.add', color: { id: 'c1', name: 'Union blue', a: 5, b: -35, note: 'ledger' } } });
    const out = await call<ExportResult>(studio, 'exportImage', { projectId, format: 'png16', badge: false, jobId: 'gray' });
    const px = await samples(path.join(dir, 'exports', out.fileName));
    const u = new Uint16Array(px.buffer, px.byteOffset, px.length / 2);
    let spread = 0;
    for (let i = 0; i < u.length; i += 3 * 97) spread = Math.max(spread, Math.abs(u[i] - u[i + 1]), Math.abs(u[i + 1] - u[i + 2]));
    expect(spread, 'largest R/G/B spread at saturation 0 (16-bit levels)').toBeLessThan(200);
    const recipe = JSON.parse(readFileSync(path.join(dir, 'exports', out.sidecarName), 'utf8')) as { color: unknown; palette: { name: string }[] };
    expect(recipe.color).toEqual(gray);
    expect(recipe.palette.map((c) => c.name)).toEqual(['Union blue']);
  });

  it('exports the restored tones: a faded scan stretched by its levels, recorded in the recipe', async () => {
    const faded = Buffer.alloc(400 * 300);
    for (let i = 0; i < faded.length; i++) faded[i] = 80 + Math.round(((i % 400) / 399) * 80); // gray 80..160
    const scan = await sharp(faded, { raw: { width: 400, height: 300, channels: 1 } }).png().toBuffer();
    const fadedProject = await projectWithHints(studio, 'faded.png', scan, []);
    const state = await call<Results['openProject']>(studio, 'openProject', { projectId: fadedProject.projectId });
    const tone = { black: 34, white: 67, gamma: 1, contrast: 0 }; // about L* of gray 80 and 160
    await call(studio, 'applyEdit', { projectId: fadedProject.projectId, base: state.history.head, op: { kind: 'tone.set', tone } });
    const out = await call<ExportResult>(studio, 'exportImage', { projectId: fadedProject.projectId, format: 'png8', badge: false, jobId: 'tone' });
    const { data, info } = await sharp(path.join(dir, 'exports', out.fileName), { ignoreIcc: true }).raw().toBuffer({ resolveWithObject: true });
    const lOf = (x: number) => {
      const j = info.channels * (150 * info.width + x);
      return rgbToLab(data[j] / 255, data[j + 1] / 255, data[j + 2] / 255)[0];
    };
    expect(lOf(2), 'the darkest column becomes near black').toBeLessThan(6);
    expect(lOf(397), 'the lightest column becomes near white').toBeGreaterThan(94);
    const recipe = JSON.parse(readFileSync(path.join(dir, 'exports', out.sidecarName), 'utf8')) as { tone: unknown };
    expect(recipe.tone).toEqual(tone);
  });

  it('repairs dust under a dust stroke at full resolution and leaves the rest of the scan as it was', async () => {
    const gray = Buffer.alloc(600 * 400, 110);
    for (let y = 195; y < 205; y++) for (let x = 290; x < 310; x++) gray[y * 600 + x] = 250; // a white speck
    gray[50 * 600 + 50] = 250; // a speck nobody painted over
    const scan = await sharp(gray, { raw: { width: 600, height: 400, channels: 1 } }).png().toBuffer();
    const dusty = await projectWithHints(studio, 'dusty.png', scan, []);
    const state = await call<Results['openProject']>(studio, 'openProject', { projectId: dusty.projectId });
    const stroke = { id: 'd1', points: [{ x: 285, y: 200 }, { x: 315, y: 200 }], width: 24, a: 0, b: 0, purpose: 'dust' };
    await call(studio, 'applyEdit', { projectId: dusty.projectId, base: state.history.head, op: { kind: 'stroke.add', stroke } });
    const out = await call<ExportResult>(studio, 'exportImage', { projectId: dusty.projectId, format: 'png8', badge: false, jobId: 'dust' });
    const { data, info } = await sharp(path.join(dir, 'exports', out.fileName), { ignoreIcc: true }).raw().toBuffer({ resolveWithObject: true });
    const lAt = (x: number, y: number) => {
      const j = info.channels * (y * info.width + x);
      return rgbToLab(data[j] / 255, data[j + 1] / 255, data[j + 2] / 255)[0];
    };
    const background = lAt(100, 300);
    expect(Math.abs(lAt(300, 200) - background), 'the speck under the stroke is gone').toBeLessThan(1.5);
    expect(lAt(50, 50) - background, 'the other speck is still there').toBeGreaterThan(30);
  });

  it('refuses a recipe made for another original, and a file that is not a recipe', async () => {
    const other = await projectWithHints(studio, 'other.jpg', await syntheticScan(300, 200), []);
    const out = await call<ExportResult>(studio, 'exportImage', { projectId, format: 'png8', badge: false, jobId: 'r' });
    const recipe = readFileSync(path.join(dir, 'exports', out.sidecarName), 'utf8');
    const wrong = await dispatch(studio.handlers, 'importRecipe', { imageId: other.image.id, recipe });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('recipe-mismatch');
    const junk = await dispatch(studio.handlers, 'importRecipe', { imageId: other.image.id, recipe: '{"format":"tintype.recipe","version":1}' });
    expect(junk.ok ? 'ok' : junk.error.code).toBe('invalid-payload');
    const newer = await dispatch(studio.handlers, 'importRecipe', { imageId: other.image.id, recipe: `{"format":"tintype.recipe","version":${RECIPE_VERSION + 1}}` });
    expect(newer.ok ? '' : newer.error.message).toMatch(/newer Tintype/);
  });
});
