// Projects and their histories as the contract's channels see them. Each open project's history is
// held in memory (replayed once from the log); every change is written to the library before it is
// acknowledged.
import type Database from 'better-sqlite3';
import type { HistoryMove, ImageInfo } from '../../shared/ipc/contract';
import { AppFailure } from '../../shared/ipc/errors';
import type { Operation } from '../../shared/model/history';
import type { Recipe } from '../../shared/model/recipe';
import { guidanceOf } from './export/exporter';
import { EMPTY_META, type CatalogMeta, type Note, type NoteTarget, type ProjectState } from '../../shared/model/project';
import { ProjectHistory } from './history/project-history';
import { HistoryLog } from './library/history-log';
import { ProjectStore, type ProjectSort } from './library/projects';

const now = (): string => new Date().toISOString();

export class ProjectService {
  readonly projects: ProjectStore;
  readonly log: HistoryLog;
  private readonly open = new Map<string, ProjectHistory>();

  constructor(
    db: Database.Database,
    private readonly imageOf: (imageId: string) => ImageInfo,
  ) {
    this.projects = new ProjectStore(db);
    this.log = new HistoryLog(db);
  }

  history(projectId: string): ProjectHistory {
    let h = this.open.get(projectId);
    if (!h) {
      this.projects.get(projectId);
      const { head, tip } = this.projects.position(projectId);
      h = new ProjectHistory(this.log, projectId, head, tip);
      this.open.set(projectId, h);
    }
    return h;
  }

  list(query: string, sort: ProjectSort) {
    return this.projects.list(query, sort);
  }

  /** The project an image opens into: its newest one, or a new one titled after the file. */
  forImage(image: ImageInfo): ProjectState {
    const existing = this.projects.forImage(image.id);
    return this.state((existing ?? this.projects.create(image.id, image.name, now())).id);
  }

  state(projectId: string): ProjectState {
    const h = this.history(projectId);
    const project = this.projects.get(projectId);
    return {
      project,
      image: this.imageOf(project.imageId),
      guidance: h.current,
      history: h.view(this.log.versions(projectId)),
      notes: this.log.notes(projectId),
    };
  }

  apply(projectId: string, base: number | null, op: Operation) {
    const h = this.history(projectId);
    const head = h.apply(op, base, now());
    return { head, history: h.view(this.log.versions(projectId)) };
  }

  move(projectId: string, how: (h: ProjectHistory, at: string) => void): HistoryMove {
    const h = this.history(projectId);
    how(h, now());
    return { guidance: h.current, history: h.view(this.log.versions(projectId)) };
  }

  createVersion(projectId: string, name: string, thumbnail: Uint8Array | null) {
    const h = this.history(projectId);
    const versionId = this.log.addVersion(projectId, h.headId, name, thumbnail, now());
    if (thumbnail) this.projects.setThumbnail(projectId, thumbnail);
    return { versionId, history: h.view(this.log.versions(projectId)) };
  }

  versionGuidance(projectId: string, versionId: number) {
    const v = this.log.versions(projectId).find((x) => x.id === versionId);
    if (!v) throw new AppFailure('not-found', 'No such version in this project.');
    return { guidance: this.history(projectId).stateAt(v.opId) };
  }

  addNote(projectId: string, target: NoteTarget, text: string, author: string, source: string): { notes: Note[] } {
    this.projects.get(projectId);
    if (target.kind === 'version' && !this.log.versions(projectId).some((v) => v.id === target.id)) {
      throw new AppFailure('not-found', 'No such version in this project.');
    }
    this.log.addNote(projectId, { target, text, author, source, createdAt: now() });
    return { notes: this.log.notes(projectId) };
  }

  /** A new project replaying a sidecar recipe: its catalog, its hints as one step, its notes. */
  fromRecipe(image: ImageInfo, r: Recipe): ProjectState {
    const at = now();
    const p = this.projects.create(image.id, r.project?.title || image.name, at);
    if (r.project) this.projects.updateMeta(p.id, { ...r.project, title: r.project.title || image.name }, at);
    const guidance = guidanceOf(r);
    this.history(p.id).apply({ kind: 'guidance.set', guidance }, null, at);
    for (const n of r.notes) {
      const text = n.target === 'project' ? n.text : `[${n.target}] ${n.text}`;
      this.log.addNote(p.id, { target: { kind: 'project' }, text, author: n.author, source: n.source, createdAt: n.createdAt });
    }
    return this.state(p.id);
  }

  updateMeta(projectId: string, meta: CatalogMeta) {
    return this.projects.updateMeta(projectId, { ...EMPTY_META, ...meta }, now());
  }

  /** Release an open project's history (it is read again from the library when next opened). */
  close(projectId: string): { closed: boolean } {
    return { closed: this.open.delete(projectId) };
  }

  trash(projectId: string) {
    this.projects.trash(projectId, now());
    this.open.delete(projectId);
    return { trashed: true as const };
  }
}
