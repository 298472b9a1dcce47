// A collection palette: a project's palette as a small JSON file (NAME.palette.json) another project or
// the batch CLI takes in, so a colour decided once (the regiment's coat, the house's shutters) is the
// same across a collection. Every colour keeps its provenance: its note and, when it was taken from a
// reference, that reference (SHA-256, title, source, rights) and the pixel of it.
import { z } from 'zod';
import { deltaE2000 } from '../imaging/color';
import type { Guidance, PaletteColor } from './guidance';
import { PaletteColorSchema, ReferenceSchema } from './guidance-schema';
import type { Hint } from './hints';

export const PALETTE_FORMAT = 'tintype.palette';
export const PALETTE_VERSION = 1;

export const CollectionPaletteSchema = z.object({
  format: z.literal(PALETTE_FORMAT),
  version: z.literal(PALETTE_VERSION),
  /** The project it was exported from (its title). */
  from: z.string().max(200),
  exportedAt: z.string().min(1).max(40),
  colors: z.array(PaletteColorSchema).min(1).max(500),
  /** The references the colours' sources name (their bytes stay in the library they came from). */
  references: z.array(ReferenceSchema).max(100),
});

export type CollectionPalette = z.infer<typeof CollectionPaletteSchema>;

/** The project's palette as a collection palette; null when it has no colours. */
export function exportPalette(g: Pick<Guidance, 'palette' | 'references'>, from: string, at: string): CollectionPalette | null {
  const colors = g.palette ?? [];
  if (!colors.length) return null;
  const named = new Set(colors.flatMap((c) => (c.source ? [c.source.reference] : [])));
  return { format: PALETTE_FORMAT, version: PALETTE_VERSION, from, exportedAt: at, colors, references: (g.references ?? []).filter((r) => named.has(r.id)) };
}

export type PaletteParse = { ok: true; palette: CollectionPalette } | { ok: false; message: string };

export function parsePalette(text: string): PaletteParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The palette file is not valid JSON.' };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== PALETTE_FORMAT) {
    return { ok: false, message: `This file is not a Tintype collection palette (expected "format": "${PALETTE_FORMAT}").` };
  }
  const parsed = CollectionPaletteSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `The palette file is invalid at ${issue.path.join('.') || 'its root'}: ${issue.message}` };
  }
  return { ok: true, palette: parsed.data };
}

const sameColor = (p: PaletteColor, q: PaletteColor): boolean => p.name === q.name && Math.abs(p.a - q.a) < 0.5 && Math.abs(p.b - q.b) < 0.5;

/** The colours of `palette` a project does not have yet, with fresh ids; each keeps its source, and a
 * note saying which collection palette it came from. */
export function paletteToImport(palette: CollectionPalette, existing: readonly PaletteColor[], newId: () => string): PaletteColor[] {
  return palette.colors
    .filter((c) => !existing.some((e) => sameColor(e, c)))
    .map((c) => ({ ...c, id: newId(), note: [c.note, `from the collection palette of “${palette.from}”`].filter(Boolean).join(' — ').slice(0, 4000) }));
}

/** Proposals within `within` ΔE00 (at their own L*) of a palette colour take that colour exactly, so a
 * colour decided once is the same in every image; the rest keep the reference's colour. */
export function snapToPalette(hints: readonly Hint[], palette: readonly PaletteColor[], lightness: (h: Hint) => number, within = 10): Hint[] {
  if (!palette.length) return [...hints];
  return hints.map((h) => {
    const l = lightness(h);
    let best: PaletteColor | null = null;
    let bestE = within;
    for (const c of palette) {
      const e = deltaE2000([l, h.a, h.b], [l, c.a, c.b]);
      if (e < bestE) [best, bestE] = [c, e];
    }
    return best ? { ...h, a: best.a, b: best.b, note: [h.note, `palette colour “${best.name}”`].filter(Boolean).join(' — ') } : h;
  });
}
