// "Suggest hints from reference" timed (issue 21), for `npm run bench` or alone:
//   node --import tsx tests/bench/reference-bench.ts        (prints one JSON line)
// A real sample scan at the 256² working size and as a 24 MP JPEG made from it, a real colour photo as
// the reference. Timed: the matching alone, a whole transfer as the studio runs it (the scan's prior
// cached, the reference's prior computed once), and a 24 MP scan from its bytes (decode to the working
// size, its prior, the transfer). The anchor, timed in the same process: one guide run at 256².
// CPU time is reported beside wall time (a loaded machine stretches the wall clock, not the work).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { networkInput } from '../../shared/network/network-input';
import { transferProposals } from '../../shared/network/reference-transfer';
import { workingSize } from '../../shared/network/working-size';
import { workingLab, workingLightness } from '../../electron/services/images/decode';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { verifyShippedModel } from '../../electron/services/inference/model-file';
import { Jobs } from '../../electron/services/jobs';
import { featuresOf, referencePrior, transferHints } from '../../electron/services/reference-transfer';
import { MODELS, SAMPLES_BW, VAL } from '../support/paths';

export interface ReferenceFigure {
  workingSize: string;
  matchMs: number;
  transfer256Ms: number;
  transfer256CpuMs: number;
  scan24: { megapixels: number; ms: number; cpuMs: number; decodeMs: number };
  guide256Ms: number;
  proposals: number;
  features: string;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await f();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}

export async function referenceBench(): Promise<ReferenceFigure> {
  const model = new Colorizer(await verifyShippedModel(MODELS), 2);
  try {
    const scanBytes = readFileSync(path.join(SAMPLES_BW, 'deoldify_001.jpg'));
    const refBytes = readFileSync(path.join(VAL, 'sunhays80_001.jpg'));
    const scanMeta = await sharp(scanBytes).metadata();
    const refMeta = await sharp(refBytes).metadata();
    const size = { width: scanMeta.width ?? 0, height: scanMeta.height ?? 0 };
    const refSize = { width: refMeta.width ?? 0, height: refMeta.height ?? 0 };
    const work = workingSize(size);
    const refWork = workingSize(refSize);
    const l = await workingLightness(scanBytes, work);
    const lab = await workingLab(refBytes, refWork);
    const key = { image: 'bench', lightness: '[]' };
    const scanPrior = (await model.priorFor(key, { ...work, l }))?.prior ?? null;
    const refPrior = await referencePrior(model, { lab, work: refWork });
    // The anchor: one guide run at the working size, as every preview pays.
    const guides: number[] = [];
    for (let i = 0; i < 5; i++) guides.push((await timed(() => model.guide(networkInput(l, work, size, { hints: [], strokes: [], regions: [] }), { key }))).ms);
    const scan = { ...work, l: Float32Array.from(l, (v) => v * 100), features: featuresOf(scanPrior) };
    const reference = { ...refWork, ...lab, features: featuresOf(refPrior) };
    const matches: number[] = [];
    for (let i = 0; i < 5; i++) matches.push((await timed(() => transferProposals(scan, reference))).ms);
    const ref = { id: '0'.repeat(64), lab, work: refWork, size: refSize };
    const whole = await timed(() => transferHints(model, { l, work, size, priorKey: key }, ref, Jobs.detached()));
    // 24 MP: the same scan, enlarged, as a JPEG; from its bytes, as the batch CLI does it.
    const big = await sharp(scanBytes).resize(4000, 6000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
    const bigSize = { width: 4000, height: 6000 };
    const bigWork = workingSize(bigSize);
    const decode = await timed(() => workingLightness(big, bigWork));
    const scan24 = await timed(async () => {
      const bl = await workingLightness(big, bigWork);
      return transferHints(model, { l: bl, work: bigWork, size: bigSize, priorKey: null }, ref, Jobs.detached());
    });
    return {
      workingSize: `${work.width}x${work.height}`,
      matchMs: median(matches),
      transfer256Ms: whole.ms,
      transfer256CpuMs: whole.cpuMs,
      scan24: { megapixels: 24, ms: scan24.ms, cpuMs: scan24.cpuMs, decodeMs: decode.ms },
      guide256Ms: median(guides),
      proposals: whole.value.hints.length,
      features: whole.value.features,
    };
  } finally {
    await model.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(JSON.stringify(await referenceBench()));
}
