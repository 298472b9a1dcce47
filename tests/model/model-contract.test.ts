// Contract 1 (models/colorizer.onnx, named explicitly) and the shipped manifest, whichever contract it
// names. Contract 2's pair is tested in contract2.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { CONTRACT, manifestFiles, readManifest, verifyModel, verifyShippedModel } from '../../electron/services/inference/model-file';
import { COLORIZER_1, contract1Model, sha256 } from '../support/models';
import { MODELS, tempDir } from '../support/paths';

const opened: Colorizer[] = [];
afterAll(async () => Promise.all(opened.map((c) => c.close())));

describe('the shipped manifest', () => {
  it('names files whose SHA-256s it and the model card record, and they verify', async () => {
    const manifest = await readManifest(MODELS);
    for (const f of manifestFiles(manifest)) {
      const sha = sha256(readFileSync(path.join(MODELS, f.file)));
      expect(sha, f.file).toBe(f.sha256);
      expect(readFileSync(path.join(MODELS, 'MODEL_CARD.md'), 'utf8'), f.file).toContain(sha);
    }
    await expect(verifyShippedModel(MODELS)).resolves.toBeTruthy();
  });

  it('refuses a manifest naming a contract Tintype does not speak', async () => {
    const dir = tempDir('manifest');
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ contract: 'tintype-colorizer/9', file: 'colorizer.onnx', sha256: '0'.repeat(64) }));
    await expect(readManifest(dir)).rejects.toMatchObject({ code: 'model-invalid', message: expect.stringContaining('tintype-colorizer/9') });
  });
});

describe('contract 1: models/colorizer.onnx', async () => {
  const model = await contract1Model();

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
    await expect(verifyModel(COLORIZER_1, '0'.repeat(64))).rejects.toMatchObject({ code: 'model-invalid' });
  });

  it('refuses a corrupt file with a clear error', async () => {
    const file = path.join(tempDir('model'), 'corrupt.onnx');
    writeFileSync(file, Buffer.from('definitely not a protobuf \x00\xff\xff\xff\xff'));
    await expect(verifyModel(file, null)).rejects.toMatchObject({ code: 'model-invalid' });
  });

  it('refuses a truncated copy of the real model', async () => {
    const bytes = readFileSync(COLORIZER_1);
    const file = path.join(tempDir('model'), 'truncated.onnx');
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    await expect(verifyModel(file, null)).rejects.toMatchObject({ code: 'model-invalid' });
  });

  it('refuses a model that declares another contract', async () => {
    const bytes = readFileSync(COLORIZER_1);
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
    const bytes = readFileSync(COLORIZER_1);
    const renamed = Buffer.from(bytes.toString('latin1').replaceAll('hint_mask', 'hint_mazk'), 'latin1');
    const file = path.join(tempDir('model'), 'renamed.onnx');
    writeFileSync(file, renamed);
    const c = new Colorizer(await verifyModel(file, null), 1);
    opened.push(c);
    await expect(c.open()).rejects.toMatchObject({ code: 'model-invalid' });
  });
});

