// `--hints FILE`: the hints of a batch in original pixel coordinates, either a plain JSON list of points,
// [{"x": 120, "y": 80, "color": "#3a6ea5", "radius": 3}], or an object with every kind of hint:
// {"points": [...], "strokes": [{"points": [[x, y], ...], "width": W, "color": "#rrggbb"}],
//  "regions": [{"polygon": [[x, y], ...], "color": "#rrggbb", "keep": false}]}.
// Regions are masks exactly as in the studio (shared/imaging/region-mask.ts): optional "feather" (pixels) and
// "snap" (to the scan's edges).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { hexToRgb, rgbToLab } from '../../../shared/imaging/color';
import type { Guidance } from '../../../shared/model/guidance';
import { RegionSchema, StrokeSchema } from '../../../shared/model/guidance-schema';
import { coordinate, HintSchema } from '../../../shared/model/hint-schema';

const Color = z.string().regex(/^#?[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
const XY = z.tuple([coordinate, coordinate]);

const PointSchema = z.object({
  x: coordinate,
  y: coordinate,
  color: Color,
  radius: HintSchema.shape.radius.default(3),
  note: z.string().max(4000).optional(),
});

const FileStrokeSchema = z.object({
  points: z.array(XY).min(1).max(20_000),
  width: StrokeSchema.shape.width,
  color: Color,
  note: z.string().max(4000).optional(),
});

const FileRegionSchema = z
  .object({
    polygon: z.array(XY).min(3).max(20_000),
    color: Color.optional(),
    keep: z.boolean().default(false),
    feather: RegionSchema.shape.feather,
    snap: RegionSchema.shape.snap,
    note: z.string().max(4000).optional(),
  })
  .refine((r) => r.keep || r.color !== undefined, { message: 'a coloured region needs a colour (or "keep": true)', path: ['color'] });

const PointsSchema = z.array(PointSchema).max(10_000);

export const HintsFileSchema = z.union([
  PointsSchema,
  z.object({
    points: PointsSchema.default([]),
    strokes: z.array(FileStrokeSchema).max(2_000).default([]),
    regions: z.array(FileRegionSchema).max(2_000).default([]),
  }).strict(),
]);

export type HintsFile = z.infer<typeof HintsFileSchema>;

/** What a hints file gives the network and the compositor. */
export type Marks = Pick<Guidance, 'hints' | 'strokes' | 'regions'>;

export const NO_MARKS: Marks = { hints: [], strokes: [], regions: [] };

const ab = (hex: string): { a: number; b: number } => {
  const [, a, b] = rgbToLab(...(hexToRgb(hex) as [number, number, number]));
  return { a, b };
};
const note = (n: string | undefined) => (n ? { note: n } : {});
const xy = ([x, y]: readonly [number, number]) => ({ x, y });

export function marksOf(data: HintsFile): Marks {
  const file = Array.isArray(data) ? { points: data, strokes: [], regions: [] } : data;
  return {
    hints: file.points.map((p, i) => ({ id: `p${i + 1}`, x: p.x, y: p.y, radius: p.radius, ...ab(p.color), ...note(p.note) })),
    strokes: file.strokes.map((s, i) => ({ id: `s${i + 1}`, points: s.points.map(xy), width: s.width, ...ab(s.color), ...note(s.note) })),
    regions: file.regions.map((r, i) => ({
      id: `r${i + 1}`,
      polygon: r.polygon.map(xy),
      ...(r.keep || !r.color ? { a: 0, b: 0 } : ab(r.color)),
      keep: r.keep,
      ...(r.feather !== undefined ? { feather: r.feather } : {}),
      ...(r.snap !== undefined ? { snap: r.snap } : {}),
      ...note(r.note),
    })),
  };
}

export function readHintsFile(file: string): Marks {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`--hints ${file}: not readable JSON (${(e as Error).message})`);
  }
  const parsed = HintsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = Array.isArray(data) ? parsed.error.issues[0] : (parsed.error.issues.find((i) => i.code !== 'invalid_union') ?? parsed.error.issues[0]);
    const deep = issue.code === 'invalid_union' && 'errors' in issue ? (issue.errors as z.core.$ZodIssue[][]).find((e) => e.length > 0)?.[0] : null;
    const shown = deep ?? issue;
    const at = [...(deep ? issue.path : []), ...shown.path].join('.');
    throw new Error(`--hints ${file}: at ${at || 'the top'}: ${shown.message}`);
  }
  return marksOf(parsed.data);
}
