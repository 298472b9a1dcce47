// The colorizer as the services see it: verify the model, run it on a worker thread, restart the worker
// if it dies. Requests run one at a time in arrival order. Both contracts: contract 1's one graph runs
// on every edit; contract 2's prior runs once per image (kept in a PriorCache) and its guide per edit.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AppFailure } from '../../../shared/ipc/errors';
import type { ColorizeInput, ColorizeOutput, DeclaredShape, FromWorker, GraphInfo, Prior, PriorTensor } from './messages';
import { CONTRACT_2, type ModelFile, type ModelSet } from './model-file';
import { PriorCache, type PriorCacheOptions, type PriorSource } from './prior-cache';
import { startWorker } from '../start-worker';

const INPUTS = ['l', 'hint_ab', 'hint_mask'];
const OUTPUTS = ['ab', 'ab_logits'];
const PRIOR_PREFIX = 'prior_';

const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

/** What a cached prior depends on besides the prior model: the original, its restored L*, the size. */
export interface PriorKey {
  /** The original's SHA-256. */
  image: string;
  /** The L* state (tone restoration, dust repairs), as a stable string. */
  lightness: string;
}

export interface GuideOptions {
  /** The prior to use (contract 2); absent: fetched by `key`, or computed afresh without one. */
  prior?: Prior;
  key?: PriorKey | null;
  /** The guide's vividness input, 0..1; absent: the guide's vividness_default. Ignored where the model has none. */
  vividness?: number;
}

type Pending = { kind: 'run'; resolve: (out: ColorizeOutput) => void; reject: (e: AppFailure) => void } | { kind: 'prior'; resolve: (out: Prior) => void; reject: (e: AppFailure) => void; width: number; height: number };

const sameNames = (a: string[], b: string[]): boolean => [...a].sort().join() === [...b].sort().join();
const invalid = (message: string): AppFailure => new AppFailure('model-invalid', message);

/** The checks of a contract-2 pair that need the loaded graphs: names, and declared shapes that agree. */
function checkPair(prior: GraphInfo, guide: GraphInfo, priorName: string, guideName: string): string[] {
  const pIn = Object.keys(prior.inputs);
  const pOut = Object.keys(prior.outputs);
  if (!sameNames(pIn, ['l'])) throw invalid(`The prior ${priorName} takes ${pIn.join(', ') || 'nothing'}; the contract's prior takes only l.`);
  const bad = pOut.filter((n) => !n.startsWith(PRIOR_PREFIX));
  if (pOut.length === 0 || bad.length) throw invalid(`The prior ${priorName} outputs ${bad.join(', ') || 'nothing'}; every prior output must be named prior_….`);
  const gIn = Object.keys(guide.inputs);
  const gPriors = gIn.filter((n) => n.startsWith(PRIOR_PREFIX));
  const missing = pOut.filter((n) => !gPriors.includes(n));
  const extra = gPriors.filter((n) => !pOut.includes(n));
  if (missing.length || extra.length) {
    throw invalid(`The prior and guide do not belong together: ${[missing.length ? `the guide ${guideName} lacks the input${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '', extra.length ? `the prior ${priorName} lacks the output${extra.length > 1 ? 's' : ''} ${extra.join(', ')}` : ''].filter(Boolean).join('; ')}.`);
  }
  const others = gIn.filter((n) => !n.startsWith(PRIOR_PREFIX) && n !== 'vividness');
  if (!sameNames(others, INPUTS) || !sameNames(Object.keys(guide.outputs), OUTPUTS)) {
    throw invalid(`The guide's inputs/outputs (${gIn} → ${Object.keys(guide.outputs)}) are not the contract's.`);
  }
  for (const name of pOut) {
    const a = prior.outputs[name];
    const b = guide.inputs[name];
    const clash = a.length !== b.length || a.some((d, i) => typeof d === 'number' && typeof b[i] === 'number' && d !== b[i]);
    if (clash) throw invalid(`The prior and guide do not belong together: the prior's ${name} is [${show(a)}] but the guide takes [${show(b)}].`);
  }
  return pOut;
}

const show = (s: DeclaredShape): string => s.join(', ');

export class Colorizer {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private opening: Promise<void> | null = null;
  /** The file that outputs ab and ab_logits: the colorizer (contract 1) or the guide (contract 2). */
  readonly model: ModelFile;
  /** Contract 2's prior file; null under contract 1. */
  readonly priorModel: ModelFile | null;
  readonly set: ModelSet;
  private readonly priors: PriorCache;
  private hasVividness = false;

  constructor(
    model: ModelSet | ModelFile,
    private readonly threads = 2,
    cache: PriorCacheOptions = {},
  ) {
    this.set = 'contract' in model ? model : { contract: 'tintype-colorizer/1', colorizer: model };
    this.model = this.set.contract === CONTRACT_2 ? this.set.guide : this.set.colorizer;
    this.priorModel = this.set.contract === CONTRACT_2 ? this.set.prior : null;
    this.priors = new PriorCache(cache);
  }

  get contract(): ModelSet['contract'] {
    return this.set.contract;
  }

  /** The guide's default vividness, or null where the model takes none (contract 1, or a guide without it). */
  get vividnessDefault(): number | null {
    return this.set.contract === CONTRACT_2 ? this.set.vividnessDefault : null;
  }

  /** Starts the worker and checks the sessions' inputs and outputs against the contract. */
  async open(): Promise<void> {
    if (this.worker) return;
    this.opening ??= this.start().finally(() => (this.opening = null));
    return this.opening;
  }

  private start(): Promise<void> {
    const worker = startWorker(WORKER_FILE, 'inference-worker');
    return new Promise<void>((resolve, reject) => {
      const fail = (e: AppFailure): void => {
        void worker.terminate();
        reject(e);
      };
      const onFirst = (msg: FromWorker): void => {
        if (msg.kind === 'opened') {
          try {
            this.check(msg.main, msg.prior);
          } catch (e) {
            return fail(e as AppFailure);
          }
          this.attach(worker);
          // A pair that declares agreeing names may still disagree in shape: one small run proves it.
          this.probe().then(resolve, (e: unknown) => {
            this.worker = null;
            fail(e instanceof AppFailure ? invalid(`The model failed its first run at 64×64: ${e.message}`) : invalid(String(e)));
          });
        } else if (msg.kind === 'error') {
          fail(invalid(`The model could not be loaded: ${msg.message}`));
        }
      };
      worker.once('message', onFirst);
      worker.once('error', (e) => reject(new AppFailure('inference-failed', `The inference worker failed: ${e.message}`)));
      worker.postMessage({ kind: 'open', modelPath: this.model.path, priorPath: this.priorModel?.path ?? null, threads: this.threads });
    });
  }

  private check(main: GraphInfo, prior: GraphInfo | null): void {
    const inputs = Object.keys(main.inputs);
    const outputs = Object.keys(main.outputs);
    if (this.set.contract !== CONTRACT_2 || !prior || !this.priorModel) {
      if (!sameNames(inputs, INPUTS) || !sameNames(outputs, OUTPUTS)) throw invalid(`The model's inputs/outputs (${inputs} → ${outputs}) are not the contract's.`);
      return;
    }
    checkPair(prior, main, path.basename(this.priorModel.path), path.basename(this.model.path));
    this.hasVividness = inputs.includes('vividness');
    const declared = this.set.vividnessDefault !== null;
    if (this.hasVividness !== declared) {
      throw invalid(this.hasVividness ? 'The guide takes vividness but declares no vividness_default.' : 'The guide declares vividness_default but takes no vividness input.');
    }
  }

  /** A 64×64 run through every graph, checking the output shapes the contract fixes. */
  private async probe(): Promise<void> {
    const s = 64;
    const n = s * s;
    const input = { width: s, height: s, l: new Float32Array(n).fill(0.5), hintAb: new Float32Array(2 * n), mask: new Float32Array(n), wantLogits: true };
    const out = await this.guide(input, {});
    const q = this.model.abGrid.length;
    if (out.ab.length !== 2 * n) throw invalid(`ab has ${out.ab.length} values at 64×64, not ${2 * n}.`);
    if (out.logits?.length !== q * (s / 4) * (s / 4)) throw invalid(`ab_logits has ${out.logits?.length ?? 0} values at 64×64, not ${q}×16×16 for the ${q} bins of ab_grid.`);
  }

  private attach(worker: Worker): void {
    this.worker = worker;
    worker.on('message', (msg: FromWorker) => {
      if (msg.kind === 'opened' || msg.id === null) return;
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!p) return;
      if (msg.kind === 'result' && p.kind === 'run') p.resolve({ ab: msg.ab, logits: msg.logits, millis: msg.millis });
      else if (msg.kind === 'prior-result' && p.kind === 'prior') p.resolve({ width: p.width, height: p.height, tensors: msg.tensors, millis: msg.millis });
      else p.reject(new AppFailure('inference-failed', `Colorization failed: ${msg.kind === 'error' ? msg.message : 'an unexpected reply'}`));
    });
    worker.on('exit', () => {
      // A dead worker must not take the app with it: fail what was waiting; the next call restarts it.
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new AppFailure('inference-failed', 'The inference worker stopped.'));
      this.pending.clear();
    });
  }

  private async ready(): Promise<Worker> {
    if (!this.worker) await this.open();
    const worker = this.worker;
    if (!worker) throw new AppFailure('inference-failed', 'The inference worker is not running.');
    return worker;
  }

  /** Contract 2's prior for an L* at a working size, computed now (null under contract 1). */
  async computePrior(input: { width: number; height: number; l: Float32Array }): Promise<Prior | null> {
    if (!this.priorModel) return null;
    const worker = await this.ready();
    const id = this.nextId++;
    const prior = await new Promise<Prior>((resolve, reject) => {
      this.pending.set(id, { kind: 'prior', resolve, reject, width: input.width, height: input.height });
      worker.postMessage({ kind: 'prior', id, width: input.width, height: input.height, l: input.l });
    });
    this.checkPrior(prior);
    return prior;
  }

  private checkPrior(p: Prior): void {
    for (const t of p.tensors) {
      const [n, c, h, w] = t.dims;
      const ok = t.dims.length === 4 && n === 1 && c > 0 && h > 0 && w > 0 && p.height % h === 0 && p.width % w === 0 && p.height / h === p.width / w;
      if (!ok) throw invalid(`The prior's ${t.name} has shape [${t.dims}] at ${p.width}×${p.height}; the contract needs [1, C, H/k, W/k].`);
    }
  }

  /** The prior for an image, from the cache (memory, then disk) or computed; null under contract 1. */
  async priorFor(key: PriorKey | null, input: { width: number; height: number; l: Float32Array }): Promise<{ prior: Prior; source: PriorSource } | null> {
    if (!this.priorModel) return null;
    if (!key) {
      const prior = await this.computePrior(input);
      return prior && { prior, source: 'computed' };
    }
    return this.priors.get(this.cacheKey(key, input), async () => (await this.computePrior(input)) as Prior);
  }

  private cacheKey(key: PriorKey, size: { width: number; height: number }): string {
    const parts = [this.priorModel?.sha256 ?? '', key.image, key.lightness, size.width, size.height];
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  /** The per-edit network: contract 1's colorizer, or contract 2's guide on the image's prior. */
  async guide(input: ColorizeInput, o: GuideOptions): Promise<ColorizeOutput> {
    let prior: PriorTensor[] | null = null;
    if (this.priorModel) {
      const p = o.prior ?? (await this.priorFor(o.key ?? null, input))?.prior;
      if (!p || p.width !== input.width || p.height !== input.height) throw new AppFailure('inference-failed', 'The prior does not match the working size.');
      prior = p.tensors;
    }
    const v = this.vividnessDefault;
    const vividness = this.hasVividness && v !== null ? Math.min(1, Math.max(0, o.vividness ?? v)) : null;
    const worker = await this.ready();
    const id = this.nextId++;
    return new Promise<ColorizeOutput>((resolve, reject) => {
      this.pending.set(id, { kind: 'run', resolve, reject });
      worker.postMessage({ kind: 'run', id, ...input, prior, vividness });
    });
  }

  /** One run with nothing cached: under contract 2 the prior is computed for this input alone. */
  run(input: ColorizeInput): Promise<ColorizeOutput> {
    return this.guide(input, {});
  }

  /** Let runs under way finish and release the sessions; terminate only if that takes too long. */
  async close(timeoutMs = 10_000): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.postMessage({ kind: 'close' });
    const timer = setTimeout(() => void w.terminate(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
