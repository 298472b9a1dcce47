// The schema of one colour hint, shared by the IPC contract and the recipe format.
import { z } from 'zod';

export const coordinate = z.number().finite().min(-1e6).max(1e6);

/** Where a colour was taken from: a reference image attached to the project (by its SHA-256), at a
 * pixel of it (its own pixels, EXIF orientation applied); `confidence` (0..1) when a transfer from the
 * reference proposed it (shared/network/reference-transfer.ts) rather than the eyedropper. */
export const ColorSourceSchema = z.object({
  reference: z.string().regex(/^[0-9a-f]{64}$/, 'a reference is named by its SHA-256'),
  x: z.number().finite().min(0).max(1e6),
  y: z.number().finite().min(0).max(1e6),
  confidence: z.number().finite().min(0).max(1).optional(),
});

export const HintSchema = z.object({
  id: z.string().min(1).max(64),
  x: coordinate,
  y: coordinate,
  radius: z.number().finite().min(0).max(512),
  a: z.number().finite().min(-128).max(128),
  b: z.number().finite().min(-128).max(128),
  note: z.string().max(4000).optional(),
  source: ColorSourceSchema.optional(),
});

