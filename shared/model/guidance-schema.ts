// Schemas for strokes, regions and the whole guidance, shared by the IPC contract and the recipe format.
// The types in guidance.ts, tone.ts and color-adjust.ts are inferred from these; nothing is written twice.
import { z } from 'zod';
import { ColorSourceSchema, coordinate, HintSchema } from './hint-schema';
import { MAX_GUIDANCE_POINTS, MAX_REGION_POINTS } from '../ipc/limits';

const Id = z.string().min(1).max(64);
const Ab = z.number().finite().min(-128).max(128);
export const PointSchema = z.object({ x: coordinate, y: coordinate });

/** A freehand stroke: hint pixels of one colour along the polyline, `width` pixels wide; with purpose
 * 'dust', a mask of dust and scratches to repair in the scan's L*; with 'erase', pixels taken out of
 * every coloured stroke, region and keep-original region (points stay). */
export const StrokeSchema = z.object({
  id: Id,
  points: z.array(PointSchema).min(1).max(20_000),
  width: z.number().finite().min(0.5).max(2048),
  a: Ab,
  b: Ab,
  purpose: z.enum(['color', 'dust', 'erase']).optional(),
  note: z.string().max(4000).optional(),
});

/** A closed outline, a mask laid over the result rather than hint pixels (shared/imaging/region-mask.ts): its
 * colour inside, nothing outside. `keep` regions carry no colour: inside them the export keeps the scan. */
export const RegionSchema = z.object({
  id: Id,
  polygon: z.array(PointSchema).min(3).max(MAX_REGION_POINTS),
  a: Ab,
  b: Ab,
  keep: z.boolean(),
  /** Half-width of the soft edge in original pixels; absent: DEFAULT_FEATHER (shared/imaging/region-mask.ts). */
  feather: z.number().finite().min(0).max(64).optional(),
  /** Refine the outline to the scan's own edges (a guided filter of the mask on L*). */
  snap: z.boolean().optional(),
  note: z.string().max(4000).optional(),
});

/** Global colour controls on the result: saturation (chroma multiplier, 1 = as predicted), vibrance
 * (-1..1, raises or lowers weak colours more than strong ones), warmth (a*b* shift towards
 * yellow-orange or blue, in b* units). */
export const ColorAdjustSchema = z.object({
  saturation: z.number().finite().min(0).max(3),
  vibrance: z.number().finite().min(-1).max(1),
  warmth: z.number().finite().min(-40).max(40),
});

/** Tone restoration of the scan's L*: the L* that becomes black and white, midtone gamma (above 1
 * lightens), contrast (-1..1, an S-curve) and denoise (0..1 edge-preserving smoothing; absent: none). */
export const ToneAdjustSchema = z
  .object({
    black: z.number().finite().min(0).max(99),
    white: z.number().finite().min(1).max(100),
    gamma: z.number().finite().min(0.2).max(5),
    contrast: z.number().finite().min(-1).max(1),
    denoise: z.number().finite().min(0).max(1).optional(),
  })
  .refine((t) => t.white > t.black, 'the white point must be above the black point');

/** A named colour the project keeps, with where it came from ("Union blue, sack coat — source: …"). */
export const PaletteColorSchema = z.object({
  id: Id,
  name: z.string().trim().min(1).max(200),
  a: Ab,
  b: Ab,
  note: z.string().max(4000).optional(),
  source: ColorSourceSchema.optional(),
});

/** A colour reference attached to a project: an image stored by its SHA-256 beside the originals (never
 * altered), with its own provenance. Colours picked from it and hints proposed from it name it. */
export const ReferenceSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/, 'a reference is named by its SHA-256'),
  name: z.string().min(1).max(255),
  width: z.number().int().positive().max(1e6),
  height: z.number().int().positive().max(1e6),
  title: z.string().trim().min(1).max(200),
  source: z.string().max(2000),
  rights: z.string().max(2000),
  note: z.string().max(4000),
});

/** Falloff distance as a fraction of the image diagonal (1 means hints reach everywhere), or 'edges':
 * hints reach everywhere short of a strong tonal edge (shared/imaging/hint-reach.ts). */
export const ReachSchema = z.union([z.number().finite().min(0.02).max(1), z.literal('edges')]);
export type Reach = z.infer<typeof ReachSchema>;

/** Faithful (0) to vivid (1): the guide's `vividness` input (model contract 2). */
export const VividnessSchema = z.number().finite().min(0).max(1);

/** The one bound on how much geometry a guidance (a request, an edit, a recipe) may carry. */
export function withinPointLimit(g: { strokes: readonly { points: readonly unknown[] }[]; regions: readonly { polygon: readonly unknown[] }[] }, ctx: z.RefinementCtx): void {
  let n = 0;
  for (const s of g.strokes) n += s.points.length;
  for (const r of g.regions) n += r.polygon.length;
  if (n > MAX_GUIDANCE_POINTS) ctx.addIssue({ code: 'custom', path: ['strokes'], message: `strokes and regions have ${n} points in all; at most ${MAX_GUIDANCE_POINTS} are allowed` });
}

/** Everything the user gives the network. Absent `color` means neutral, absent `tone` as scanned, absent
 * `reach` up to strong edges (shared/imaging/hint-reach.ts), absent `vividness` the guide's own default. */
export const GuidanceSchema = z.object({
  hints: z.array(HintSchema).max(10_000),
  strokes: z.array(StrokeSchema).max(2_000),
  regions: z.array(RegionSchema).max(2_000),
  color: ColorAdjustSchema.optional(),
  palette: z.array(PaletteColorSchema).max(500).optional(),
  tone: ToneAdjustSchema.optional(),
  reach: ReachSchema.optional(),
  vividness: VividnessSchema.optional(),
  references: z.array(ReferenceSchema).max(100).optional(),
}).superRefine(withinPointLimit);
