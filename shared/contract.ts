// The one IPC contract: every channel's payload schema (validated on the Node side) and result type.
// Both transports (Electron IPC and the loopback browser host) carry exactly these calls.
import { z } from 'zod';
import type { Result } from './errors';
import type { Note, ProjectState, ProjectSummary, HistoryView } from './project';
import type { Suggestion } from './suggest';
import { EXPORT_FORMATS } from './recipe';
import { coordinate, HintSchema } from './hint-schema';
import { GuidanceSchema } from './guidance-schema';
import { OperationSchema } from './operation-schema';
import type { Guidance } from './guidance';

export { HintSchema, OperationSchema };

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'an image id is a lowercase SHA-256');

const HintId = z.string().min(1).max(64);

const ProjectId = z.string().regex(/^[0-9a-f]{16}$/, 'a project id is 16 hex digits');
const StepId = z.number().int().positive().nullable();
const Text = (max: number) => z.string().max(max);
const Thumbnail = z.instanceof(Uint8Array).refine((b) => b.byteLength <= 512 * 1024, 'thumbnail larger than 512 KiB');

export const CatalogMetaSchema = z.object({
  title: z.string().min(1, 'a project needs a title').max(300),
  collection: Text(300),
  accession: Text(200),
  photographer: Text(300),
  date: Text(100),
  source: Text(2000),
  rights: Text(2000),
  tags: z.array(z.string().min(1).max(60)).max(100),
});

const NoteTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project') }),
  z.object({ kind: z.literal('version'), id: z.number().int().positive() }),
  z.object({ kind: z.literal('hint'), id: HintId }),
]);

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
  colorize: z.object({ imageId: Sha256, revision: z.number().int().nonnegative(), guidance: GuidanceSchema }),
  /** Ready an image for editing (its working L* and, with a contract-2 model, its prior), with progress. */
  prepareImage: z.object({ imageId: Sha256, guidance: GuidanceSchema, jobId: JobId }),
  suggestColors: z.object({ imageId: Sha256, guidance: GuidanceSchema, x: coordinate, y: coordinate, count: z.number().int().min(1).max(12) }),
  listProjects: z.object({ query: Text(200), sort: z.enum(['updated', 'created', 'title']) }),
  openImageProject: z.object({ imageId: Sha256 }),
  openProject: z.object({ projectId: ProjectId }),
  applyEdit: z.object({ projectId: ProjectId, base: StepId, op: OperationSchema }),
  undo: z.object({ projectId: ProjectId }),
  redo: z.object({ projectId: ProjectId }),
  checkout: z.object({ projectId: ProjectId, opId: StepId }),
  createVersion: z.object({ projectId: ProjectId, name: z.string().trim().min(1, 'a version needs a name').max(200), thumbnail: Thumbnail.nullable() }),
  renderVersion: z.object({ projectId: ProjectId, versionId: z.number().int().positive(), longSide: z.number().int().min(64).max(2048) }),
  versionGuidance: z.object({ projectId: ProjectId, versionId: z.number().int().positive() }),
  addNote: z.object({ projectId: ProjectId, target: NoteTargetSchema, text: z.string().trim().min(1, 'a note needs text').max(20_000), author: Text(200), source: Text(2000) }),
  updateProject: z.object({ projectId: ProjectId, meta: CatalogMetaSchema }),
  setThumbnail: z.object({ projectId: ProjectId, png: Thumbnail }),
  trashProject: z.object({ projectId: ProjectId }),
  restoreProject: z.object({ projectId: ProjectId }),
  exportImage: z.object({ projectId: ProjectId, format: z.enum(EXPORT_FORMATS), quality: z.number().int().min(1).max(100).optional(), badge: z.boolean(), jobId: JobId }),
  importRecipe: z.object({ imageId: Sha256, recipe: z.string().min(2).max(20 * 1024 * 1024) }),
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

/** Where an opened image's prior came from ('none' under contract 1) and how long getting it took. */
export interface PreparedImage {
  prior: 'none' | 'memory' | 'disk' | 'computed';
  millis: number;
}

export interface ExportResult {
  fileName: string;
  /** The sidecar recipe beside it (NAME.tintype.json). */
  sidecarName: string;
  width: number;
  height: number;
  bytes: number;
}

export interface ModelInfo {
  contract: string;
  /** The file that outputs the colour: contract 1's colorizer, contract 2's guide. */
  file: string;
  sha256: string;
  /** Contract 2's per-image prior; null under contract 1. */
  prior: { file: string; sha256: string } | null;
  /** The guide's default vividness; null where the model has no vividness control (contract 1). */
  vividnessDefault: number | null;
  trainSteps: string;
  trainData: string;
  created: string;
}

/** The state on screen after a move in the history. */
export interface HistoryMove {
  guidance: Guidance;
  history: HistoryView;
}

export interface Results {
  importImage: ImageInfo;
  listImages: ImageInfo[];
  getDisplayImage: DisplayImage;
  colorize: ColorizeResult;
  prepareImage: PreparedImage;
  suggestColors: { colors: Suggestion[] };
  listProjects: ProjectSummary[];
  openImageProject: ProjectState;
  openProject: ProjectState;
  applyEdit: { head: number; history: HistoryView };
  undo: HistoryMove;
  redo: HistoryMove;
  checkout: HistoryMove;
  createVersion: { versionId: number; history: HistoryView };
  renderVersion: { width: number; height: number; png: Uint8Array };
  versionGuidance: { guidance: Guidance };
  addNote: { notes: Note[] };
  updateProject: ProjectSummary;
  setThumbnail: { saved: true };
  trashProject: { trashed: true };
  restoreProject: ProjectSummary;
  exportImage: ExportResult;
  importRecipe: { state: ProjectState; warnings: string[] };
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
  /** Electron only: commands from the native menu, by their id in shared/commands.ts. */
  onMenu?(listener: (command: string) => void): () => void;
};
