// The schema of every kind of edit, as stored in a project's operation log and sent over the contract's
// applyEdit. `Operation` (shared/model/history.ts) is inferred from it.
import { z } from 'zod';
import { ColorSourceSchema, HintSchema } from './hint-schema';
import { ColorAdjustSchema, GuidanceSchema, PaletteColorSchema, ReachSchema, ReferenceSchema, RegionSchema, StrokeSchema, ToneAdjustSchema, VividnessSchema } from './guidance-schema';

const Hints = z.array(HintSchema).max(10_000);
const ItemId = z.string().min(1).max(64);

/** `source: null` takes a hint's source away (a colour chosen afresh no longer came from a reference). */
export const HintPatchSchema = HintSchema.omit({ id: true }).partial().extend({ source: ColorSourceSchema.nullable().optional() });
export const StrokePatchSchema = StrokeSchema.omit({ id: true }).partial();
export const RegionPatchSchema = RegionSchema.omit({ id: true }).partial();
export const PalettePatchSchema = PaletteColorSchema.omit({ id: true }).partial();
export const ReferencePatchSchema = ReferenceSchema.pick({ title: true, source: true, rights: true, note: true }).partial();

/** The kinds that patch one hint; they differ only in what the history calls them. */
export const HINT_PATCH_KINDS = ['hint.move', 'hint.recolor', 'hint.resize', 'hint.note', 'hint.update'] as const;

export const OperationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hint.add'), hint: HintSchema }),
  z.object({ kind: z.literal('hint.remove'), id: ItemId }),
  z.object({ kind: z.enum(HINT_PATCH_KINDS), id: ItemId, to: HintPatchSchema }),
  z.object({ kind: z.literal('hints.set'), hints: Hints }),
  /** Several hints as one step: proposals accepted from a reference (shared/network/reference-transfer.ts). */
  z.object({ kind: z.literal('hints.add'), hints: Hints.min(1) }),
  z.object({ kind: z.literal('stroke.add'), stroke: StrokeSchema }),
  z.object({ kind: z.literal('stroke.remove'), id: ItemId }),
  z.object({ kind: z.literal('stroke.update'), id: ItemId, to: StrokePatchSchema }),
  z.object({ kind: z.literal('region.add'), region: RegionSchema }),
  z.object({ kind: z.literal('region.remove'), id: ItemId }),
  z.object({ kind: z.literal('region.update'), id: ItemId, to: RegionPatchSchema }),
  z.object({ kind: z.literal('guidance.set'), guidance: GuidanceSchema }),
  z.object({ kind: z.literal('color.set'), color: ColorAdjustSchema }),
  z.object({ kind: z.literal('tone.set'), tone: ToneAdjustSchema }),
  z.object({ kind: z.literal('reach.set'), reach: ReachSchema }),
  z.object({ kind: z.literal('vividness.set'), vividness: VividnessSchema }),
  z.object({ kind: z.literal('palette.add'), color: PaletteColorSchema }),
  z.object({ kind: z.literal('palette.remove'), id: ItemId }),
  z.object({ kind: z.literal('palette.update'), id: ItemId, to: PalettePatchSchema }),
  /** Several palette colours as one step: a collection palette imported (shared/model/collection-palette.ts). */
  z.object({ kind: z.literal('palette.import'), colors: z.array(PaletteColorSchema).min(1).max(500) }),
  z.object({ kind: z.literal('reference.add'), reference: ReferenceSchema }),
  z.object({ kind: z.literal('reference.remove'), id: ItemId }),
  z.object({ kind: z.literal('reference.update'), id: ItemId, to: ReferencePatchSchema }),
]);
