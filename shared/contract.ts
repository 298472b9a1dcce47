// The one IPC contract: every channel's payload schema (validated on the Node side) and result type.
// Both transports (Electron IPC and the loopback browser host) carry exactly these calls.
import { z } from 'zod';
import type { Result } from './errors';
import type { Suggestion } from './suggest';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'an image id is a lowercase SHA-256');

const coordinate = z.number().finite().min(-1e6).max(1e6);

export const HintSchema = z.object({
  id: z.string().min(1).max(64),
  x: coordinate,
  y: coordinate,
  radius: z.number().finite().min(0).max(512),
  a: z.number().finite().min(-128).max(128),
  b: z.number().finite().min(-128).max(128),
  note: z.string().max(4000).optional(),
});

const Hints = z.array(HintSchema).max(10_000);
const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Largest file accepted for import (bytes). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export const schemas = {
  importImage: z.object({
    name: z.string().min(1).max(255),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_BYTES, 'file larger than 512 MiB'),
  }),
  listImages: z.object({}),
  getDisplayImage: z.object({ imageId: Sha256 }),
  colorize: z.object({ imageId: Sha256, revision: z.number().int().nonnegative(), hints: Hints }),
  suggestColors: z.object({ imageId: Sha256, hints: Hints, x: coordinate, y: coordinate, count: z.number().int().min(1).max(12) }),
  loadHints: z.object({ imageId: Sha256 }),
  saveHints: z.object({ imageId: Sha256, hints: Hints }),
  exportImage: z.object({ imageId: Sha256, hints: Hints, format: z.enum(['png']), jobId: JobId }),
  readExport: z.object({ fileName: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/) }),
  cancelJob: z.object({ jobId: JobId }),
  modelInfo: z.object({}),
} as const;

export interface ImageInfo {
  id: string;
  name: string;
  width: number;
  height: number;
  format: string;
  bitDepth: number;
  channels: number;
  importedAt: string;
}

export interface DisplayImage {
  width: number;
  height: number;
  /** PNG bytes of the oriented image at display size (long side at most 2048). */
  png: Uint8Array;
}

export type ColorizeResult =
  | { stale: true; revision: number }
  | {
      stale: false;
      revision: number;
      width: number;
      height: number;
      /** Int8 pairs (a*, b*) per working pixel, row-major, interleaved. */
      ab: Uint8Array;
      millis: number;
    };

export interface ExportResult {
  fileName: string;
  width: number;
  height: number;
  bytes: number;
}

export interface ModelInfo {
  contract: string;
  file: string;
  sha256: string;
  trainSteps: string;
  trainData: string;
  created: string;
}

export interface Results {
  importImage: ImageInfo;
  listImages: ImageInfo[];
  getDisplayImage: DisplayImage;
  colorize: ColorizeResult;
  suggestColors: { colors: Suggestion[] };
  loadHints: { hints: z.infer<typeof Hints> };
  saveHints: { savedAt: string };
  exportImage: ExportResult;
  readExport: { bytes: Uint8Array };
  cancelJob: { cancelled: boolean };
  modelInfo: ModelInfo;
}

export type Channel = keyof typeof schemas;
export type Args<C extends Channel> = z.input<(typeof schemas)[C]>;
export type HintData = z.infer<typeof HintSchema>;

export interface ProgressEvent {
  jobId: string;
  value: number;
  title: string;
}

/** What the renderer holds: one async function per channel, plus progress subscription. */
export type TintypeApi = { [C in Channel]: (args: Args<C>) => Promise<Result<Results[C]>> } & {
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Electron only: commands from the native menu ("open", "export", "undo", "redo"). */
  onMenu?(listener: (command: string) => void): () => void;
};
