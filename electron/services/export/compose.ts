// Full-resolution colour: the network's a*b* (at the working size) upsampled to the original's size
// guided by the original's own L* (joint bilateral upsampling, Kopf et al. 2007), so colour stops at
// edges instead of bleeding across them, then recombined with that L* as 16-bit sRGB. Large images are
// split across worker threads (one per core); the pixels are identical either way.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AppFailure } from '../../../shared/errors';
import { fullLightness, originalRgb16 } from '../images/decode';
import type { Job } from '../jobs';
import { startTsWorker } from '../ts-worker';
import { composeRows, type AbField } from './compose-rows';
import type { ComposeReply, ComposeTask } from './compose-worker';

export type { AbField } from './compose-rows';

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
    const w = startTsWorker(WORKER_FILE);
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

function shared<T extends Float32Array | Uint16Array>(make: (b: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(bytes));
}

async function composeParallel(field: AbField, l: Float32Array, width: number, height: number, job: Job): Promise<Uint16Array> {
  const lShared = shared((b) => new Float32Array(b), l.byteLength);
  lShared.set(l);
  const out = shared((b) => new Uint16Array(b), width * height * 3 * 2);
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const stop = (): void => void Atomics.store(cancel, 0, 1);
  job.signal.addEventListener('abort', stop);
  const ws = workers();
  let rows = 0;
  try {
    await Promise.all(
      ws.map((w, k) => {
        const task: ComposeTask = { field, l: lShared, out, width, height, y0: Math.floor((k * height) / ws.length), y1: Math.floor(((k + 1) * height) / ws.length), cancel };
        return new Promise<void>((resolve, reject) => {
          const onMessage = (m: ComposeReply): void => {
            if (m.kind === 'rows') {
              rows += m.rows;
              job.progress(0.1 + (0.8 * rows) / height, 'Colorizing at full resolution');
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

async function composeHere(field: AbField, l: Float32Array, width: number, height: number, job: Job): Promise<Uint16Array> {
  const out = new Uint16Array(width * height * 3);
  const band = Math.max(1, Math.floor(500_000 / width));
  for (let y = 0; y < height; y += band) {
    composeRows(field, l, width, height, y, Math.min(height, y + band), out);
    job.progress(0.1 + (0.8 * y) / height, 'Colorizing at full resolution');
    await yieldToLoop();
    job.check();
  }
  return out;
}

/** Where a keep-original mask is set, put the scan's own pixels back, exactly. */
async function keepOriginal(original: Uint8Array, px: Pixels16, mask: Uint8Array, longSide?: number): Promise<void> {
  let left = px.width;
  let top = px.height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < px.height; y++) {
    for (let x = 0; x < px.width; x++) {
      if (!mask[y * px.width + x]) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return;
  const area = { left, top, width: right - left + 1, height: bottom - top + 1 };
  const own = await originalRgb16(original, area, longSide);
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      if (!mask[y * px.width + x]) continue;
      const s = 3 * ((y - top) * area.width + (x - left));
      const d = 3 * (y * px.width + x);
      px.rgb[d] = own[s];
      px.rgb[d + 1] = own[s + 1];
      px.rgb[d + 2] = own[s + 2];
    }
  }
}

/** The colorized original at full size (or fitted inside `longSide`), progress from 0.1 to 0.9.
 * `keep(size)` gives the keep-original mask at the output size, if there is one. */
export async function composeColor(
  original: Uint8Array,
  field: AbField,
  job: Job,
  longSide?: number,
  keep?: (size: { width: number; height: number }) => Uint8Array | null,
  restore?: (l: Float32Array, size: { width: number; height: number }) => void,
): Promise<Pixels16> {
  job.progress(0.05, 'Reading the original');
  const { width, height, l } = await fullLightness(original, longSide);
  restore?.(l, { width, height });
  job.check();
  const compose = width * height >= PARALLEL_FROM && os.availableParallelism() > 1 ? composeParallel : composeHere;
  const px = { width, height, rgb: await compose(field, l, width, height, job) };
  const mask = keep?.({ width, height }) ?? null;
  if (mask) await keepOriginal(original, px, mask, longSide);
  return px;
}
