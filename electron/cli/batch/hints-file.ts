// `--hints FILE`: a plain JSON list of points in original pixel coordinates,
// [{"x": 120, "y": 80, "color": "#3a6ea5", "radius": 3}], turned into the app's hints.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { hexToRgb, rgbToLab } from '../../../shared/color';
import type { Hint } from '../../../shared/hints';

const PointSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  color: z.string().regex(/^#?[0-9a-fA-F]{6}$/, 'a colour is #rrggbb'),
  radius: z.number().finite().min(0).max(512).default(3),
  note: z.string().max(4000).optional(),
});

export function readHintsFile(file: string): Hint[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`--hints ${file}: not readable JSON (${(e as Error).message})`);
  }
  const parsed = z.array(PointSchema).max(10_000).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--hints ${file}: at ${issue.path.join('.') || 'the top'}: ${issue.message}`);
  }
  return parsed.data.map((p, i) => {
    const [, a, b] = rgbToLab(...(hexToRgb(p.color) as [number, number, number]));
    return { id: `p${i + 1}`, x: p.x, y: p.y, radius: p.radius, a, b, ...(p.note ? { note: p.note } : {}) };
  });
}
