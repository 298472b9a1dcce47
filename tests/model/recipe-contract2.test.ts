// Contract 2's recipe must not rot either: pack a few photos, train the prior a few steps (and resume it),
// train the guide on that frozen prior from the shipped contract-1 weights, export the pair, and run the
// exported graphs in onnxruntime-node the way the app does (prior once, its prior_* outputs into the guide);
// then prune that guide to the light architecture and fine-tune it with the first as its teacher.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { readOnnxMetadata } from '../../electron/services/inference/onnx-metadata';
import { ROOT, tempDir } from '../support/paths';

const PYTHON = process.env.TINTYPE_PYTHON ?? '/usr/bin/python3';
const TRAIN = path.join(ROOT, 'models', 'train');

function py(script: string, ...args: string[]) {
  const r = spawnSync(PYTHON, [path.join(TRAIN, script), ...args], { encoding: 'utf8', timeout: 400_000 });
  expect(r.status, `${script}: ${r.stderr.slice(-2000)}`).toBe(0);
  return r.stdout;
}

describe('contract-2 recipe (smoke run)', () => {
  it('packs, trains and resumes the prior, trains the guide on it, and exports a working pair', async () => {
    expect(existsSync(PYTHON), `${PYTHON} (Debian python3 with python3-torch)`).toBe(true);
    const dir = tempDir('recipe2');
    const pack = path.join(dir, 'pack.npz');
    expect(py('pack.py', pack, '--limit', '8', '--side', '128')).toContain('8 images');
    const priorRun = path.join(dir, 'prior');
    // The shipped prior's form: with the frozen MobileNetV2 features (read from nsfwjs, fetched with npm pack).
    expect(py('train_prior.py', '--smoke', '--frozen', '--pack', pack, '--run', priorRun)).toMatch(/val step 4 N=0 \d/);
    // The checkpoint carries the optimiser and step (CPU tensors), so a run moves between machines.
    expect(py('train_prior.py', '--smoke', '--frozen', '--pack', pack, '--run', priorRun, '--resume')).toContain('resumed at step 4');
    const out = path.join(dir, 'pair');
    const guide = py('train.py', '--smoke', '--pack', pack, '--prior', priorRun, '--run', path.join(dir, 'guide'),
      '--init-onnx', path.join(ROOT, 'models', 'colorizer.onnx'), '--export', out);
    expect(guide).toContain('exported');

    const opts = { intraOpNumThreads: 1 };
    const prior = await ort.InferenceSession.create(readFileSync(path.join(out, 'prior.onnx')), opts);
    const guideSession = await ort.InferenceSession.create(readFileSync(path.join(out, 'guide.onnx')), opts);
    expect(prior.inputNames).toEqual(['l']);
    expect(prior.outputNames.length).toBeGreaterThan(0);
    expect(prior.outputNames.every((n) => n.startsWith('prior_'))).toBe(true);
    expect(guideSession.inputNames).toEqual(['l', 'hint_ab', 'hint_mask', ...prior.outputNames, 'vividness']);
    expect(guideSession.outputNames).toEqual(['ab', 'ab_logits']);

    const s = 64;
    const l = new ort.Tensor('float32', new Float32Array(s * s).map((_, i) => (i % s) / s), [1, 1, s, s]);
    const feats = await prior.run({ l });
    const mask = new Float32Array(s * s);
    const hint = new Float32Array(2 * s * s);
    mask[20 * s + 20] = 1;
    hint[20 * s + 20] = 0.4;
    const run = async (v: number) => (await guideSession.run({
      l, hint_ab: new ort.Tensor('float32', hint, [1, 2, s, s]), hint_mask: new ort.Tensor('float32', mask, [1, 1, s, s]),
      ...feats, vividness: new ort.Tensor('float32', new Float32Array([v]), [1]),
    })).ab.data as Float32Array;
    const [faithful, vivid] = [await run(0), await run(1)];
    expect(faithful).toHaveLength(2 * s * s);
    expect(faithful.every(Number.isFinite)).toBe(true);
    // Vividness never touches a hinted pixel.
    expect(vivid[20 * s + 20]).toBe(faithful[20 * s + 20]);

    // The light guide's way: pruned from that guide, then fine-tuned with it as the teacher; the file
    // says which network it holds, so --init-onnx (a fresh checkout) rebuilds the same one.
    const pruned = path.join(dir, 'pruned.onnx');
    expect(py('prune.py', '--guide', path.join(out, 'guide.onnx'), '--prior', path.join(out, 'prior.onnx'),
      '--pack', pack, '--images', '8', '--batches', '1', '--out', pruned)).toContain('kept residual blocks');
    const lightOut = path.join(dir, 'light');
    const light = py('train.py', '--smoke', '--pack', pack, '--prior', path.join(out, 'prior.onnx'), '--run',
      path.join(dir, 'light-run'), '--init-onnx', pruned, '--teacher', path.join(out, 'guide.onnx'), '--export', lightOut);
    expect(light).toContain('distilling from');
    expect(light).toContain('exported');
    const bytes = (f: string) => new Uint8Array(readFileSync(f));
    expect(readOnnxMetadata(bytes(pruned)).guide_arch).toBe('light');
    expect(readOnnxMetadata(bytes(path.join(lightOut, 'guide.onnx'))).guide_arch).toBe('light');
    expect(readOnnxMetadata(bytes(path.join(out, 'guide.onnx'))).guide_arch).toBe('base');
    const lightSession = await ort.InferenceSession.create(readFileSync(path.join(lightOut, 'guide.onnx')), opts);
    expect(lightSession.inputNames).toEqual(guideSession.inputNames);
    const lightAb = (await lightSession.run({
      l, hint_ab: new ort.Tensor('float32', hint, [1, 2, s, s]), hint_mask: new ort.Tensor('float32', mask, [1, 1, s, s]),
      ...feats, vividness: new ort.Tensor('float32', new Float32Array([0.5]), [1]),
    })).ab.data as Float32Array;
    expect(lightAb).toHaveLength(2 * s * s);
    expect(lightAb.every(Number.isFinite)).toBe(true);
    // Fewer weights than the guide it came from.
    expect(statSync(path.join(lightOut, 'guide.onnx')).size).toBeLessThan(0.6 * statSync(path.join(out, 'guide.onnx')).size);
  }, 900_000);
});
