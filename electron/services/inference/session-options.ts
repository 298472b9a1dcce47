// The onnxruntime session options of every graph the app runs (and of the bench that times them).
//
// Intra-op threads do not spin between runs (`allow_spinning` 0). With spinning, a session's pool keeps
// its threads busy-waiting for a while after each run; on a 2-core machine that steals the cores from
// whatever runs next: the other graph (prior ↔ guide), the compose worker, the UI. Measured here
// (256², 2 threads, the guide and prior alternating with the siggraph17-shape anchor, 10 rounds):
// spinning, guide 55.9 ms and prior 48.3 ms; not spinning, 33.8 and 25.9 ms. The guide alone, with
// nothing else running, is ~4 ms slower without spinning (37.5 against 33.2 ms), which the next step
// after it (compositing) more than wins back.
import type { InferenceSession } from 'onnxruntime-node';

export function sessionOptions(threads: number): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}
