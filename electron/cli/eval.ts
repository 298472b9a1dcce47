// `npm run eval -- --data DIR [--every K] [--limit N] [--model FILE] [--threads T] [--strokes K,...] [--reach R] [--json]`
// The evaluation protocol on a folder of colour photos, with the app's inference code.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Colorizer } from '../services/inference/colorizer';
import { verifyModel, verifyShippedModel } from '../services/inference/model-file';
import { evaluate } from '../services/evaluation/evaluate';
import { APP_ROOT } from '../host/studio-host';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    every: { type: 'string', default: '1' },
    limit: { type: 'string' },
    model: { type: 'string' },
    threads: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
    strokes: { type: 'string' },
    reach: { type: 'string' },
  },
});

if (!values.data) {
  console.error('usage: npm run eval -- --data DIR [--every K] [--limit N] [--model FILE] [--strokes 1,5,20] [--reach R] [--json]');
  process.exit(2);
}

const every = Math.max(1, Number(values.every));
let files = readdirSync(values.data)
  .filter((f) => /\.(jpe?g|png|tiff?)$/i.test(f))
  .sort()
  .filter((_, i) => i % every === 0)
  .map((f) => path.join(values.data as string, f));
if (values.limit) files = files.slice(0, Number(values.limit));

const model = values.model ? await verifyModel(values.model, null) : await verifyShippedModel(path.join(APP_ROOT, 'models'));
const colorizer = new Colorizer(model, Number(values.threads));
const strokeCounts = values.strokes ? values.strokes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
const report = await evaluate(colorizer, files, {
  onImage: (i) => {
    if (!values.json) process.stderr.write(`\r${i + 1}/${files.length}`);
  },
  strokeCounts,
  reach: values.reach ? Number(values.reach) : undefined,
});
await colorizer.close();

if (values.json) {
  console.log(JSON.stringify({ model: path.basename(model.path), sha256: model.sha256, ...report }, null, 2));
} else {
  process.stderr.write('\n');
  const f = (v: number): string => v.toFixed(2);
  console.log(`model ${path.basename(model.path)} (${model.sha256.slice(0, 12)}…), ${report.images} images${values.reach ? `, hint reach ${values.reach}` : ''}`);
  console.log(`| N | ${report.counts.join(' | ')} |`);
  console.log(`| --- |${report.counts.map(() => ' --- |').join('')}`);
  console.log(`| PSNR dB | ${report.psnr.map(f).join(' | ')} |`);
  console.log(`gray baseline: ${f(report.grayPsnr)} dB`);
  console.log(`colourfulness at N = 0: ${f(report.colorfulness.results)} (originals ${f(report.colorfulness.originals)}, ${((100 * report.colorfulness.results) / report.colorfulness.originals).toFixed(0)}%)`);
  if (report.strokes) {
    const s = report.strokes;
    console.log(`| strokes K | ${s.counts.join(' | ')} |`);
    console.log(`| --- |${s.counts.map(() => ' --- |').join('')}`);
    console.log(`| PSNR, K strokes (one colour each) | ${s.strokesPsnr.map(f).join(' | ')} |`);
    console.log(`| PSNR, same pixels as points | ${s.pointsPsnr.map(f).join(' | ')} |`);
    console.log(`| hinted pixels (mean) | ${s.hintPixels.map((v) => v.toFixed(0)).join(' | ')} |`);
  }
  console.log(`inference at 256x256: median ${f(report.latencyMs.median)} ms, p95 ${f(report.latencyMs.p95)} ms`);
}
