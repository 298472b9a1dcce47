// Issue 16's latency targets: the app's graphs timed against the siggraph17-shape anchor
// (tests/support/anchor.ts), alternately in one process so that whatever else loads the machine
// loads both alike. The app's own session options for every graph, the anchor's included
// (session-options.ts: intra-op threads that do not spin between runs, one inter-op thread,
// sequential, all optimisations); one run of each graph per round, the order
// rotating from round to round; the median of each graph over the rounds after warm-up.
//   contract 1 (one graph): anchor / model
//   contract 2: anchor / guide (per edit; target >= 20x) and anchor / prior (per image; target >= 3x)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { sessionOptions } from '../../electron/services/inference/session-options';

export const TARGETS = { guide: 20, prior: 3 } as const;

export type Graph = 'anchor' | 'model' | 'prior' | 'guide';

export interface Timing {
  median: number;
  p95: number;
  n: number;
}

export interface AnchorRatio {
  graph: 'model' | 'prior' | 'guide';
  /** anchor median / graph median: how many times faster than the anchor the graph runs. */
  ratio: number;
  /** The target for this graph (none for a contract-1 model). */
  target: number | null;
  meets: boolean | null;
}

export interface AnchorReport {
  contract: 1 | 2;
  modelDir: string;
  size: number;
  threads: number;
  rounds: number;
  warmup: number;
  timings: Partial<Record<Graph, Timing>>;
  ratios: AnchorRatio[];
}

export interface AnchorOptions {
  modelDir: string;
  anchorOnnx: string;
  size?: number;
  threads?: number;
  rounds?: number;
  warmup?: number;
}

type Files = { contract: 1; model: string } | { contract: 2; prior: string; guide: string };

function verified(dir: string, entry: unknown, what: string): string {
  const e = entry as { file?: unknown; sha256?: unknown } | undefined;
  if (typeof e?.file !== 'string' || typeof e.sha256 !== 'string') throw new Error(`${dir}/manifest.json: no valid ${what} entry`);
  const file = path.join(dir, e.file);
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (sha !== e.sha256) throw new Error(`${file} does not match its SHA-256 in ${dir}/manifest.json`);
  return file;
}

/** The app's model files as a manifest names them (contract 1 when it names no contract), hashes checked. */
export function modelFiles(dir: string): Files {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  if (manifest.contract === undefined || manifest.contract === 'tintype-colorizer/1') {
    return { contract: 1, model: verified(dir, manifest, 'model') };
  }
  if (manifest.contract === 'tintype-colorizer/2') {
    return { contract: 2, prior: verified(dir, manifest.prior, 'prior'), guide: verified(dir, manifest.guide, 'guide') };
  }
  throw new Error(`${dir}/manifest.json names an unknown contract ${JSON.stringify(manifest.contract)}`);
}

const open = (file: string, threads: number) => ort.InferenceSession.create(file, sessionOptions(threads));

/** One edit's inputs at size²: a ramp of L* and 20 point hints (as the bench's model-alone figure). */
function editInputs(size: number): Record<string, ort.Tensor> {
  const n = size * size;
  const l = new Float32Array(n).map((_, i) => ((i % size) / size) * 0.8 + 0.1);
  const hintAb = new Float32Array(2 * n);
  const mask = new Float32Array(n);
  for (let k = 0; k < 20; k++) {
    const i = (k * 7919) % n;
    mask[i] = 1;
    hintAb[i] = 0.3;
    hintAb[n + i] = -0.2;
  }
  return {
    l: new ort.Tensor('float32', l, [1, 1, size, size]),
    hint_ab: new ort.Tensor('float32', hintAb, [1, 2, size, size]),
    hint_mask: new ort.Tensor('float32', mask, [1, 1, size, size]),
  };
}

function feedsFor(session: ort.InferenceSession, available: Record<string, ort.Tensor>, what: string): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const name of session.inputNames) {
    const t = available[name];
    if (!t) throw new Error(`${what} takes an input "${name}" that the bench cannot supply (have: ${Object.keys(available).join(', ')})`);
    feeds[name] = t;
  }
  return feeds;
}

export const stats = (v: number[]): Timing => {
  const s = [...v].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))], n: s.length };
};

export async function compareWithAnchor(o: AnchorOptions): Promise<AnchorReport> {
  const size = o.size ?? 256;
  const threads = o.threads ?? 2;
  const rounds = o.rounds ?? 20;
  const warmup = o.warmup ?? 3;
  const files = modelFiles(o.modelDir);
  const edit = editInputs(size);
  const sessions: { graph: Graph; session: ort.InferenceSession; feeds: Record<string, ort.Tensor> }[] = [];
  try {
    const anchor = await open(o.anchorOnnx, threads);
    sessions.push({ graph: 'anchor', session: anchor, feeds: feedsFor(anchor, edit, 'the anchor') });
    if (files.contract === 1) {
      const model = await open(files.model, threads);
      sessions.push({ graph: 'model', session: model, feeds: feedsFor(model, edit, 'the model') });
    } else {
      const prior = await open(files.prior, threads);
      const guide = await open(files.guide, threads);
      const priorFeeds = feedsFor(prior, edit, 'the prior');
      // The guide takes the prior's prior_* outputs by name, computed once, as the app keeps them.
      const kept: Record<string, ort.Tensor> = {};
      const out = await prior.run(priorFeeds);
      for (const [name, t] of Object.entries(out)) if (name.startsWith('prior_')) kept[name] = t;
      const vividness = { vividness: new ort.Tensor('float32', new Float32Array([0.5]), [1]) };
      sessions.push({ graph: 'prior', session: prior, feeds: priorFeeds });
      sessions.push({ graph: 'guide', session: guide, feeds: feedsFor(guide, { ...edit, ...kept, ...vividness }, 'the guide') });
    }

    const times = new Map<Graph, number[]>(sessions.map((s) => [s.graph, []]));
    for (let r = 0; r < warmup + rounds; r++) {
      for (let k = 0; k < sessions.length; k++) {
        const s = sessions[(r + k) % sessions.length];
        const t = performance.now();
        await s.session.run(s.feeds);
        const ms = performance.now() - t;
        if (r >= warmup) times.get(s.graph)!.push(ms);
      }
    }

    const timings: Partial<Record<Graph, Timing>> = {};
    for (const [graph, v] of times) timings[graph] = stats(v);
    const anchorMedian = timings.anchor!.median;
    const ratios: AnchorRatio[] = sessions
      .filter((s) => s.graph !== 'anchor')
      .map((s) => {
        const graph = s.graph as AnchorRatio['graph'];
        const ratio = anchorMedian / timings[graph]!.median;
        const target = graph === 'model' ? null : TARGETS[graph];
        return { graph, ratio, target, meets: target === null ? null : ratio >= target };
      });
    return { contract: files.contract, modelDir: o.modelDir, size, threads, rounds, warmup, timings, ratios };
  } finally {
    for (const s of sessions) await s.session.release();
  }
}

/** The report's lines for `npm run bench`. */
export function formatAnchorReport(r: AnchorReport): string[] {
  const f = (v: number): string => v.toFixed(1);
  const t = (g: Graph): string => `${f(r.timings[g]!.median)} ms (p95 ${f(r.timings[g]!.p95)})`;
  const lines = [
    `vs the siggraph17-shape anchor (${r.size}², ${r.threads} threads, ${r.rounds} alternations after ${r.warmup} warm-up, medians; contract ${r.contract}, ${r.modelDir}):`,
    `  anchor ${t('anchor')}`,
  ];
  const label = { model: 'model (whole network per edit)', prior: 'prior (once per image)', guide: 'guide (per edit)' };
  for (const x of r.ratios) {
    const verdict = x.target === null ? '' : `; target >= ${x.target}x: ${x.meets ? 'met' : 'NOT met'}`;
    lines.push(`  ${label[x.graph]} ${t(x.graph)}: ${x.ratio.toFixed(1)}x faster than the anchor${verdict}`);
  }
  return lines;
}
