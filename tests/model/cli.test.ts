// The batch CLI as an archive uses it: a folder with good, corrupt and non-image files; hints honoured
// at full resolution; resuming after an interruption; shards that split a collection exactly; and
// exporting a named version from the library, with its proof sheet.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { collectInputs, inShard, parseShard } from '../../electron/cli/batch/inputs';
import { Studio } from '../../electron/services/studio';
import { deltaE2000, hexToRgb, rgbToLab } from '../../shared/imaging/color';
import { parseRecipe } from '../../shared/model/recipe';
import { MODELS, ROOT, SAMPLES_BW, tempDir } from '../support/paths';
import { call, projectWithHints, syntheticScan } from '../support/studio-fixtures';

const CLI = path.join(ROOT, 'electron', 'cli', 'tintype.ts');
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });

const POINTS = [
  { x: 150, y: 300, color: '#3a6ea5', radius: 6 },
  { x: 420, y: 450, color: '#a5533a', radius: 6 },
];

async function labAt(file: string, x: number, y: number) {
  const { data, info } = await sharp(file, { ignoreIcc: true }).toColourspace('rgb16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
  const u = new Uint16Array(data.buffer, data.byteOffset, data.length / 2);
  const j = 3 * (y * info.width + x);
  return rgbToLab(u[j] / 65535, u[j + 1] / 65535, u[j + 2] / 65535);
}

describe('tintype colorize', () => {
  it('colorizes the good files of a mixed folder, reports the bad ones, honours hints at full resolution', async () => {
    const dir = tempDir('cli');
    const input = path.join(dir, 'in');
    mkdirSync(path.join(input, 'box2'), { recursive: true });
    writeFileSync(path.join(input, 'company-k.jpg'), await syntheticScan(900, 600));
    copyFileSync(path.join(SAMPLES_BW, 'bopb_001.png'), path.join(input, 'box2', 'bopb_001.png'));
    writeFileSync(path.join(input, 'truncated.jpg'), (await syntheticScan(400, 300)).subarray(0, 3000));
    writeFileSync(path.join(input, 'not-an-image.tif'), 'plain text');
    writeFileSync(path.join(input, 'catalogue.txt'), 'ignored');
    writeFileSync(path.join(dir, 'hints.json'), JSON.stringify(POINTS));

    const r = run(['colorize', input, '--out', path.join(dir, 'out'), '--hints', path.join(dir, 'hints.json'), '--format', 'png', '--reach', '0.5']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/2 colorized, 0 already done, 2 failed/);
    expect(r.stdout).toMatch(/FAILED truncated\.jpg: .*damaged/);
    expect(r.stdout).toMatch(/FAILED not-an-image\.tif: /);
    expect(existsSync(path.join(dir, 'out', 'box2', 'bopb_001.png'))).toBe(true);
    expect(existsSync(path.join(dir, 'out', 'box2', 'bopb_001.tintype.json'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'out', 'box2', 'bopb_001.tintype.json'), 'utf8')).reach).toBe(0.5);

    const out = path.join(dir, 'out', 'company-k.png');
    expect((await sharp(out).metadata()).width).toBe(900);
    for (const p of POINTS) {
      const [, a, b] = rgbToLab(...(hexToRgb(p.color) as [number, number, number]));
      const shown = await labAt(out, p.x, p.y);
      expect(deltaE2000([shown[0], a, b], shown), `hint ${p.color} at ${p.x},${p.y}`).toBeLessThan(10);
    }
  });

  it('resumes after an interruption without redoing finished files', async () => {
    const dir = tempDir('cli-resume');
    const input = path.join(dir, 'in');
    mkdirSync(input);
    for (let i = 0; i < 4; i++) writeFileSync(path.join(input, `scan-${i}.jpg`), await syntheticScan(1200 + 40 * i, 900));
    const out = path.join(dir, 'out');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'colorize', input, '--out', out, '--format', 'tiff16'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (/: ok/.test(err)) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    const finished = readdirSync(out).filter((f) => f.endsWith('.tif'));
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(finished.length).toBeLessThan(4);
    expect(readdirSync(out).filter((f) => f.includes('.partial'))).toEqual([]);
    const before = new Map(finished.map((f) => [f, statSync(path.join(out, f)).mtimeMs]));

    const again = run(['colorize', input, '--out', out, '--format', 'tiff16']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`${4 - finished.length} colorized, ${finished.length} already done, 0 failed`);
    for (const [f, mtime] of before) expect(statSync(path.join(out, f)).mtimeMs).toBe(mtime);
  });

  it('splits a collection into disjoint shards that cover it completely', async () => {
    const dir = tempDir('cli-shard');
    for (let i = 0; i < 40; i++) writeFileSync(path.join(dir, `plate-${String(i).padStart(3, '0')}.tif`), '');
    const all = collectInputs([dir]).map((i) => i.relative);
    const shards = [0, 1, 2].map((k) => collectInputs([dir]).filter((i) => inShard(i, parseShard(`${k}/3`))).map((i) => i.relative));
    expect(shards.flat().sort()).toEqual(all);
    expect(new Set(shards.flat()).size).toBe(all.length);
    expect(shards.every((s) => s.length > 0)).toBe(true);
    expect(() => parseShard('3/3')).toThrow(/0 <= i < n/);

    const input = path.join(dir, 'real');
    mkdirSync(input);
    for (let i = 0; i < 4; i++) writeFileSync(path.join(input, `s${i}.jpg`), await syntheticScan(320, 240));
    const outs = ['0/2', '1/2'].map((s) => {
      const out = path.join(dir, `out-${s.replace('/', 'of')}`);
      const r = run(['colorize', input, '--out', out, '--format', 'jpeg', '--shard', s]);
      expect(r.status, r.stderr).toBe(0);
      return existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.jpg')) : [];
    });
    expect(outs.flat().sort()).toEqual(['s0.jpg', 's1.jpg', 's2.jpg', 's3.jpg']);
  });
});

describe('tintype export', () => {
  it('exports a named version of a project from the library', async () => {
    const libraryDir = tempDir('cli-export');
    const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: () => {} });
    const hint = { id: 'h', x: 100, y: 100, radius: 5, a: 20, b: 30 };
    const { projectId } = await projectWithHints(studio, 'plate.jpg', await syntheticScan(640, 480), [hint]);
    const v1 = await call<{ history: { head: number } }>(studio, 'createVersion', { projectId, name: 'v1 — one hint', thumbnail: null });
    await call(studio, 'applyEdit', { projectId, base: v1.history.head, op: { kind: 'hint.remove', id: 'h' } });
    await studio.close();

    const file = path.join(libraryDir, 'delivered', 'plate-v1.tif');
    const r = run(['export', projectId, '--version', 'v1 — one hint', '--out', file, '--library', libraryDir]);
    expect(r.status, r.stderr).toBe(0);
    expect((await sharp(file).metadata()).depth).toBe('ushort');
    const recipe = parseRecipe(readFileSync(path.join(libraryDir, 'delivered', 'plate-v1.tintype.json'), 'utf8'));
    expect(recipe.ok && recipe.recipe.hints).toEqual([hint]);
    const missing = run(['export', projectId, '--version', 'v9', '--out', file, '--library', libraryDir]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/has no version "v9"/);
  });

  it('writes NAME.proof.pdf and NAME.proof.png beside the export with --proof', async () => {
    const libraryDir = tempDir('cli-proof');
    const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: () => {} });
    const { projectId } = await projectWithHints(studio, 'plate.jpg', await syntheticScan(640, 480), [{ id: 'h', x: 100, y: 100, radius: 5, a: 20, b: 30, note: 'from the label' }]);
    await studio.close();
    const file = path.join(libraryDir, 'delivered', 'plate.jpg');
    const r = run(['export', projectId, '--out', file, '--proof', '--library', libraryDir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/proof sheet .*plate\.proof\.pdf, \d+ pages/);
    const pdf = path.join(libraryDir, 'delivered', 'plate.proof.pdf');
    expect(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout).toMatch(/Pages:\s+[1-9]/);
    expect(spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout).toMatch(/^\s*1\s+point\s+#[0-9A-F]{6}.*from the label/m);
    expect((await sharp(path.join(libraryDir, 'delivered', 'plate.proof.png')).metadata()).width).toBe(893);
  });
});
