// Messages between the colorizer client and its inference worker thread.

export interface ColorizeInput {
  width: number;
  height: number;
  /** [1,1,H,W] L* / 100. */
  l: Float32Array;
  /** [1,2,H,W] a* / 110, b* / 110 at hinted pixels. */
  hintAb: Float32Array;
  /** [1,1,H,W]. */
  mask: Float32Array;
  wantLogits?: boolean;
}

export interface ColorizeOutput {
  /** [2,H,W] planar a* / 110 then b* / 110. */
  ab: Float32Array;
  /** [Q,H/4,W/4] when asked for. */
  logits?: Float32Array;
  millis: number;
}

export type ToWorker =
  | { kind: 'open'; modelPath: string; threads: number }
  | ({ kind: 'run'; id: number } & ColorizeInput)
  /** Finish the runs under way, release the session, then stop. */
  | { kind: 'close' };

export type FromWorker =
  | { kind: 'opened'; inputNames: string[]; outputNames: string[] }
  | { kind: 'result'; id: number; ab: Float32Array; logits?: Float32Array; millis: number }
  | { kind: 'error'; id: number | null; message: string }
  | { kind: 'closed'; id: null };
