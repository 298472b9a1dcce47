// The inference thread: the cached onnxruntime sessions (contract 1's colorizer, or contract 2's guide
// and prior). run() blocks whichever thread calls it, so it lives here, off the services' event loop.
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { FromWorker, GraphInfo, PriorTensor, ToWorker } from './messages';
import { sessionOptions } from './session-options';

let session: ort.InferenceSession | null = null;
let prior: ort.InferenceSession | null = null;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

const create = (file: string, threads: number): Promise<ort.InferenceSession> => ort.InferenceSession.create(file, sessionOptions(threads));

function describe(s: ort.InferenceSession): GraphInfo {
  const shapes = (values: readonly ort.InferenceSession.ValueMetadata[]) => Object.fromEntries(values.map((v) => [v.name, v.isTensor ? [...v.shape] : []]));
  return { inputs: shapes(s.inputMetadata), outputs: shapes(s.outputMetadata) };
}

async function open(msg: Extract<ToWorker, { kind: 'open' }>): Promise<void> {
  session = await create(msg.modelPath, msg.threads);
  prior = msg.priorPath ? await create(msg.priorPath, msg.threads) : null;
  post({ kind: 'opened', main: describe(session), prior: prior ? describe(prior) : null });
}

async function runPrior(msg: Extract<ToWorker, { kind: 'prior' }>): Promise<void> {
  if (!prior) throw new Error('no prior is open');
  const started = performance.now();
  const out = await prior.run({ l: new ort.Tensor('float32', msg.l, [1, 1, msg.height, msg.width]) });
  const tensors: PriorTensor[] = prior.outputNames.map((name) => ({ name, dims: [...out[name].dims], data: new Float32Array(out[name].data as Float32Array) }));
  post({ kind: 'prior-result', id: msg.id, tensors, millis: performance.now() - started }, tensors.map((t) => t.data.buffer as ArrayBuffer));
}

async function run(msg: Extract<ToWorker, { kind: 'run' }>): Promise<void> {
  if (!session) throw new Error('no model is open');
  const { width: w, height: h } = msg;
  const started = performance.now();
  const feeds: Record<string, ort.Tensor> = {
    l: new ort.Tensor('float32', msg.l, [1, 1, h, w]),
    hint_ab: new ort.Tensor('float32', msg.hintAb, [1, 2, h, w]),
    hint_mask: new ort.Tensor('float32', msg.mask, [1, 1, h, w]),
  };
  for (const t of msg.prior ?? []) feeds[t.name] = new ort.Tensor('float32', t.data, t.dims);
  if (msg.vividness !== null) feeds.vividness = new ort.Tensor('float32', new Float32Array([msg.vividness]), [1]);
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
  await prior?.release();
  session = null;
  prior = null;
  post({ kind: 'closed', id: null });
  parentPort?.close();
}

parentPort?.on('message', (msg: ToWorker) => {
  if (msg.kind === 'close') return void close();
  const job = msg.kind === 'open' ? open(msg) : msg.kind === 'prior' ? runPrior(msg) : run(msg);
  running.add(job);
  job
    .catch((e: unknown) => post({ kind: 'error', id: msg.kind === 'open' ? null : msg.id, message: (e as Error).message ?? String(e) }))
    .finally(() => running.delete(job));
});
