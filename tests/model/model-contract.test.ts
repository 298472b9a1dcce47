import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { CONTRACT, readManifest, verifyModel, verifyShippedModel } from '../../electron/services/inference/model-file';
import { MODELS, tempDir } from '../support/paths';

const opened: Colorizer[] = [];
afterAll(async () => Promise.all(opened.map((c) => c.close())));

describe('the shipped model', async () => {
  const model = await verifyShippedModel(MODELS);

  it('is the file the manifest and the model card name', async () => {
    const manifest = await readManifest(MODELS);
    const sha = createHash('sha256').update(readFileSync(path.join(MODELS, manifest.file))).digest('hex');
    expect(sha).toBe(manifest.sha256);
    expect(readFileSync(path.join(MODELS, 'MODEL_CARD.md'), 'utf8')).toContain(sha);
  });

  it('declares the contract and its metadata', () => {
    expect(model.metadata.contract).toBe(CONTRACT);
    for (const key of ['ab_grid', 'train_data', 'train_steps', 'created']) expect(model.metadata[key], key).toBeTruthy();
    expect(model.abGrid.length).toBeGreaterThan(100);
  });

  it.each([64, 256, 1024])('runs at %i px square with the contract shapes', async (size) => {
    const c = new Colorizer(model, 2);
    opened.push(c);
    const n = size * size;
    const out = await c.run({ width: size, height: size, l: new Float32Array(n).fill(0.5), hintAb: new Float32Array(2 * n), mask: new Float32Array(n), wantLogits: true });
    expect(out.ab.length).toBe(2 * n);
    expect(out.logits?.length).toBe(model.abGrid.length * (size / 4) * (size / 4));
    expect(out.ab.every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
  });
});

describe('bad model files', () => {
  it('refuses a file whose hash does not match', async () => {
    const manifest = await readManifest(MODELS);
    await expect(verifyModel(path.join(MODELS, manifest.file), '0'.repeat(64))).rejects.toMatchObject({ code: 'model-invalid' });
  });

  it('refuses a corrupt file with a clear error', async () => {
    const file = path.join(tempDir('model'), 'corrupt.onnx');
    writeFileSync(file, Buffer.from('definitely not a protobuf \x00\xff\xff\xff\xff'));
    await expect(verifyModel(file, null)).rejects.toMatchObject({ code: 'model-invalid' });
  });

  it('refuses a truncated copy of the real model', async () => {
    const manifest = await readManifest(MODELS);
    const bytes = readFileSync(path.join(MODELS, manifest.file));
    const file = path.join(tempDir('model'), 'truncated.onnx');
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    await expect(verifyModel(file, null)).rejects.toMatchObject({ code: 'model-invalid' });
  });

  it('refuses a model that declares another contract', async () => {
    const manifest = await readManifest(MODELS);
    const bytes = readFileSync(path.join(MODELS, manifest.file));
    // Same length, different contract name: the metadata value is rewritten in place.
    const i = bytes.indexOf(Buffer.from(CONTRACT));
    expect(i).toBeGreaterThan(0);
    const other = Buffer.from(bytes);
    other.write('tintype-colorizer/9', i);
    const file = path.join(tempDir('model'), 'other.onnx');
    writeFileSync(file, other);
    await expect(verifyModel(file, null)).rejects.toMatchObject({ code: 'model-invalid', message: expect.stringContaining('tintype-colorizer/9') });
  });

  it('refuses a valid ONNX file that is not a colorizer', async () => {
    // A copy of the real model with a wrong input name keeps the contract metadata but not the interface.
    const manifest = await readManifest(MODELS);
    const bytes = readFileSync(path.join(MODELS, manifest.file));
    const renamed = Buffer.from(bytes.toString('latin1').replaceAll('hint_mask', 'hint_mazk'), 'latin1');
    const file = path.join(tempDir('model'), 'renamed.onnx');
    writeFileSync(file, renamed);
    const c = new Colorizer(await verifyModel(file, null), 1);
    opened.push(c);
    await expect(c.open()).rejects.toMatchObject({ code: 'model-invalid' });
  });
});

