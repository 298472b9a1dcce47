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

/** One output of a contract-2 prior graph, kept and fed back to the guide by the same name. */
export interface PriorTensor {
  name: string;
  dims: number[];
  data: Float32Array;
}

/** What the prior knows about one image at one working size and lightness. */
export interface Prior {
  width: number;
  height: number;
  tensors: PriorTensor[];
  /** How long the prior took to compute (not to fetch from a cache). */
  millis: number;
}

export interface ColorizeOutput {
  /** [2,H,W] planar a* / 110 then b* / 110. */
  ab: Float32Array;
  /** [Q,H/4,W/4] when asked for. */
  logits?: Float32Array;
  /** The per-edit network's time: the colorizer (contract 1) or the guide (contract 2). */
  millis: number;
}

/** Declared shape of a graph's value: numbers for fixed dimensions, strings for symbolic ones. */
export type DeclaredShape = (number | string)[];

export interface GraphInfo {
  inputs: Record<string, DeclaredShape>;
  outputs: Record<string, DeclaredShape>;
}

export type ToWorker =
  | { kind: 'open'; modelPath: string; priorPath: string | null; threads: number }
  | ({ kind: 'run'; id: number; prior: PriorTensor[] | null; vividness: number | null } & ColorizeInput)
  | { kind: 'prior'; id: number; width: number; height: number; l: Float32Array }
  /** Finish the runs under way, release the sessions, then stop. */
  | { kind: 'close' };

export type FromWorker =
  | { kind: 'opened'; main: GraphInfo; prior: GraphInfo | null }
  | { kind: 'result'; id: number; ab: Float32Array; logits?: Float32Array; millis: number }
  | { kind: 'prior-result'; id: number; tensors: PriorTensor[]; millis: number }
  | { kind: 'error'; id: number | null; message: string }
  | { kind: 'closed'; id: null };
