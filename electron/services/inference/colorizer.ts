// The colorizer as the services see it: verify the model, run it on a worker thread, restart the worker
// if it dies. Requests run one at a time in arrival order.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AppFailure } from '../../../shared/errors';
import type { ColorizeInput, ColorizeOutput, FromWorker } from './messages';
import type { ModelFile } from './model-file';
import { startTsWorker } from '../ts-worker';

const INPUTS = ['l', 'hint_ab', 'hint_mask'];
const OUTPUTS = ['ab', 'ab_logits'];

const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

interface Pending {
  resolve: (out: ColorizeOutput) => void;
  reject: (e: AppFailure) => void;
}

export class Colorizer {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private opening: Promise<void> | null = null;

  constructor(
    readonly model: ModelFile,
    private readonly threads = 2,
  ) {}

  /** Starts the worker and checks the session's inputs and outputs against the contract. */
  async open(): Promise<void> {
    if (this.worker) return;
    this.opening ??= this.start().finally(() => (this.opening = null));
    return this.opening;
  }

  private start(): Promise<void> {
    const worker = startTsWorker(WORKER_FILE);
    return new Promise<void>((resolve, reject) => {
      const onFirst = (msg: FromWorker): void => {
        if (msg.kind === 'opened') {
          const names = (a: string[], b: string[]): boolean => [...a].sort().join() === [...b].sort().join();
          if (!names(msg.inputNames, INPUTS) || !names(msg.outputNames, OUTPUTS)) {
            void worker.terminate();
            reject(new AppFailure('model-invalid', `The model's inputs/outputs (${msg.inputNames} → ${msg.outputNames}) are not the contract's.`));
            return;
          }
          this.attach(worker);
          resolve();
        } else if (msg.kind === 'error') {
          void worker.terminate();
          reject(new AppFailure('model-invalid', `The model could not be loaded: ${msg.message}`));
        }
      };
      worker.once('message', onFirst);
      worker.once('error', (e) => reject(new AppFailure('inference-failed', `The inference worker failed: ${e.message}`)));
      worker.postMessage({ kind: 'open', modelPath: this.model.path, threads: this.threads });
    });
  }

  private attach(worker: Worker): void {
    this.worker = worker;
    worker.on('message', (msg: FromWorker) => {
      if (msg.kind === 'opened' || msg.id === null) return;
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!p) return;
      if (msg.kind === 'result') p.resolve({ ab: msg.ab, logits: msg.logits, millis: msg.millis });
      else p.reject(new AppFailure('inference-failed', `Colorization failed: ${msg.message}`));
    });
    worker.on('exit', () => {
      // A dead worker must not take the app with it: fail what was waiting; the next call restarts it.
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new AppFailure('inference-failed', 'The inference worker stopped.'));
      this.pending.clear();
    });
  }

  async run(input: ColorizeInput): Promise<ColorizeOutput> {
    await this.open();
    const worker = this.worker;
    if (!worker) throw new AppFailure('inference-failed', 'The inference worker is not running.');
    const id = this.nextId++;
    return new Promise<ColorizeOutput>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ kind: 'run', id, ...input });
    });
  }

  /** Let runs under way finish and release the session; terminate only if that takes too long. */
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
