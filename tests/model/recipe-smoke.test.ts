// The training recipe must not rot: a few steps on a handful of images, then its ONNX export must pass
// the same checks the app applies to the shipped model.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { verifyModel } from '../../electron/services/inference/model-file';
import { contract1Model } from '../support/models';
import { ROOT, tempDir } from '../support/paths';

const PYTHON = process.env.TINTYPE_PYTHON ?? '/usr/bin/python3';
let colorizer: Colorizer | null = null;
afterAll(() => colorizer?.close());

/** The recipe's smoke mode (a few steps on a handful of images) writing its run to `dir`. */
function smokeRun(dir: string, ...args: string[]) {
  return spawnSync(PYTHON, [path.join(ROOT, 'models', 'train', 'train.py'), '--smoke', '--run', dir, ...args], { encoding: 'utf8', timeout: 300_000 });
}

describe('training recipe (smoke run)', () => {
  it('trains a few steps and exports a model that honours the contract', async () => {
    expect(existsSync(PYTHON), `${PYTHON} (Debian python3 with python3-torch)`).toBe(true);
    const dir = tempDir('recipe');
    const out = path.join(dir, 'smoke.onnx');
    const train = (...args: string[]) => smokeRun(dir, '--ema', '0.9', ...args);
    const r = train('--export', out);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    // Resumable across sessions, the weight average included.
    const resumed = train('--resume');
    expect(resumed.status, resumed.stderr.slice(-2000)).toBe(0);
    expect(resumed.stdout).toContain('resumed at step 6');
    const model = await verifyModel(out, null);
    expect(model.metadata.train_steps).toBe('6');
    colorizer = new Colorizer(model, 1);
    const n = 64 * 64;
    const result = await colorizer.run({ width: 64, height: 64, l: new Float32Array(n).fill(0.4), hintAb: new Float32Array(2 * n), mask: new Float32Array(n) });
    expect(result.ab).toHaveLength(2 * n);
  }, 620_000);

  it('continues from the shipped model, the state a fresh checkout resumes from', async () => {
    const shipped = await contract1Model();
    const dir = tempDir('recipe-init');
    const out = path.join(dir, 'continued.onnx');
    const r = smokeRun(dir, '--init-onnx', shipped.path, '--export', out);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toContain(`initialised from ${shipped.path}`);
    const continued = await verifyModel(out, null);
    expect(Number(continued.metadata.train_steps)).toBe(Number(shipped.metadata.train_steps) + 6);
  }, 320_000);
});
