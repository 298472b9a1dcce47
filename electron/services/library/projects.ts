// Projects in the library: catalog metadata, search, sort, and delete to trash (undoable).
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../../shared/ipc/errors';
import type { CatalogMeta, ProjectSummary } from '../../../shared/model/project';

interface ProjectRow {
  id: string;
  image_id: string;
  title: string;
  collection: string;
  accession: string;
  photographer: string;
  date_text: string;
  source: string;
  rights: string;
  tags_json: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  head: number | null;
  tip: number | null;
  thumbnail: Buffer | null;
  edits: number;
}

export type ProjectSort = 'updated' | 'created' | 'title';

const ORDER: Record<ProjectSort, string> = {
  updated: 'p.updated_at DESC',
  created: 'p.created_at DESC',
  title: 'p.title COLLATE NOCASE ASC',
};

const SELECT = `SELECT p.*, (SELECT count(*) FROM operations o WHERE o.project_id = p.id) AS edits FROM projects p`;

const toSummary = (r: ProjectRow): ProjectSummary => ({
  id: r.id,
  imageId: r.image_id,
  meta: {
    title: r.title,
    collection: r.collection,
    accession: r.accession,
    photographer: r.photographer,
    date: r.date_text,
    source: r.source,
    rights: r.rights,
    tags: JSON.parse(r.tags_json) as string[],
  },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  edits: r.edits,
  thumbnail: r.thumbnail ? new Uint8Array(r.thumbnail) : null,
});

/** LIKE treats % and _ as wildcards; a search for "100%" means the characters. */
const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class ProjectStore {
  constructor(private readonly db: Database.Database) {}

  create(imageId: string, title: string, at: string): ProjectSummary {
    const id = randomBytes(8).toString('hex');
    this.db
      .prepare('INSERT INTO projects (id, image_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, imageId, title, at, at);
    return this.get(id);
  }

  get(id: string, includeDeleted = false): ProjectSummary {
    const row = this.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as ProjectRow | undefined;
    if (!row || (row.deleted_at && !includeDeleted)) throw new AppFailure('not-found', 'This project is not in the library.');
    return toSummary(row);
  }

  /** The newest live project for an image, if any. */
  forImage(imageId: string): ProjectSummary | null {
    const row = this.db
      .prepare(`${SELECT} WHERE p.image_id = ? AND p.deleted_at IS NULL ORDER BY p.updated_at DESC LIMIT 1`)
      .get(imageId) as ProjectRow | undefined;
    return row ? toSummary(row) : null;
  }

  /** Search titles, catalog fields, tags and provenance notes. */
  list(query: string, sort: ProjectSort): ProjectSummary[] {
    const q = query.trim();
    const where = q
      ? `WHERE p.deleted_at IS NULL AND (
           (p.title || ' ' || p.collection || ' ' || p.accession || ' ' || p.photographer || ' ' || p.date_text
             || ' ' || p.source || ' ' || p.rights || ' ' || p.tags_json) LIKE @q ESCAPE '\\'
           OR EXISTS (SELECT 1 FROM notes n WHERE n.project_id = p.id AND (n.text || ' ' || n.source || ' ' || n.author) LIKE @q ESCAPE '\\')
           OR EXISTS (SELECT 1 FROM versions v WHERE v.project_id = p.id AND v.name LIKE @q ESCAPE '\\'))`
      : 'WHERE p.deleted_at IS NULL';
    const rows = this.db.prepare(`${SELECT} ${where} ORDER BY ${ORDER[sort]}`).all(q ? { q: likePattern(q) } : {});
    return (rows as ProjectRow[]).map(toSummary);
  }

  updateMeta(id: string, meta: CatalogMeta, at: string): ProjectSummary {
    this.get(id);
    this.db
      .prepare(
        `UPDATE projects SET title = @title, collection = @collection, accession = @accession,
           photographer = @photographer, date_text = @date, source = @source, rights = @rights,
           tags_json = @tags, updated_at = @at WHERE id = @id`,
      )
      .run({ ...meta, tags: JSON.stringify(meta.tags), at, id });
    return this.get(id);
  }

  setThumbnail(id: string, png: Uint8Array): void {
    this.db.prepare('UPDATE projects SET thumbnail = ? WHERE id = ?').run(Buffer.from(png), id);
  }

  /** Trash keeps everything; restoring is the undo. */
  trash(id: string, at: string): void {
    this.get(id);
    this.db.prepare('UPDATE projects SET deleted_at = ? WHERE id = ?').run(at, id);
  }

  restore(id: string): ProjectSummary {
    this.db.prepare('UPDATE projects SET deleted_at = NULL WHERE id = ?').run(id);
    return this.get(id);
  }

  position(id: string): { head: number | null; tip: number | null } {
    const row = this.db.prepare('SELECT head, tip FROM projects WHERE id = ?').get(id) as { head: number | null; tip: number | null } | undefined;
    if (!row) throw new AppFailure('not-found', 'This project is not in the library.');
    return row;
  }
}
