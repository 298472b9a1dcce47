// Projects as the library shows them: catalog metadata, history position, versions and notes.
import type { z } from 'zod';
import type { CatalogMetaSchema } from './catalog-schema';
import type { Guidance } from './guidance';
import type { OperationKind } from './history';

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

export type CatalogMeta = z.infer<typeof CatalogMetaSchema>;

export const EMPTY_META: Omit<CatalogMeta, 'title'> = {
  collection: '',
  accession: '',
  photographer: '',
  date: '',
  source: '',
  rights: '',
  tags: [],
};

export interface ProjectSummary {
  id: string;
  imageId: string;
  meta: CatalogMeta;
  createdAt: string;
  updatedAt: string;
  edits: number;
  /** Small PNG of the latest preview, if one was saved. */
  thumbnail: Uint8Array | null;
}

export type NoteTarget = { kind: 'project' } | { kind: 'version'; id: number } | { kind: 'hint'; id: string };

export interface Note {
  id: number;
  target: NoteTarget;
  text: string;
  author: string;
  source: string;
  createdAt: string;
}

/** One edit in the history tree, as the panel lists it. */
export interface HistoryStep {
  opId: number;
  kind: OperationKind;
  /** What the edit did, in words (shared/model/history.ts describeOperation, as the XMP history says it). */
  label: string;
  at: string;
}

/** The newest steps listed per segment of the tree; older ones are counted, not listed (the view is
 * sent with every edit, so a 10,000-step project must not send every step each time). */
export const LISTED_STEPS = 50;

export interface VersionNode {
  id: number;
  name: string;
  /** The operation this version names; null is the empty state before any edit. */
  opId: number | null;
  /** The nearest named version this one grew from, so the panel can draw a tree. */
  parentVersionId: number | null;
  createdAt: string;
  thumbnail: Uint8Array | null;
  /** Edits since the version it grew from (or the start), and the newest LISTED_STEPS of them, oldest first. */
  edits: number;
  steps: HistoryStep[];
}

/** A branch end with no named version on it: later work the user stepped away from. */
export interface BranchTip {
  opId: number;
  parentVersionId: number | null;
  edits: number;
  lastEdit: string;
  lastKind: OperationKind;
  /** The newest LISTED_STEPS of its edits, oldest first. */
  steps: HistoryStep[];
}

export interface HistoryView {
  head: number | null;
  canUndo: boolean;
  canRedo: boolean;
  versions: VersionNode[];
  tips: BranchTip[];
  /** The version whose state is on screen, when the head sits exactly on one. */
  currentVersionId: number | null;
}

export interface ProjectState {
  project: ProjectSummary;
  image: ImageInfo;
  guidance: Guidance;
  history: HistoryView;
  notes: Note[];
}
