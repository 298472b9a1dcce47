// The one IPC contract: every channel's payload schema (validated on the Node side) and result type.
// Both transports (Electron IPC and the loopback browser host) carry exactly these calls.
import { z } from 'zod';
import type { Result } from './errors';
import type { HistoryView, ImageInfo, Note, ProjectState, ProjectSummary } from '../model/project';
import type { Suggestion } from '../network/suggest';
import { EXPORT_FORMATS } from '../model/recipe';
import { coordinate, HintSchema } from '../model/hint-schema';
import { GuidanceSchema } from '../model/guidance-schema';
import { OperationSchema } from '../model/operation-schema';
import type { Guidance } from '../model/guidance';
import { CatalogMetaSchema, NoteFieldsSchema } from '../model/catalog-schema';

export { CatalogMetaSchema };
import { SuggestExcludeSchema } from '../network/leave-one-out';

export { HintSchema, OperationSchema };

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'an image id is a lowercase SHA-256');

const HintId = z.string().min(1).max(64);

const ProjectId = z.string().regex(/^[0-9a-f]{16}$/, 'a project id is 16 hex digits');
const StepId = z.number().int().positive().nullable();
const Text = (max: number) => z.string().max(max);
const Thumbnail = z.instanceof(Uint8Array).refine((b) => b.byteLength <= 512 * 1024, 'thumbnail larger than 512 KiB');

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
  /** `exclude`: the selected hint, stroke or region, left out so the suggestions say what the network would put there. */
  suggestColors: z.object({ imageId: Sha256, guidance: GuidanceSchema, x: coordinate, y: coordinate, count: z.number().int().min(1).max(12), exclude: SuggestExcludeSchema.optional() }),
  listProjects: z.object({ query: Text(200), sort: z.enum(['updated', 'created', 'title']) }),
  openImageProject: z.object({ imageId: Sha256 }),
  openProject: z.object({ projectId: ProjectId }),
  closeProject: z.object({ projectId: ProjectId }),
  applyEdit: z.object({ projectId: ProjectId, base: StepId, op: OperationSchema }),
  undo: z.object({ projectId: ProjectId }),
  redo: z.object({ projectId: ProjectId }),
  checkout: z.object({ projectId: ProjectId, opId: StepId }),
  createVersion: z.object({ projectId: ProjectId, name: z.string().trim().min(1, 'a version needs a name').max(200), thumbnail: Thumbnail.nullable() }),
  renderVersion: z.object({ projectId: ProjectId, versionId: z.number().int().positive(), longSide: z.number().int().min(64).max(2048) }),
  /** Any step's colorization at thumbnail size, for the history's hover previews (null: the start). */
  renderStep: z.object({ projectId: ProjectId, opId: StepId, longSide: z.number().int().min(64).max(512) }),
  versionGuidance: z.object({ projectId: ProjectId, versionId: z.number().int().positive() }),
  addNote: NoteFieldsSchema.extend({ projectId: ProjectId, target: NoteTargetSchema }),
  updateProject: z.object({ projectId: ProjectId, meta: CatalogMetaSchema }),
  setThumbnail: z.object({ projectId: ProjectId, png: Thumbnail }),
  trashProject: z.object({ projectId: ProjectId }),
  restoreProject: z.object({ projectId: ProjectId }),
  exportImage: z.object({ projectId: ProjectId, format: z.enum(EXPORT_FORMATS), quality: z.number().int().min(1).max(100).optional(), badge: z.boolean(), proof: z.boolean().optional(), c2pa: z.boolean().optional(), jobId: JobId }),
  importRecipe: z.object({ imageId: Sha256, recipe: z.string().min(2).max(20 * 1024 * 1024) }),
  readExport: z.object({ fileName: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/, 'an export name (not a hidden or temporary file)') }),
  /** A colour reference (a uniform, a paint chip, a later colour photograph): stored by SHA-256, never altered. */
  importReference: z.object({
    name: z.string().min(1).max(255),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_BYTES, 'file larger than 512 MiB'),
  }),
  getReferenceImage: z.object({ referenceId: Sha256 }),
  /** Proposed hints for the scan from one of its references (shared/network/reference-transfer.ts), as a job. */
  suggestFromReference: z.object({ imageId: Sha256, referenceId: Sha256, guidance: GuidanceSchema, jobId: JobId }),
  cancelJob: z.object({ jobId: JobId }),
  modelInfo: z.object({}),
  signingIdentity: z.object({}),
  importSigningIdentity: z.object({ keyPem: z.string().min(1).max(64 * 1024), certPem: z.string().min(1).max(256 * 1024) }),
} as const;

/** An imported original as the library records it (shared/model/project.ts). */
export type { ImageInfo };

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
      /** The L* the network saw (restored), L* / 100 · 255 per working pixel: the guide of the preview's
       * edge-aware upsampling, as the export's is the full-precision one. */
      l: Uint8Array;
      millis: number;
    };

/** A colour reference as the library stores it. */
export interface ReferenceImage {
  id: string;
  name: string;
  width: number;
  height: number;
  format: string;
  importedAt: string;
}

/** Where an opened image's prior came from ('none' under contract 1) and how long getting it took. */
export interface PreparedImage {
  prior: 'none' | 'memory' | 'disk' | 'computed';
  millis: number;
}

export const SIGNING_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'Ed25519'] as const;

/** Who signs the library's Content Credentials, as the studio and CLI show it. */
export const SigningIdentityInfoSchema = z.object({
  /** generated on first use, imported from the archive's PEM pair, or given as files to the CLI. */
  kind: z.enum(['generated', 'imported', 'files']),
  subject: z.string(),
  issuer: z.string(),
  notAfter: z.string(),
  algorithm: z.enum(SIGNING_ALGORITHMS),
  /** SHA-256 of the signing certificate, colon-separated hex. */
  fingerprint: z.string(),
  /** Whether a public C2PA trust list vouches for it; a generated identity never does. */
  publiclyTrusted: z.boolean(),
  note: z.string(),
});
export type SigningIdentityInfo = z.infer<typeof SigningIdentityInfoSchema>;

export interface ExportResult {
  fileName: string;
  /** The sidecar recipe beside it (NAME.tintype.json). */
  sidecarName: string;
  /** The annotated proof sheet beside it (NAME.proof.pdf and NAME.proof.png), when one was asked for. */
  proof?: { pdfName: string; pngName: string; pages: number };
  /** The Content Credentials embedded, when signing was asked for. */
  c2pa?: { manifestBytes: number; signer: SigningIdentityInfo };
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
  closeProject: { closed: boolean };
  applyEdit: { head: number; history: HistoryView };
  undo: HistoryMove;
  redo: HistoryMove;
  checkout: HistoryMove;
  createVersion: { versionId: number; history: HistoryView };
  renderVersion: { width: number; height: number; png: Uint8Array };
  renderStep: { width: number; height: number; png: Uint8Array };
  versionGuidance: { guidance: Guidance };
  addNote: { notes: Note[] };
  updateProject: ProjectSummary;
  setThumbnail: { saved: true };
  trashProject: { trashed: true };
  restoreProject: ProjectSummary;
  exportImage: ExportResult;
  importRecipe: { state: ProjectState; warnings: string[] };
  readExport: { bytes: Uint8Array };
  importReference: ReferenceImage;
  getReferenceImage: DisplayImage;
  /** Proposals as ordinary hints (original pixels) whose `source` names the reference and a confidence. */
  suggestFromReference: { proposals: HintData[]; millis: number; features: 'prior' | 'classical' };
  cancelJob: { cancelled: boolean };
  modelInfo: ModelInfo;
  signingIdentity: { identity: SigningIdentityInfo | null };
  importSigningIdentity: { identity: SigningIdentityInfo };
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
  /** Electron only: commands from the native menu, by their id in shared/ui/commands.ts. */
  onMenu?(listener: (command: string) => void): () => void;
};
