// Suggestions say what the network would put somewhere on its own, not what a hint there already says
// (as in Zhang et al.'s ideepcolor): the guidance a suggestion is computed from leaves out the selected
// hint, stroke or region, and, at the pointer, every point or stroke within a few pixels of it.
import { z } from 'zod';
import type { Guidance, Point } from '../model/guidance';
import type { Size } from './working-size';

export const SuggestExcludeSchema = z.object({ kind: z.enum(['hint', 'stroke', 'region']), id: z.string().min(1).max(64) });
export type SuggestExclude = z.infer<typeof SuggestExcludeSchema>;

/** Points and strokes this close to the pointer (in working-size pixels) are left out of its suggestions. */
export const NEAR_POINTER = 4;

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

/** The guidance a suggestion at `at` (original pixels) is computed from. */
export function leaveOneOut(g: Guidance, at: Point, image: Size, work: Size, exclude?: SuggestExclude): Guidance {
  const near = (NEAR_POINTER * Math.max(image.width, image.height)) / Math.max(work.width, work.height);
  const hints = g.hints.filter((h) => !(exclude?.kind === 'hint' && exclude.id === h.id) && Math.max(Math.abs(h.x - at.x), Math.abs(h.y - at.y)) > h.radius + near);
  const strokes = g.strokes.filter((s) => {
    if (exclude?.kind === 'stroke' && exclude.id === s.id) return false;
    if (s.purpose !== undefined && s.purpose !== 'color') return true;
    return !s.points.some((p, i) => segmentDistance(at, p, s.points[Math.min(s.points.length - 1, i + 1)]) <= s.width / 2 + near);
  });
  const regions = g.regions.filter((r) => !(exclude?.kind === 'region' && exclude.id === r.id));
  return { ...g, hints, strokes, regions };
}
