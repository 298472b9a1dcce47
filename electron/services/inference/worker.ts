// The inference thread: one cached onnxruntime session. run() blocks whichever thread calls it, so it
// lives here, off the services' event loop.
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { FromWorker, ToWorker } from './messages';

let session: ort.InferenceSession | null = null;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function open(modelPath: string, threads: number): Promise<void> {
  session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  post({ kind: 'opened', inputNames: [...session.inputNames], outputNames: [...session.outputNames] });
}

async function run(msg: Extract<ToWorker, { kind: 'run' }>): Promise<void> {
  if (!session) throw new Error('no model is open');
  const { width: w, height: h } = msg;
  const started = performance.now();
  const feeds = {
    l: new ort.Tensor('float32', msg.l, [1, 1, h, w]),
    hint_ab: new ort.Tensor('float32', msg.hintAb, [1, 2, h, w]),
    hint_mask: new ort.Tensor('float32', msg.mask, [1, 1, h, w]),
  };
  const out = await session.run(feeds, msg.wantLogits ? ['ab', 'ab_logits'] : ['ab']);
  const ab = new Float32Array(out.ab.data as Float32Array);
  const logits = msg.wantLogits ? new Float32Array(out.ab_logits.data as Float32Array) : undefined;
  const millis = performance.now() - started;
  post({ kind: 'result', id: msg.id, ab, logits, millis }, logits ? [ab.buffer, logits.buffer] : [ab.buffer]);
}

const running = new Set<Promise<void>>();

/** Ending the thread while onnxruntime is mid-run aborts the whole process, so close waits for runs. */
async function close(): Promise<void> {
  await Promise.allSettled([...running]);
  await session?.release();
  session = null;
  post({ kind: 'closed', id: null });
  parentPort?.close();
}

parentPort?.on('message', (msg: ToWorker) => {
  if (msg.kind === 'close') return void close();
  const job = msg.kind === 'open' ? open(msg.modelPath, msg.threads) : run(msg);
  running.add(job);
  job
    .catch((e: unknown) => post({ kind: 'error', id: msg.kind === 'run' ? msg.id : null, message: (e as Error).message ?? String(e) }))
    .finally(() => running.delete(job));
});
