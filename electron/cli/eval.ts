// `npm run eval -- --data DIR [--every K] [--limit N] [--model FILE | --models DIR] [--threads T] [--strokes K,...] [--reach R] [--vividness V] [--containment [--snap] | --suggestions | --reference [--pool DIR] [--pool-every K] [--skip-sure S] | --bleeding] [--json]`
// The evaluation protocol on a folder of colour photos, with the app's inference code. A contract-2 model
// runs its prior once per image and its guide once per hint set; both latencies are reported.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Colorizer } from '../services/inference/colorizer';
import { singleModel, verifyModel, verifyShippedModel } from '../services/inference/model-file';
import { bleeding } from '../services/evaluation/bleeding';
import { containment } from '../services/evaluation/containment';
import { evaluate } from '../services/evaluation/evaluate';
import { suggestionAccuracy } from '../services/evaluation/suggestion-accuracy';
import { MODELS_DIR } from '../app/paths';
import { referenceEval } from '../services/evaluation/reference-eval';
import { DEFAULT_REACH, EDGE_REACH, parseReach, reachName } from '../../shared/imaging/hint-reach';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    every: { type: 'string', default: '1' },
    limit: { type: 'string' },
    model: { type: 'string' },
    models: { type: 'string' },
    threads: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
    strokes: { type: 'string' },
    reach: { type: 'string' },
    vividness: { type: 'string' },
    containment: { type: 'boolean', default: false },
    suggestions: { type: 'boolean', default: false },
    snap: { type: 'boolean', default: false },
    reference: { type: 'boolean', default: false },
    pool: { type: 'string' },
    'pool-every': { type: 'string', default: '1' },
    'skip-sure': { type: 'string' },
    bleeding: { type: 'boolean', default: false },
  },
});

const USAGE = 'usage: npm run eval -- --data DIR [--every K] [--limit N] [--model FILE | --models DIR] [--strokes 1,5,20] [--reach R|edges] [--vividness 0-1] [--containment [--snap] | --suggestions | --reference [--pool DIR] [--pool-every K] [--skip-sure S] | --bleeding] [--json]';
if (!values.data) {
  console.error(USAGE);
  process.exit(2);
}
const vividness = values.vividness === undefined ? undefined : Number(values.vividness);
if (vividness !== undefined && !(Number.isFinite(vividness) && vividness >= 0 && vividness <= 1)) {
  console.error(`--vividness must be a number from 0 to 1\n${USAGE}`);
  process.exit(2);
}

// --reach: a share of the diagonal, or 'edges'; absent: the app's default.
const reach = values.reach === undefined ? undefined : parseReach(values.reach);
if (reach === null) {
  console.error(`--reach must be a number from 0.02 to 1 or '${EDGE_REACH}'\n${USAGE}`);
  process.exit(2);
}

const every = Math.max(1, Number(values.every));
let files = readdirSync(values.data)
  .filter((f) => /\.(jpe?g|png|tiff?)$/i.test(f))
  .sort()
  .filter((_, i) => i % every === 0)
  .map((f) => path.join(values.data as string, f));
if (values.limit) files = files.slice(0, Number(values.limit));

// --model: one contract-1 file (unverified hash); --models: a folder with its manifest (either contract).
const models = values.model ? singleModel(await verifyModel(values.model, null)) : await verifyShippedModel(values.models ?? MODELS_DIR);
const colorizer = new Colorizer(models, Number(values.threads));
if (vividness !== undefined && colorizer.vividnessDefault === null) {
  console.error('--vividness needs a model with a vividness control (model contract 2).');
  process.exit(2);
}
if (values.suggestions) {
  // Leave-one-out suggestions (issue 17): the top suggestion at a wrongly coloured hint, with and without it.
  const r = await suggestionAccuracy(colorizer, files, (i) => void (!values.json && process.stderr.write(`\r${i + 1}/${files.length}`)));
  await colorizer.close();
  if (values.json) console.log(JSON.stringify(r, null, 2));
  else {
    const pc = (v: number): string => `${(100 * v).toFixed(1)}%`;
    process.stderr.write('\n');
    console.log(`suggestions at a hint with a deliberately wrong colour, ${r.trials} trials: share within ΔE00 15 of the truth`);
    console.log('| colour | share | mean top probability |');
    console.log('| --- | --- | --- |');
    console.log(`| top suggestion, leave-one-out (without the hint) | ${pc(r.leaveOneOut)} | ${pc(r.topProbability.leaveOneOut)} |`);
    console.log(`| top suggestion with the hint (before) | ${pc(r.withHint)} | ${pc(r.topProbability.withHint)} |`);
    console.log(`| the hint's own colour | ${pc(r.hintItself)} | |`);
  }
  process.exit(0);
}
if (values.reference) {
  // Colour from a reference (issue 21): each photo with the nearest other photo by gray content as reference.
  const imagesOf = (dir: string, k: number): string[] => readdirSync(dir).filter((f) => /\.(jpe?g|png|tiff?)$/i.test(f)).sort().filter((_, i) => i % k === 0).map((f) => path.join(dir, f));
  const pool = values.pool ? imagesOf(values.pool, Math.max(1, Number(values['pool-every']))) : [];
  // --skip-sure S: no proposals in the share S of cells where the prior is surest of its own colour.
  const skipSure = values['skip-sure'] === undefined ? undefined : Math.min(1, Math.max(0, Number(values['skip-sure'])));
  const r = await referenceEval(colorizer, files, pool, (i, phase) => void (!values.json && process.stderr.write(`\r${phase} ${i + 1}`)), { skipSure });
  await colorizer.close();
  if (values.json) console.log(JSON.stringify(r, null, 2));
  else {
    const f = (v: number, d = 2): string => v.toFixed(d);
    process.stderr.write('\n');
    console.log(`colour from a reference, ${r.images} photos as gray scans, each with the nearest other photo by gray content (pool ${r.pool}) as reference`);
    console.log('| N = 0 | PSNR dB |');
    console.log('| --- | --- |');
    console.log(`| gray | ${f(r.psnr.gray)} |`);
    console.log(`| network alone | ${f(r.psnr.network)} |`);
    console.log(`| network + the transfer's proposals as hints | ${f(r.psnr.transfer)} |`);
    console.log(`per image, transfer − network: median ${f(r.gainMedian)} dB, better on ${r.improved}/${r.images}`);
    console.log(`proposals: ${f(r.proposals.mean, 1)} per image; ΔE00 against the truth median ${f(r.proposals.deltaE00Median)} (p90 ${f(r.proposals.deltaE00P90)}); the network alone at the same pixels median ${f(r.proposals.networkDeltaE00Median)}; confidence ≥ 0.6 (${f(100 * r.proposals.confidentShare, 0)}%) median ${f(r.proposals.confidentDeltaE00Median)}`);
    console.log(`transfer at 256x256 (the reference's prior + matching): median ${f(r.transferMs.median, 0)} ms, p95 ${f(r.transferMs.p95, 0)} ms`);
  }
  process.exit(0);
}
if (values.bleeding) {
  // Colour spill across segments of the colour truth (issue 17), with the app's hint reach.
  const r = await bleeding(colorizer, files, { reach, onImage: (i) => void (!values.json && process.stderr.write(`\r${i + 1}/${files.length}`)) });
  await colorizer.close();
  if (values.json) console.log(JSON.stringify(r, null, 2));
  else {
    const pc = (v: number): string => `${(100 * v).toFixed(2)}%`;
    const f = (v: number): string => v.toFixed(2);
    process.stderr.write('\n');
    console.log(`bleeding, ${r.images} images (${r.segmentsPerImage.toFixed(1)} segments of the colour truth each), hint reach ${reachName(r.reach)}`);
    console.log('| setting | trials | other segments moved ΔE00 > 5 | moved and farther from the truth | hinted segment ΔE00 to truth, without → with |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [name, x] of [['hinted segment alone', r.alone], ['amid hints in the other segments', r.amid]] as const) console.log(`| ${name} | ${x.trials} | ${pc(x.moved)} | ${pc(x.harmful)} | ${f(x.inside.without)} → ${f(x.inside.with)} |`);
  }
  process.exit(0);
}
if (values.containment) {
  // Regions hold their outline (issue 17): the full-resolution render with and without one region.
  const r = await containment(colorizer, files, { snap: values.snap, onImage: (i) => void (!values.json && process.stderr.write(`\r${i + 1}/${files.length}`)) });
  await colorizer.close();
  if (values.json) console.log(JSON.stringify(r, null, 2));
  else {
    const f = (v: number, d = 2): string => v.toFixed(d);
    process.stderr.write('\n');
    console.log(`containment, ${r.cases.length} val photos as gray scans, one saturated region each${r.snap ? ', snapped to edges' : ''} (full-resolution renders, with vs without it)`);
    console.log('| measure | value | target |');
    console.log('| --- | --- | --- |');
    console.log(`| ΔE00 p99, pixels > 8 px outside (all images) | ${f(r.outsideP99, 3)} | ≤ 1 |`);
    console.log(`| ΔE00 p99, worst image | ${f(r.outsideWorstImageP99, 3)} | ≤ 1 |`);
    console.log(`| share > 8 px inside within ΔE00 10 of the colour at its L* | ${f(100 * r.insideShare, 1)}% (worst image ${f(100 * r.insideWorstImage, 1)}%) | ≥ 95% |`);
    console.log(`| same, against the colour as sRGB shows it at that L* | ${f(100 * r.insideShareShown, 1)}% | ≥ 95% |`);
    console.log(`render at full resolution: median ${f(r.renderMedianMs.without, 0)} ms without the region, ${f(r.renderMedianMs.with, 0)} ms with it`);
  }
  process.exit(0);
}
const strokeCounts = values.strokes ? values.strokes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
const report = await evaluate(colorizer, files, {
  onImage: (i) => {
    if (!values.json) process.stderr.write(`\r${i + 1}/${files.length}`);
  },
  strokeCounts,
  reach,
  vividness,
});
await colorizer.close();

const main = colorizer.model;
const prior = colorizer.priorModel;
if (values.json) {
  const files = { model: path.basename(main.path), sha256: main.sha256, contract: colorizer.contract, ...(prior ? { prior: path.basename(prior.path), priorSha256: prior.sha256 } : {}) };
  console.log(JSON.stringify({ ...files, ...report }, null, 2));
} else {
  process.stderr.write('\n');
  const f = (v: number): string => v.toFixed(2);
  const named = prior ? `prior ${path.basename(prior.path)} (${prior.sha256.slice(0, 12)}…) + guide ${path.basename(main.path)} (${main.sha256.slice(0, 12)}…)` : `model ${path.basename(main.path)} (${main.sha256.slice(0, 12)}…)`;
  console.log(`${named}, ${report.images} images, hint reach ${reachName(reach ?? DEFAULT_REACH)}${report.vividness !== null ? `, vividness ${report.vividness}` : ''}`);
  const zero = report.counts.indexOf(0);
  const m = (v: number): string => v.toFixed(1);
  console.log(`| N | ${report.counts.join(' | ')} |`);
  console.log(`| --- |${report.counts.map(() => ' --- |').join('')}`);
  console.log(`| PSNR dB | ${report.psnr.map(f).join(' | ')} |`);
  if (zero >= 0) console.log(`| colourfulness M | ${report.counts.map((_, k) => (k === zero ? m(report.colorfulness.results) : '')).join(' | ')} |`);
  console.log(`gray baseline: ${f(report.grayPsnr)} dB`);
  console.log(`colourfulness (Hasler–Süsstrunk M) at N = 0: ${f(report.colorfulness.results)} (originals ${f(report.colorfulness.originals)}, ${((100 * report.colorfulness.results) / report.colorfulness.originals).toFixed(0)}%)`);
  if (report.strokes) {
    const s = report.strokes;
    console.log(`| strokes K | ${s.counts.join(' | ')} |`);
    console.log(`| --- |${s.counts.map(() => ' --- |').join('')}`);
    console.log(`| PSNR, K strokes (one colour each) | ${s.strokesPsnr.map(f).join(' | ')} |`);
    console.log(`| PSNR, same pixels as points | ${s.pointsPsnr.map(f).join(' | ')} |`);
    console.log(`| hinted pixels (mean) | ${s.hintPixels.map((v) => v.toFixed(0)).join(' | ')} |`);
  }
  if (report.priorLatencyMs) console.log(`prior at 256x256 (once per image): median ${f(report.priorLatencyMs.median)} ms, p95 ${f(report.priorLatencyMs.p95)} ms`);
  console.log(`${prior ? 'guide' : 'inference'} at 256x256 (per hint set): median ${f(report.latencyMs.median)} ms, p95 ${f(report.latencyMs.p95)} ms`);
}
