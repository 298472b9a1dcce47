// The schema of one colour hint, shared by the IPC contract and the recipe format.
import { z } from 'zod';

export const coordinate = z.number().finite().min(-1e6).max(1e6);

export const HintSchema = z.object({
  id: z.string().min(1).max(64),
  x: coordinate,
  y: coordinate,
  radius: z.number().finite().min(0).max(512),
  a: z.number().finite().min(-128).max(128),
  b: z.number().finite().min(-128).max(128),
  note: z.string().max(4000).optional(),
});

