// Model contract 2 (../shared/protocols/model-contract.md): a prior run once per image and a guide run
// per edit. Names, shapes at 64/256/1024, metadata, SHA-256s; the cached prior equals a fresh one, in
// memory and on disk; a tone change recomputes it; corrupt or mismatched pairs are refused with a clear
// error; vividness reaches the guide and round-trips through the recipe byte-identically.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { makeRecipe } from '../../electron/services/export/exporter';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { CONTRACT_2, verifyShippedModel } from '../../electron/services/inference/model-file';
import type { Prior } from '../../electron/services/inference/messages';
import { Studio } from '../../electron/services/studio';
import type { ImageInfo } from '../../shared/ipc/contract';
import { parseRecipe } from '../../shared/model/recipe';
import { C2_GUIDE, C2_PRIOR, C2_SKIP_REASON, c2Folder, COLORIZER_1, HAS_C2 } from '../support/models';
import { SAMPLES_BW, tempDir } from '../support/paths';

const opened: { close(): Promise<void> }[] = [];
afterAll(async () => Promise.all(opened.map((c) => c.close())));

const open = async (dir: string, cacheDir: string | null = null): Promise<Colorizer> => {
  const c = new Colorizer(await verifyShippedModel(dir), 2, { dir: cacheDir });
  opened.push(c);
  return c;
};

const flat = (n: number) => ({ l: new Float32Array(n).fill(0.5), hintAb: new Float32Array(2 * n), mask: new Float32Array(n) });
/** A smooth L* ramp with some structure, so priors differ between images and tones. */
function ramp(w: number, h: number, gamma = 1): Float32Array {
  const l = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) l[y * w + x] = (0.1 + 0.8 * ((x / w + 0.5 * Math.sin(y / 9)) % 1)) ** gamma;
  return l;
}
const same = (a: Prior, b: Prior): boolean => a.tensors.length === b.tensors.length && a.tensors.every((t, i) => t.name === b.tensors[i].name && t.dims.join() === b.tensors[i].dims.join() && t.data.every((v, j) => v === b.tensors[i].data[j]));

describe.skipIf(!HAS_C2)('contract 2: a prior and a guide', () => {
  it('declares the contract, roles, ab_grid and vividness_default', async () => {
    const c = await open(c2Folder());
    expect(c.contract).toBe(CONTRACT_2);
    expect(c.priorModel?.metadata).toMatchObject({ contract: CONTRACT_2, role: 'prior' });
    expect(c.model.metadata).toMatchObject({ contract: CONTRACT_2, role: 'guide' });
    for (const key of ['train_data', 'train_steps', 'created']) expect(c.model.metadata[key], key).toBeTruthy();
    expect(c.model.abGrid.length).toBeGreaterThan(100);
    expect(c.vividnessDefault).toBeGreaterThanOrEqual(0);
    expect(c.vividnessDefault).toBeLessThanOrEqual(1);
  });

  it.each([64, 256, 1024])('runs at %i px square: prior_* outputs at H/k, the guide ab and ab_logits', async (size) => {
    const c = await open(c2Folder());
    const n = size * size;
    const prior = await c.computePrior({ width: size, height: size, l: flat(n).l });
    expect(prior?.tensors.length).toBeGreaterThan(0);
    for (const t of prior?.tensors ?? []) {
      expect(t.name).toMatch(/^prior_/);
      expect(t.dims[0]).toBe(1);
      expect(size % t.dims[2]).toBe(0);
      expect(t.dims[2] * t.dims[3] * t.dims[1]).toBe(t.data.length);
    }
    const out = await c.guide({ width: size, height: size, ...flat(n), wantLogits: true }, { prior: prior ?? undefined });
    expect(out.ab.length).toBe(2 * n);
    expect(out.logits?.length).toBe(c.model.abGrid.length * (size / 4) * (size / 4));
    expect(out.ab.every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
  });

  it('keeps the prior: a cached one (memory or disk) equals a fresh one, a changed L* recomputes it', async () => {
    const cacheDir = tempDir('priors');
    const c = await open(c2Folder(), cacheDir);
    const input = { width: 128, height: 96, l: ramp(128, 96) };
    const key = { image: 'a'.repeat(64), lightness: '[null,[]]' };
    const first = await c.priorFor(key, input);
    expect(first?.source).toBe('computed');
    const started = performance.now();
    const again = await c.priorFor(key, input);
    const hitMs = performance.now() - started;
    expect(again?.source).toBe('memory');
    const fresh = await c.computePrior(input);
    expect(fresh && again && same(again.prior, fresh)).toBe(true);
    // A new session (a restart) finds it on disk.
    const restarted = await open(c2Folder(), cacheDir);
    const disk = await restarted.priorFor(key, input);
    expect(disk?.source).toBe('disk');
    expect(fresh && disk && same(disk.prior, fresh)).toBe(true);
    // Another tone (another L*) is another prior; the working size is part of the key too.
    const toned = await c.priorFor({ ...key, lightness: '[{"black":5},[]]' }, { ...input, l: ramp(128, 96, 1.6) });
    expect(toned?.source).toBe('computed');
    expect(toned && fresh && same(toned.prior, fresh)).toBe(false);
    expect((await c.priorFor(key, { width: 64, height: 64, l: ramp(64, 64) }))?.source).toBe('computed');
    console.log(`prior ${first?.prior.millis.toFixed(1)} ms at 128x96; memory hit ${hitMs.toFixed(2)} ms`);
  });

  it('opens a scan with the prior as a visible phase, then reuses it until the tones change', async () => {
    const events: string[] = [];
    const studio = new Studio({ libraryDir: tempDir('c2-studio'), modelsDir: c2Folder(), emit: (e) => events.push(e.title) });
    opened.push(studio);
    const imported = await dispatch(studio.handlers, 'importImage', { name: 'scan.png', bytes: readFileSync(path.join(SAMPLES_BW, 'deoldify_003.png')) });
    const image = (imported as { value: ImageInfo }).value;
    const guidance = { hints: [], strokes: [], regions: [] };
    const prepare = async (g: object, jobId: string) => (await dispatch(studio.handlers, 'prepareImage', { imageId: image.id, guidance: g, jobId })) as { ok: true; value: { prior: string; millis: number } };
    const opening = await prepare(guidance, 'open-1');
    expect(opening.value.prior).toBe('computed');
    expect(events).toContain('Analysing the scan');
    const reopened = await prepare(guidance, 'open-2');
    expect(reopened.value.prior).toBe('memory');
    const preview = await dispatch(studio.handlers, 'colorize', { imageId: image.id, revision: 1, guidance: { ...guidance, hints: [{ id: 'h', x: 40, y: 50, radius: 4, a: 30, b: 20 }] } });
    expect(preview.ok).toBe(true);
    const toned = await prepare({ ...guidance, tone: { black: 10, white: 90, gamma: 1.2, contrast: 0 } }, 'open-3');
    expect(toned.value.prior).toBe('computed');
    console.log(`open: prior ${opening.value.millis.toFixed(0)} ms, cached ${reopened.value.millis.toFixed(1)} ms`);
  });

  it('feeds vividness to the guide: unhinted colour moves with it', async () => {
    const c = await open(c2Folder());
    const input = { width: 64, height: 64, l: ramp(64, 64), hintAb: new Float32Array(2 * 64 * 64), mask: new Float32Array(64 * 64) };
    const prior = (await c.computePrior(input)) as Prior;
    const faithful = await c.guide(input, { prior, vividness: 0 });
    const vivid = await c.guide(input, { prior, vividness: 1 });
    const byDefault = await c.guide(input, { prior });
    const atDefault = await c.guide(input, { prior, vividness: c.vividnessDefault ?? 0 });
    expect(byDefault.ab).toEqual(atDefault.ab);
    expect(faithful.ab.some((v, i) => Math.abs(v - vivid.ab[i]) > 1e-6)).toBe(true);
  });

  it('records vividness and its default in the recipe, which round-trips byte-identically', async () => {
    const c = await open(c2Folder());
    const original = { bytes: new Uint8Array(), name: 'scan.png', sha256: 'b'.repeat(64), width: 640, height: 480 };
    for (const vividness of [undefined, 0, 0.25, 0.5, 0.8, 1]) {
      const recipe = makeRecipe(c, original, { guidance: { hints: [], strokes: [], regions: [], vividness }, work: { width: 256, height: 192 }, output: { format: 'png16', badge: false }, notes: [], history: [] });
      expect(recipe.vividness).toEqual({ value: vividness ?? c.vividnessDefault, default: c.vividnessDefault });
      expect(recipe.model.prior?.sha256).toBe(c.priorModel?.sha256);
      const text = `${JSON.stringify(recipe, null, 2)}\n`;
      const parsed = parseRecipe(text);
      if (!parsed.ok) throw new Error(parsed.message);
      expect(`${JSON.stringify(parsed.recipe, null, 2)}\n`).toBe(text);
    }
  });
});

describe.skipIf(!HAS_C2)('corrupt or mismatched prior/guide pairs are refused', () => {
  const prior = (): Buffer => readFileSync(C2_PRIOR);
  const guide = (): Buffer => readFileSync(C2_GUIDE);
  const swap = (bytes: Buffer, a: string, b: string): Buffer => {
    if (a.length !== b.length) throw new Error('same-length names only');
    const text = bytes.toString('latin1').replaceAll(a, '\u0000SWAP\u0000').replaceAll(b, a).replaceAll('\u0000SWAP\u0000', b);
    return Buffer.from(text, 'latin1');
  };
  const refuse = async (dir: string, message: RegExp) => {
    const c = new Colorizer(await verifyShippedModel(dir), 1);
    opened.push(c);
    await expect(c.open()).rejects.toMatchObject({ code: 'model-invalid', message: expect.stringMatching(message) });
  };

  it('a file that does not match its SHA-256', async () => {
    const dir = c2Folder({ manifest: (m) => ({ ...m, guide: { file: 'guide.onnx', sha256: '0'.repeat(64) } }) });
    await expect(verifyShippedModel(dir)).rejects.toMatchObject({ code: 'model-invalid', message: expect.stringContaining('guide.onnx does not match its recorded SHA-256') });
  });

  it('prior and guide swapped (wrong role)', async () => {
    const dir = c2Folder({ manifest: (m) => ({ ...m, prior: (m as { guide: unknown }).guide, guide: (m as { prior: unknown }).prior }) });
    await expect(verifyShippedModel(dir)).rejects.toMatchObject({ code: 'model-invalid', message: expect.stringContaining('role "guide"') });
  });

  it('a contract-1 file as the guide', async () => {
    const dir = c2Folder({ guide: readFileSync(COLORIZER_1) });
    await expect(verifyShippedModel(dir)).rejects.toMatchObject({ code: 'model-invalid', message: expect.stringContaining('tintype-colorizer/1') });
  });

  it('a truncated guide', async () => {
    const g = guide();
    await expect(verifyShippedModel(c2Folder({ guide: g.subarray(0, g.length >> 1) }))).rejects.toMatchObject({ code: 'model-invalid' });
  });

  it('a guide that lacks one of the prior_* inputs', async () => {
    await refuse(c2Folder({ guide: swap(guide(), 'prior_feat16', 'prior_featXX') }), /lacks the input prior_feat16/);
  });

  it('a prior whose outputs do not have the shapes the guide takes', async () => {
    // prior_vivid [N,2,…] and prior_feat4 [N,64,…] trade names: same names, wrong shapes.
    await refuse(c2Folder({ prior: swap(prior(), 'prior_vivid', 'prior_feat4') }), /prior_(vivid|feat4) is \[.*\] but the guide takes/);
  });
});

if (!HAS_C2) describe('contract 2', () => it.skip(C2_SKIP_REASON, () => {}));
