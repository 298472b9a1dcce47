// The evaluation protocol (../shared/protocols/hint-eval.md) run through the app's own inference code.
import { labToRgb } from '../../../shared/imaging/color';
import { HINT_COUNTS, protocolHints, protocolStrokes } from '../../../shared/eval/eval-protocol';
import { applyReach, DEFAULT_REACH, limitsReach, ReachField } from '../../../shared/imaging/hint-reach';
import type { Reach } from '../../../shared/model/guidance-schema';
import { colorfulness, psnr } from '../../../shared/eval/metrics';
import type { Colorizer } from '../inference/colorizer';
import { loadProtocolImage, PROTOCOL_SIZE, type ProtocolImage } from './protocol-image';

/** The original's own L* with predicted a*b* (planar, / 110), as 8-bit sRGB. */
export function recombine(image: ProtocolImage, ab: Float32Array | null): Uint8Array {
  const n = image.lightness.length;
  const out = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const rgb = labToRgb(image.lightness[i], ab ? ab[i] * 110 : 0, ab ? ab[n + i] * 110 : 0);
    for (let c = 0; c < 3; c++) out[3 * i + c] = Math.round(rgb[c] * 255);
  }
  return out;
}

export interface EvalReport {
  images: number;
  counts: number[];
  /** Mean PSNR (dB) per hint count, same order as counts. */
  psnr: number[];
  grayPsnr: number;
  colorfulness: { results: number; originals: number };
  /** The per-edit network: contract 1's colorizer, or contract 2's guide. */
  latencyMs: { median: number; p95: number };
  /** Contract 2's prior, run once per image; null under contract 1. */
  priorLatencyMs: { median: number; p95: number } | null;
  /** The vividness the guide ran at; null where the model has none. */
  vividness: number | null;
  /** With --strokes: PSNR with K strokes, and with the same pixels given as points. */
  strokes?: { counts: number[]; strokesPsnr: number[]; pointsPsnr: number[]; hintPixels: number[] };
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const percentile = (v: number[], p: number): number => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * p))];

export interface EvalOptions {
  counts?: readonly number[];
  onImage?: (i: number) => void;
  /** Also compare K strokes with the same pixels given as points, for each K. */
  strokeCounts?: readonly number[];
  /** The app's hint reach (shared/imaging/hint-reach.ts), its default unless given; 1 measures the network alone. */
  reach?: Reach;
  /** The guide's vividness, 0..1; absent: its vividness_default (the contract's rule). */
  vividness?: number;
}

export async function evaluate(colorizer: Colorizer, files: string[], o: EvalOptions = {}): Promise<EvalReport> {
  const { counts = HINT_COUNTS, onImage, strokeCounts = [], reach = DEFAULT_REACH } = o;
  const vividness = colorizer.vividnessDefault === null ? null : (o.vividness ?? colorizer.vividnessDefault);
  const priorTimes: number[] = [];
  const st = { strokes: strokeCounts.map(() => 0), points: strokeCounts.map(() => 0), pixels: strokeCounts.map(() => 0) };
  const sums = counts.map(() => 0);
  let gray = 0;
  let colorResults = 0;
  let colorOriginals = 0;
  const times: number[] = [];
  for (const [index, file] of files.entries()) {
    const image = await loadProtocolImage(file);
    gray += psnr(recombine(image, null), image.rgb);
    colorOriginals += colorfulness(image.rgb);
    const size = { width: PROTOCOL_SIZE, height: PROTOCOL_SIZE };
    // Contract 2: the prior once per image, as when a scan opens; the guide per hint set.
    const prior = await colorizer.computePrior({ ...size, l: image.l });
    if (prior) priorTimes.push(prior.millis);
    const guide = (hints: { hintAb: Float32Array; mask: Float32Array }) => colorizer.guide({ ...size, l: image.l, ...hints }, { prior: prior ?? undefined, vividness: vividness ?? undefined });
    const limited = limitsReach(reach) ? { field: new ReachField(image.l, size), auto: (await guide(protocolHints(image.ab, PROTOCOL_SIZE, 0, 0))).ab } : null;
    const run = async (hints: { hintAb: Float32Array; mask: Float32Array }) => {
      const out = await guide(hints);
      if (limited) applyReach(out.ab, limited.auto, limited.field, hints.mask, reach);
      return out;
    };
    for (const [k, n] of counts.entries()) {
      const { hintAb, mask } = protocolHints(image.ab, PROTOCOL_SIZE, n, index * 1000 + n);
      const out = await run({ hintAb, mask });
      times.push(out.millis);
      const result = recombine(image, out.ab);
      sums[k] += psnr(result, image.rgb);
      if (n === 0) colorResults += colorfulness(result);
    }
    for (const [k, n] of strokeCounts.entries()) {
      const draws = protocolStrokes(image.ab, PROTOCOL_SIZE, n, index * 1000 + 500 + n);
      for (const kind of ['strokes', 'points'] as const) {
        const out = await run(draws[kind]);
        st[kind][k] += psnr(recombine(image, out.ab), image.rgb);
      }
      st.pixels[k] += draws.pixels;
    }
    onImage?.(index);
  }
  const m = files.length;
  return {
    images: m,
    counts: [...counts],
    psnr: sums.map((s) => s / m),
    grayPsnr: gray / m,
    colorfulness: { results: colorResults / m, originals: colorOriginals / m },
    latencyMs: { median: median(times), p95: percentile(times, 0.95) },
    priorLatencyMs: priorTimes.length ? { median: median(priorTimes), p95: percentile(priorTimes, 0.95) } : null,
    vividness,
    ...(strokeCounts.length
      ? { strokes: { counts: [...strokeCounts], strokesPsnr: st.strokes.map((s) => s / m), pointsPsnr: st.points.map((s) => s / m), hintPixels: st.pixels.map((s) => s / m) } }
      : {}),
  };
}
