// Full-resolution colour: the network's a*b* (at the working size) upsampled to the original's size
// guided by the original's own L* (joint bilateral upsampling, Kopf et al. 2007), so colour stops at
// edges instead of bleeding across them, then recombined with that L* as 16-bit sRGB (the row composer
// of shared/imaging/compose.ts, which the preview runs at the display size). Large images are
// split across worker threads (one per core); the pixels are identical either way.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AppFailure } from '../../../shared/ipc/errors';
import { samplesLightness, type Samples } from '../../../shared/imaging/lightness';
import type { ToneAdjust } from '../../../shared/imaging/tone';
import { composeRows, lightnessRows, planCompose, type AbField, type LightSource } from '../../../shared/imaging/compose';
import { paintKeep, type LightnessRows, type RegionMask } from '../../../shared/imaging/region-mask';
import { fullSamples, originalRgb16 } from '../images/decode';
import type { Job } from '../jobs';
import { startWorker } from '../start-worker';
import type { ComposeReply, ComposeTask } from './compose-worker';

export type { AbField } from '../../../shared/imaging/compose';

export interface Pixels16 {
  width: number;
  height: number;
  /** Interleaved 16-bit sRGB. */
  rgb: Uint16Array;
}

/** Below this many pixels, starting workers costs more than it saves. */
const PARALLEL_FROM = 4_000_000;
const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'compose-worker.ts');

let pool: Worker[] = [];

function workers(): Worker[] {
  const want = Math.max(1, Math.min(4, os.availableParallelism()));
  while (pool.length < want) {
    const w = startWorker(WORKER_FILE, 'compose-worker');
    w.unref(); // an idle pool never keeps the process alive
    w.on('error', () => (pool = pool.filter((x) => x !== w)));
    w.on('exit', () => (pool = pool.filter((x) => x !== w)));
    pool.push(w);
  }
  return pool.slice(0, want);
}

/** Start the compose workers ahead of the first large export (each takes about a second to boot),
 * after `delayMs` so they do not compete with opening the first scan. */
export function warmComposeWorkers(delayMs = 0): void {
  if (os.availableParallelism() <= 1) return;
  if (delayMs <= 0) return void workers();
  setTimeout(() => void workers(), delayMs).unref();
}

/** A copy of `source` in SharedArrayBuffers, so every worker reads the same memory. */
function sharedSource(source: LightSource): LightSource {
  if (source.kind === 'plane') {
    const l = new Float32Array(new SharedArrayBuffer(source.l.byteLength));
    l.set(source.l);
    return { kind: 'plane', l };
  }
  const d = source.samples.data;
  const data = d instanceof Uint16Array ? new Uint16Array(new SharedArrayBuffer(d.byteLength)) : new Uint8Array(new SharedArrayBuffer(d.byteLength));
  data.set(d);
  return { kind: 'samples', samples: { ...source.samples, data } };
}

interface Rendering {
  field: AbField;
  source: LightSource;
  tone?: ToneAdjust;
  width: number;
  height: number;
  /** The regions' masks at this size: coloured ones are laid over a*b* row by row. */
  masks: readonly RegionMask[];
}

/** The masks with their coverage in SharedArrayBuffers, so the workers read one copy. */
const sharedMasks = (masks: readonly RegionMask[]): RegionMask[] =>
  masks.map((m) => {
    const alpha = new Float32Array(new SharedArrayBuffer(m.alpha.byteLength));
    alpha.set(m.alpha);
    return { ...m, alpha };
  });

async function composeParallel(r: Rendering, job: Job): Promise<Uint16Array> {
  const source = sharedSource(r.source);
  const out = new Uint16Array(new SharedArrayBuffer(r.width * r.height * 3 * 2));
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const stop = (): void => void Atomics.store(cancel, 0, 1);
  job.signal.addEventListener('abort', stop);
  const masks = sharedMasks(r.masks);
  const ws = workers();
  let rows = 0;
  try {
    await Promise.all(
      ws.map((w, k) => {
        const task: ComposeTask = { field: r.field, source, tone: r.tone, masks, out, width: r.width, height: r.height, y0: Math.floor((k * r.height) / ws.length), y1: Math.floor(((k + 1) * r.height) / ws.length), cancel };
        return new Promise<void>((resolve, reject) => {
          const onMessage = (m: ComposeReply): void => {
            if (m.kind === 'rows') {
              rows += m.rows;
              job.progress(0.1 + (0.8 * rows) / r.height, 'Colorizing at full resolution');
              return;
            }
            w.off('message', onMessage);
            if (m.kind === 'failed') reject(new AppFailure('internal', `Composing failed: ${m.message}`));
            else resolve();
          };
          w.on('message', onMessage);
          w.postMessage(task);
        });
      }),
    );
  } finally {
    job.signal.removeEventListener('abort', stop);
  }
  job.check();
  return out;
}

const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

async function composeHere(r: Rendering, job: Job): Promise<Uint16Array> {
  const out = new Uint16Array(r.width * r.height * 3);
  const band = Math.max(1, Math.floor(500_000 / r.width));
  const plan = planCompose(r.field, r.width, r.height, r.tone, r.masks);
  for (let y = 0; y < r.height; y += band) {
    composeRows(plan, r.source, y, Math.min(r.height, y + band), { kind: 'rgb16', data: out });
    job.progress(0.1 + (0.8 * y) / r.height, 'Colorizing at full resolution');
    await yieldToLoop();
    job.check();
  }
  return out;
}

/** How the original's L* is restored before colour: spatial repairs that need the whole plane (null
 * when there are none), then a per-pixel tone curve. */
export interface LightnessRestoration {
  spatial: ((l: Float32Array, size: { width: number; height: number }) => void) | null;
  tone?: ToneAdjust;
}

/** Where L* comes from: the samples themselves, unless spatial repairs must see the whole plane first. */
function lightSource(s: Samples, restore?: LightnessRestoration): LightSource {
  if (!restore?.spatial) return { kind: 'samples', samples: s };
  const l = samplesLightness(s);
  restore.spatial(l, s);
  return { kind: 'plane', l };
}

export interface ComposeOptions {
  /** Fit the result inside this long side instead of the original's size. */
  longSide?: number;
  /** The regions' soft masks at the output size (shared/imaging/region-mask.ts), given its L* rows. */
  regions?: (size: { width: number; height: number }, lightness: LightnessRows) => RegionMask[];
  restore?: LightnessRestoration;
  /** The original already being decoded (`fullSamples` with the same `longSide`), so decoding can
   * overlap the network's run. */
  samples?: Promise<Samples>;
}

/** The colorized original at full size (or fitted inside `longSide`), progress from 0.1 to 0.9. */
export async function composeColor(original: Uint8Array, field: AbField, job: Job, o: ComposeOptions = {}): Promise<Pixels16> {
  const { longSide, regions, restore } = o;
  job.progress(0.05, 'Reading the original');
  const samples = await (o.samples ?? fullSamples(original, longSide));
  const { width, height } = samples;
  const source = lightSource(samples, restore);
  const masks = regions?.({ width, height }, lightnessRows(source, width, restore?.tone)) ?? [];
  const rendering: Rendering = { field, source, tone: restore?.tone, width, height, masks };
  job.check();
  const compose = width * height >= PARALLEL_FROM && os.availableParallelism() > 1 ? composeParallel : composeHere;
  const px = { width, height, rgb: await compose(rendering, job) };
  await paintKeep(masks, { data: px.rgb, channels: 3, left: 0, top: 0, width }, async (m) => {
    const own = await originalRgb16(original, { left: m.left, top: m.top, width: m.width, height: m.height }, longSide);
    return { data: own, channels: 3, left: m.left, top: m.top, width: m.width };
  });
  return px;
}
