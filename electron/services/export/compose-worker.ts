// A compose worker: fills its share of rows of a shared output buffer, band by band, reporting progress
// and stopping between bands when the shared cancel flag is set.
import { parentPort } from 'node:worker_threads';
import type { ToneAdjust } from '../../../shared/imaging/tone';
import { composeRows, planCompose, type AbField, type LightSource } from '../../../shared/imaging/compose';
import type { RegionMask } from '../../../shared/imaging/region-mask';

export interface ComposeTask {
  field: AbField;
  /** Its arrays live in SharedArrayBuffers. */
  source: LightSource;
  tone?: ToneAdjust;
  /** The regions' masks, coverage in SharedArrayBuffers. */
  masks: RegionMask[];
  out: Uint16Array;
  width: number;
  height: number;
  y0: number;
  y1: number;
  /** Shared flag: non-zero means stop. */
  cancel: Int32Array;
}

export type ComposeReply = { kind: 'rows'; rows: number } | { kind: 'done'; cancelled: boolean } | { kind: 'failed'; message: string };

const BAND = 64;

parentPort?.on('message', (t: ComposeTask) => {
  try {
    const plan = planCompose(t.field, t.width, t.height, t.tone, t.masks);
    for (let y = t.y0; y < t.y1; y += BAND) {
      if (Atomics.load(t.cancel, 0)) return parentPort?.postMessage({ kind: 'done', cancelled: true } satisfies ComposeReply);
      const end = Math.min(t.y1, y + BAND);
      composeRows(plan, t.source, y, end, { kind: 'rgb16', data: t.out });
      parentPort?.postMessage({ kind: 'rows', rows: end - y } satisfies ComposeReply);
    }
    parentPort?.postMessage({ kind: 'done', cancelled: false } satisfies ComposeReply);
  } catch (e) {
    parentPort?.postMessage({ kind: 'failed', message: (e as Error).message } satisfies ComposeReply);
  }
});
