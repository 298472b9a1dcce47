// Live preview: the network at the working size. Only the newest request per image is computed: a
// request that arrives while one runs replaces any waiting one, and the replaced one returns stale.
import type { ColorizeResult } from '../../shared/ipc/contract';
import { adjustAb } from '../../shared/imaging/color-adjust';
import type { Guidance } from '../../shared/model/guidance';
import { quantiseLightness } from '../../shared/imaging/compose';
import { networkInput } from '../../shared/network/network-input';
import type { Size } from '../../shared/network/working-size';
import type { Colorizer } from './inference/colorizer';
import { GuidedRun } from './inference/guided-run';

interface Waiting {
  revision: number;
  guidance: Guidance;
  resolve: (r: ColorizeResult) => void;
  reject: (e: unknown) => void;
}

export interface WorkingImage {
  size: Size;
  work: Size;
  l: Float32Array;
}

/** Quantise planar ab/110 floats to interleaved Int8 a*, b* pairs. */
export function quantiseAb(ab: Float32Array, pixels: number): Uint8Array {
  const out = new Int8Array(2 * pixels);
  for (let i = 0; i < pixels; i++) {
    out[2 * i] = Math.max(-128, Math.min(127, Math.round(ab[i] * 110)));
    out[2 * i + 1] = Math.max(-128, Math.min(127, Math.round(ab[pixels + i] * 110)));
  }
  return new Uint8Array(out.buffer);
}

export class PreviewScheduler {
  private busy = false;
  private waiting: Waiting | null = null;
  private readonly guided: GuidedRun;

  constructor(
    colorizer: () => Promise<Colorizer>,
    private readonly image: WorkingImage,
    /** The original's SHA-256, under which a contract-2 prior is cached. */
    imageId: string | null = null,
  ) {
    this.guided = new GuidedRun(colorizer, imageId);
  }

  request(revision: number, guidance: Guidance): Promise<ColorizeResult> {
    return new Promise((resolve, reject) => {
      if (this.waiting) this.waiting.resolve({ stale: true, revision: this.waiting.revision });
      this.waiting = { revision, guidance, resolve, reject };
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy || !this.waiting) return;
    const job = this.waiting;
    this.waiting = null;
    this.busy = true;
    try {
      job.resolve(await this.compute(job.revision, job.guidance));
    } catch (e) {
      job.reject(e);
    } finally {
      this.busy = false;
      void this.pump();
    }
  }

  private async compute(revision: number, guidance: Guidance): Promise<ColorizeResult> {
    const { work, size, l } = this.image;
    const input = networkInput(l, work, size, guidance);
    const out = await this.guided.run(input, guidance);
    adjustAb(out.ab, work.width * work.height, guidance.color);
    const ab = quantiseAb(out.ab, work.width * work.height);
    return { stale: false, revision, width: work.width, height: work.height, ab, l: quantiseLightness(input.l), millis: out.millis };
  }
}

