// "Suggest hints from reference" as the studio, the batch CLI and the evaluation run it: the scan's
// restored L* at its working size, the reference's L*a*b* at its own, contract 2's prior features for
// both where the model has a prior, then shared/network/reference-transfer.ts; its proposals come back as
// ordinary point hints in original pixels whose `source` names the reference, the pixel of it their
// colour came from and the confidence.
import type { Prior } from './inference/messages';
import type { Colorizer, PriorKey } from './inference/colorizer';
import type { Hint } from '../../shared/model/hints';
import { transferProposals, type FeatureMap, type TransferOptions } from '../../shared/network/reference-transfer';
import type { Size } from '../../shared/network/working-size';
import type { Job } from './jobs';

/** The prior output the transfer compares: its semantic features at a quarter of the working size. */
const FEATURE_TENSOR = 'prior_feat4';

export function featuresOf(prior: Prior | null | undefined, name = FEATURE_TENSOR): FeatureMap | undefined {
  const t = prior?.tensors.find((x) => x.name === name);
  return t ? { channels: t.dims[1], height: t.dims[2], width: t.dims[3], data: t.data } : undefined;
}

export interface TransferScanInput {
  /** L* / 100 at `work`, as the network sees it (tone restoration applied). */
  l: Float32Array;
  work: Size;
  /** The original's size: proposals are placed in its pixels. */
  size: Size;
  /** Where the scan's prior is cached (the studio's key), if anywhere. */
  priorKey?: PriorKey | null;
}

export interface TransferReferenceInput {
  id: string;
  lab: { l: Float32Array; a: Float32Array; b: Float32Array };
  work: Size;
  size: Size;
  /** The reference's prior, computed once per reference (its own L*). */
  prior?: Prior | null;
}

/** The hint size of proposals: a 5-pixel patch at the working size, as a new point hint has. */
export const proposalRadius = (size: Size): number => Math.max(1, Math.round((2 * Math.max(size.width, size.height)) / 256));

/** The reference's prior (contract 2), computed from its own L*; null under contract 1. */
export async function referencePrior(model: Colorizer | null, ref: Pick<TransferReferenceInput, 'lab' | 'work'>): Promise<Prior | null> {
  if (!model?.priorModel) return null;
  return model.computePrior({ ...ref.work, l: Float32Array.from(ref.lab.l, (v) => v / 100) });
}

export interface TransferResult {
  hints: Hint[];
  /** Whether the prior's features took part in the matching, or the classical statistics alone. */
  features: 'prior' | 'classical';
}

/** Proposed hints for the scan from the reference (most confident first), with ids `${prefix}${i}`. */
export async function transferHints(model: Colorizer | null, scan: TransferScanInput, ref: TransferReferenceInput, job: Job, o: TransferOptions & { prefix?: string } = {}): Promise<TransferResult> {
  job.progress(0.05, 'Reading the scan and the reference');
  const scanPrior = model?.priorModel ? (await model.priorFor(scan.priorKey ?? null, { ...scan.work, l: scan.l }))?.prior : null;
  job.check();
  const refPrior = ref.prior === undefined ? await referencePrior(model, ref) : ref.prior;
  job.check();
  const scanFeatures = featuresOf(scanPrior);
  const refFeatures = featuresOf(refPrior);
  const proposals = await transferProposals(
    { ...scan.work, l: Float32Array.from(scan.l, (v) => v * 100), features: scanFeatures, certainty: featuresOf(scanPrior, 'prior_sure') },
    { ...ref.work, ...ref.lab, features: refFeatures },
    {
      ...o,
      step: async (done) => {
        job.check();
        job.progress(0.2 + 0.75 * done, 'Matching the scan to the reference');
        await new Promise<void>((resolve) => setImmediate(resolve)); // lets a cancel or a preview in
        job.check();
      },
    },
  );
  const sx = scan.size.width / scan.work.width;
  const sy = scan.size.height / scan.work.height;
  const rx = ref.size.width / ref.work.width;
  const ry = ref.size.height / ref.work.height;
  const radius = proposalRadius(scan.size);
  const round = (v: number, d = 2): number => Math.round(v * 10 ** d) / 10 ** d;
  const hints = proposals.map((p, i) => ({
    id: `${o.prefix ?? 'ref'}${i}`,
    x: round((p.x + 0.5) * sx, 1),
    y: round((p.y + 0.5) * sy, 1),
    radius,
    a: round(p.a),
    b: round(p.b),
    source: { reference: ref.id, x: Math.round((p.refX + 0.5) * rx), y: Math.round((p.refY + 0.5) * ry), confidence: round(p.confidence, 3) },
  }));
  return { hints, features: scanFeatures && refFeatures ? 'prior' : 'classical' };
}
