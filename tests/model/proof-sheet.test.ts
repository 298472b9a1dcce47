// The annotated proof sheet (issue 18, item 3), read back with poppler: its pages, its fonts embedded,
// every numbered object of the hint map in the legend with its colour and notes, the catalog, history,
// model SHA-256 and DigitalSourceType statement in its text, and its first page rendered to PNG.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestFiles, readManifest } from '../../electron/services/inference/model-file';
import { Studio } from '../../electron/services/studio';
import type { ExportResult, Results } from '../../shared/ipc/contract';
import { MODELS, tempDir } from '../support/paths';
import { call, projectWithHints, syntheticScan } from '../support/studio-fixtures';

// Every file the manifest names (contract 1's colorizer, or contract 2's prior and guide).
const MODEL_SHAS = manifestFiles(await readManifest(MODELS)).map((f) => f.sha256);
const dir = tempDir('proof');
const studio = new Studio({ libraryDir: dir, modelsDir: MODELS, emit: () => {} });
afterAll(() => studio.close());

const poppler = (tool: string, ...args: string[]): string => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

describe('proof sheet', () => {
  let projectId = '';
  let out: ExportResult;
  const longNote = `The coat's blue follows the quartermaster's ledger. ${'Issued kersey, sky blue, per regulation of 1861. '.repeat(300)}END`;

  beforeAll(async () => {
    const hints = [
      { id: 'coat', x: 200, y: 300, radius: 12, a: 8, b: -40, note: 'Union blue' },
      { id: 'sky', x: 700, y: 80, radius: 20, a: -10, b: -25 },
      { id: 'face', x: 420, y: 200, radius: 6, a: 14, b: 18 },
    ];
    ({ projectId } = await projectWithHints(studio, 'company-k.jpg', await syntheticScan(900, 600), hints));
    let head = (await call<Results['openProject']>(studio, 'openProject', { projectId })).history.head;
    const edit = async (op: unknown) => (head = (await call<{ head: number }>(studio, 'applyEdit', { projectId, base: head, op })).head);
    await edit({ kind: 'stroke.add', stroke: { id: 'sash', points: [{ x: 100, y: 500 }, { x: 300, y: 450 }, { x: 500, y: 520 }], width: 14, a: 45, b: 30, note: 'crimson sash' } });
    await edit({ kind: 'region.add', region: { id: 'flag', polygon: [{ x: 560, y: 150 }, { x: 760, y: 140 }, { x: 780, y: 330 }, { x: 570, y: 340 }], a: 50, b: 20, keep: false, note: 'regimental colour' } });
    await edit({ kind: 'region.add', region: { id: 'plate', polygon: [{ x: 20, y: 20 }, { x: 120, y: 20 }, { x: 120, y: 90 }], a: 0, b: 0, keep: true } });
    await call(studio, 'createVersion', { projectId, name: 'First pass', thumbnail: null });
    await call(studio, 'updateProject', { projectId, meta: { title: 'Company K, 1863', collection: 'Regimental', accession: 'RP-44', photographer: 'M. Brady studio', date: 'c. 1863', source: 'glass plate', rights: 'Public domain', tags: ['civil war'] } });
    await call(studio, 'addNote', { projectId, target: { kind: 'project' }, text: longNote, author: 'A. Archivist', source: 'Ledger 12, p. 4' });
    await call(studio, 'addNote', { projectId, target: { kind: 'hint', id: 'sky' }, text: 'Sky from the weather diary', author: 'B. Curator', source: 'Diary, 3 July' });
    const started = performance.now();
    out = await call<ExportResult>(studio, 'exportImage', { projectId, format: 'jpeg', badge: true, proof: true, jobId: 'proof' });
    console.log(`export with proof sheet: ${Math.round(performance.now() - started)} ms`);
  });

  it('writes NAME.proof.pdf and NAME.proof.png beside the export', () => {
    const stem = path.parse(out.fileName).name;
    expect(out.proof).toEqual({ pdfName: `${stem}.proof.pdf`, pngName: `${stem}.proof.png`, pages: expect.any(Number) });
    for (const name of [out.fileName, out.sidecarName, `${stem}.proof.pdf`, `${stem}.proof.png`]) expect(existsSync(path.join(dir, 'exports', name))).toBe(true);
    expect(readdirSync(path.join(dir, 'exports')).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('has its pages and every font embedded', () => {
    const pdf = path.join(dir, 'exports', out.proof?.pdfName ?? '');
    const info = poppler('pdfinfo', pdf);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(out.proof?.pages);
    expect(out.proof?.pages).toBeGreaterThanOrEqual(2);
    expect(info).toMatch(/Title:\s+Proof sheet: Company K, 1863/);
    const fonts = poppler('pdffonts', pdf).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) expect(f).toMatch(/^DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes\s/); // embedded (pdf-lib subsets without the tag prefix)
    console.log(`proof sheet: ${out.proof?.pages} pages, ${readFileSync(pdf).length} bytes PDF; fonts:\n${fonts.join('\n')}`);
  });

  it('says everything the export says: legend, catalog, notes, history, model and source type', () => {
    const pdf = path.join(dir, 'exports', out.proof?.pdfName ?? '');
    const text = poppler('pdftotext', '-layout', pdf, '-');
    const recipe = JSON.parse(readFileSync(path.join(dir, 'exports', out.sidecarName), 'utf8')) as { history: { description: string }[]; hints: unknown[]; strokes: unknown[]; regions: unknown[] };
    const objects = recipe.hints.length + recipe.strokes.length + recipe.regions.length;
    expect(objects).toBe(6);
    const kinds = ['point', 'point', 'point', 'stroke', 'region', 'region \\(keep original\\)'];
    const ids = ['coat', 'sky', 'face', 'sash', 'flag', 'plate'];
    for (let n = 1; n <= objects; n++) {
      expect(text, `legend row ${n}`).toMatch(new RegExp(`^\\s*${n}\\s+${kinds[n - 1]}(\\s|$)`, 'm'));
      expect(text).toContain(ids[n - 1]);
    }
    expect(text).toMatch(/#[0-9A-F]{6}/);
    for (const s of ['Union blue', 'Sky from the weather diary', 'Diary, 3 July', 'crimson sash', 'regimental colour', 'original tones', 'END', 'Ledger 12, p. 4']) expect(text).toContain(s);
    for (const s of ['Company K, 1863', 'Regimental', 'RP-44', 'M. Brady studio', 'glass plate', 'Public domain', 'civil war']) expect(text).toContain(s);
    for (const e of recipe.history) expect(text).toContain(e.description.slice(0, 30));
    expect(text).toContain('First pass');
    for (const sha of MODEL_SHAS) expect(text).toContain(sha);
    expect(text).toContain('compositeWithTrainedAlgorithmicMedia');
    expect(text).toMatch(/trained neural network/);
  });

  it('renders: its first page through pdftoppm, and the PNG sheet at 1.5 pixels a point', async () => {
    const pdf = path.join(dir, 'exports', out.proof?.pdfName ?? '');
    const prefix = path.join(dir, 'page');
    poppler('pdftoppm', '-r', '60', '-png', '-f', '1', '-l', '1', pdf, prefix);
    const page = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(page).toBeDefined();
    const stats = await sharp(path.join(dir, page ?? '')).stats();
    expect(stats.channels[0].stdev, 'the rendered page is not blank').toBeGreaterThan(20);
    const png = await sharp(path.join(dir, 'exports', out.proof?.pngName ?? '')).metadata();
    expect(png.width).toBe(893);
    expect(png.height).toBeGreaterThan(1263 * (out.proof?.pages ?? 1));
    if (process.env.TINTYPE_PROOF_COPY) execFileSync('cp', [pdf, path.join(dir, 'exports', out.proof?.pngName ?? ''), path.join(dir, page ?? ''), process.env.TINTYPE_PROOF_COPY]);
  });
});
