// The sidecar recipe (NAME.tintype.json): everything needed to reproduce an export from its original.
// Versioned; readers upgrade older versions through RECIPE_UPGRADES before validating.
import { z } from 'zod';
import { ColorAdjustSchema, PaletteColorSchema, ReachSchema, ReferenceSchema, RegionSchema, StrokeSchema, ToneAdjustSchema, VividnessSchema, withinPointLimit } from './guidance-schema';
import { HintSchema } from './hint-schema';
import { CatalogFieldsSchema, NoteFieldsSchema } from './catalog-schema';

export const RECIPE_FORMAT = 'tintype.recipe';
export const RECIPE_VERSION = 8;

export const EXPORT_FORMATS = ['tiff16', 'png8', 'png16', 'jpeg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const Iso = z.string().min(1).max(40);
const Sha = z.string().regex(/^[0-9a-f]{64}$/);

/** The vividness the guide ran at, and the guide's own default; null where the model takes none. */
export const RecipeVividnessSchema = z.object({ value: VividnessSchema, default: VividnessSchema }).nullable();

export const RecipeSchema = z.object({
  format: z.literal(RECIPE_FORMAT),
  version: z.literal(RECIPE_VERSION),
  app: z.object({ name: z.string(), version: z.string() }),
  original: z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), width: z.number().int().positive(), height: z.number().int().positive() }),
  /** The file that outputs the colour (contract 1's colorizer, contract 2's guide), and contract 2's prior. */
  model: z.object({ file: z.string(), sha256: Sha, contract: z.string(), prior: z.object({ file: z.string(), sha256: Sha }).optional() }),
  workingSize: z.object({ width: z.number().int().min(64).max(1024), height: z.number().int().min(64).max(1024) }),
  upsampling: z.literal('joint-bilateral-l'),
  hints: z.array(HintSchema).max(10_000),
  strokes: z.array(StrokeSchema).max(2_000),
  regions: z.array(RegionSchema).max(2_000),
  color: ColorAdjustSchema,
  palette: z.array(PaletteColorSchema).max(500),
  tone: ToneAdjustSchema,
  reach: ReachSchema,
  vividness: RecipeVividnessSchema,
  /** The colour references attached to the project (by SHA-256, with their provenance); hints and
   * palette colours taken from one name it in their `source`. */
  references: z.array(ReferenceSchema).max(100),
  output: z.object({
    format: z.enum(EXPORT_FORMATS),
    quality: z.number().int().min(1).max(100).optional(),
    badge: z.boolean(),
  }),
  project: CatalogFieldsSchema.optional(),
  notes: z.array(NoteFieldsSchema.extend({ target: z.string().max(100), createdAt: Iso })).max(10_000),
  history: z.array(z.object({ action: z.string(), when: Iso, description: z.string(), parameters: z.string(), version: z.string().optional() })),
  createdAt: Iso,
}).superRefine(withinPointLimit);

export type Recipe = z.infer<typeof RecipeSchema>;

/** Upgrades from each older version to the next; index i upgrades version i + 1. */
const RECIPE_UPGRADES: ((r: Record<string, unknown>) => Record<string, unknown>)[] = [
  // 1 -> 2: strokes and regions joined the points.
  (r) => ({ ...r, version: 2, strokes: [], regions: [] }),
  // 2 -> 3: global colour controls and the project palette.
  (r) => ({ ...r, version: 3, color: { saturation: 1, vibrance: 0, warmth: 0 }, palette: [] }),
  // 3 -> 4: tone restoration of the scan's L*.
  (r) => ({ ...r, version: 4, tone: { black: 0, white: 100, gamma: 1, contrast: 0 } }),
  // 4 -> 5: hint reach; before it, hints reached everywhere.
  (r) => ({ ...r, version: 5, reach: 1 }),
  // 5 -> 6: vividness (model contract 2); before it, no model took one.
  (r) => ({ ...r, version: 6, vividness: null }),
  // 6 -> 7: colour references; before them, no project had any.
  (r) => ({ ...r, version: 7, references: [] }),
  // 7 -> 8: the reach may be 'edges' (up to strong edges, the new default); older numbers keep their meaning.
  (r) => ({ ...r, version: 8 }),
];

export type RecipeParse = { ok: true; recipe: Recipe } | { ok: false; message: string };

export function parseRecipe(text: string): RecipeParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The recipe is not valid JSON.' };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== RECIPE_FORMAT) {
    return { ok: false, message: 'This file is not a Tintype recipe (expected "format": "tintype.recipe").' };
  }
  let doc = data as Record<string, unknown>;
  const version = Number(doc.version);
  if (!Number.isInteger(version) || version < 1) return { ok: false, message: 'The recipe has no valid version.' };
  if (version > RECIPE_VERSION) return { ok: false, message: `This recipe was written by a newer Tintype (recipe version ${version}); update the app.` };
  for (let v = version; v < RECIPE_VERSION; v++) doc = RECIPE_UPGRADES[v - 1](doc);
  const parsed = RecipeSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `The recipe is invalid at ${issue.path.join('.') || 'its root'}: ${issue.message}` };
  }
  return { ok: true, recipe: parsed.data };
}
