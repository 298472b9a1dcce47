// Colour from a reference, measured (issue 21): each target photo (shown to the network as a gray scan)
// gets as its reference a *different* photo of similar content, found by nearest neighbour on the
// statistics of the gray images only (L* histogram, texture, edge orientations, a coarse layout): the
// target's colour truth is never looked at to choose it, and the reference is never the target. Then:
// PSNR at N = 0 with the transfer's proposals accepted as hints, against the network alone and gray,
// and the colour error (ΔE00) of the proposals against the truth at their pixels.
import path from 'node:path';
import { deltaE2000 } from '../../../shared/imaging/color';
import { networkInput } from '../../../shared/network/network-input';
import { psnr } from '../../../shared/eval/metrics';
import type { Colorizer } from '../inference/colorizer';
import { Jobs } from '../jobs';
import { referencePrior, transferHints } from '../reference-transfer';
import { recombine } from './evaluate';
import type { TransferOptions } from '../../../shared/network/reference-transfer';
import { loadProtocolImage, PROTOCOL_SIZE, type ProtocolImage } from './protocol-image';

/** A gray image's content statistics, from its L* alone. */
export function grayDescriptor(image: ProtocolImage, size = PROTOCOL_SIZE): Float32Array {
  const L = image.lightness;
  const out: number[] = [];
  const hist = new Array<number>(16).fill(0);
  for (const v of L) hist[Math.min(15, Math.floor(v / 6.25))] += 1 / L.length;
  out.push(...hist.map((v) => 2 * Math.sqrt(v)));
  // Gradient magnitude histogram and orientation histogram (edges: architecture, foliage, sky…).
  const mag = new Array<number>(8).fill(0);
  const ori = new Array<number>(8).fill(0);
  let n = 0;
  for (let y = 1; y < size - 1; y += 2) {
    for (let x = 1; x < size - 1; x += 2) {
      const gx = L[y * size + x + 1] - L[y * size + x - 1];
      const gy = L[(y + 1) * size + x] - L[(y - 1) * size + x];
      const m = Math.hypot(gx, gy);
      mag[Math.min(7, Math.floor(Math.log2(1 + m)))] += 1;
      if (m > 4) ori[Math.floor(((Math.atan2(gy, gx) + Math.PI) / (2 * Math.PI)) * 8) % 8] += m;
      n++;
    }
  }
  const oriTotal = ori.reduce((t, v) => t + v, 0) || 1;
  out.push(...mag.map((v) => 2 * Math.sqrt(v / n)), ...ori.map((v) => 2 * Math.sqrt(v / oriTotal)));
  // Layout: mean L* on a 4x4 grid.
  const cell = size / 4;
  for (let gy = 0; gy < 4; gy++) {
    for (let gx = 0; gx < 4; gx++) {
      let s = 0;
      for (let y = gy * cell; y < (gy + 1) * cell; y += 4) for (let x = gx * cell; x < (gx + 1) * cell; x += 4) s += L[y * size + x];
      out.push(s / ((cell / 4) * (cell / 4)) / 100);
    }
  }
  return Float32Array.from(out);
}

const distance = (p: Float32Array, q: Float32Array): number => {
  let d = 0;
  for (let i = 0; i < p.length; i++) d += (p[i] - q[i]) ** 2;
  return d;
};

export interface ReferenceEvalCase {
  target: string;
  reference: string;
  proposals: number;
  psnrGray: number;
  psnrNetwork: number;
  psnrTransfer: number;
  millis: number;
}

export interface ReferenceEvalReport {
  images: number;
  pool: number;
  psnr: { gray: number; network: number; transfer: number };
  /** Per image, transfer − network alone. */
  gainMedian: number;
  improved: number;
  proposals: { mean: number; deltaE00Median: number; deltaE00P90: number; networkDeltaE00Median: number; confidentDeltaE00Median: number; confidentShare: number };
  transferMs: { median: number; p95: number };
  cases: ReferenceEvalCase[];
}

const median = (v: number[]): number => (v.length ? [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] : NaN);
const percentile = (v: number[], p: number): number => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * p))];

export interface ReferencePair {
  target: string;
  reference: string;
}

/** Each target with its nearest gray-content neighbour among the pool and the other targets (never itself). */
export async function pairByContent(targets: string[], pool: string[], onImage?: (i: number, phase: string) => void): Promise<{ pairs: ReferencePair[]; pool: number }> {
  const candidates = [...new Set([...pool, ...targets])];
  const descriptors = new Map<string, Float32Array>();
  for (const [i, f] of candidates.entries()) {
    descriptors.set(f, grayDescriptor(await loadProtocolImage(f)));
    if (i % 100 === 0) onImage?.(i, 'describing the pool');
  }
  const pairs = targets.map((target) => {
    const dt = descriptors.get(target) as Float32Array;
    let reference = '';
    let best = Infinity;
    for (const c of candidates) {
      if (c === target || path.basename(c) === path.basename(target)) continue;
      const d = distance(dt, descriptors.get(c) as Float32Array);
      if (d < best) [best, reference] = [d, c];
    }
    return { target, reference };
  });
  return { pairs, pool: candidates.length - 1 };
}

/** `targets` each with its nearest gray-content neighbour among `pool` (never itself) as reference. */
export async function referenceEval(model: Colorizer, targets: string[], pool: string[], onImage?: (i: number, phase: string) => void, transfer: TransferOptions = {}): Promise<ReferenceEvalReport> {
  const paired = await pairByContent(targets, pool, onImage);
  return { ...(await evaluatePairs(model, paired.pairs, onImage, transfer)), pool: paired.pool };
}

/** The measures of ReferenceEvalReport over given (target, reference) pairs. */
export async function evaluatePairs(model: Colorizer, pairs: ReferencePair[], onImage?: (i: number, phase: string) => void, transfer: TransferOptions = {}): Promise<Omit<ReferenceEvalReport, 'pool'>> {
  const size = { width: PROTOCOL_SIZE, height: PROTOCOL_SIZE };
  const cases: ReferenceEvalCase[] = [];
  const dE: number[] = [];
  const dENet: number[] = [];
  const dEConfident: number[] = [];
  const times: number[] = [];
  for (const [index, { target, reference }] of pairs.entries()) {
    const image = await loadProtocolImage(target);
    const ref = await loadProtocolImage(reference);
    const prior = await model.computePrior({ ...size, l: image.l });
    const run = async (hints: Parameters<typeof networkInput>[3]['hints']) => {
      const input = networkInput(image.l, size, size, { hints, strokes: [], regions: [] });
      return (await model.guide(input, { prior: prior ?? undefined })).ab;
    };
    const auto = await run([]);
    const refInput = { id: '0'.repeat(64), lab: { l: ref.lightness, a: ref.ab.subarray(0, size.width * size.height), b: ref.ab.subarray(size.width * size.height) }, work: size, size };
    // Timed as the studio runs it: the reference's prior, then the matching (the scan's prior is cached).
    const started = performance.now();
    const refPrior = await referencePrior(model, refInput);
    const { hints } = await transferHints(model, { l: image.l, work: size, size, priorKey: null }, { ...refInput, prior: refPrior }, Jobs.detached(), transfer);
    times.push(performance.now() - started);
    const guided = await run(hints);
    const n = size.width * size.height;
    for (const h of hints) {
      const i = Math.floor(h.y) * size.width + Math.floor(h.x);
      const truth = [image.lightness[i], image.ab[i], image.ab[n + i]] as const;
      const e = deltaE2000(truth, [truth[0], h.a, h.b]);
      dE.push(e);
      dENet.push(deltaE2000(truth, [truth[0], auto[i] * 110, auto[n + i] * 110]));
      if ((h.source?.confidence ?? 0) >= 0.6) dEConfident.push(e);
    }
    const c: ReferenceEvalCase = {
      target: path.basename(target),
      reference: path.basename(reference),
      proposals: hints.length,
      psnrGray: psnr(recombine(image, null), image.rgb),
      psnrNetwork: psnr(recombine(image, auto), image.rgb),
      psnrTransfer: psnr(recombine(image, guided), image.rgb),
      millis: times[times.length - 1],
    };
    cases.push(c);
    onImage?.(index, 'transfer');
  }
  const mean = (f: (c: ReferenceEvalCase) => number): number => cases.reduce((t, c) => t + f(c), 0) / cases.length;
  const gains = cases.map((c) => c.psnrTransfer - c.psnrNetwork);
  return {
    images: cases.length,
    psnr: { gray: mean((c) => c.psnrGray), network: mean((c) => c.psnrNetwork), transfer: mean((c) => c.psnrTransfer) },
    gainMedian: median(gains),
    improved: gains.filter((g) => g > 0).length,
    proposals: {
      mean: mean((c) => c.proposals),
      deltaE00Median: median(dE),
      deltaE00P90: percentile(dE, 0.9),
      networkDeltaE00Median: median(dENet),
      confidentDeltaE00Median: median(dEConfident),
      confidentShare: dEConfident.length / Math.max(1, dE.length),
    },
    transferMs: { median: median(times), p95: percentile(times, 0.95) },
    cases,
  };
}
