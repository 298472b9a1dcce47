// The stored history of a project: the append-only operation log (a tree by parent id), the project's
// position in it (head: the state on screen; tip: the end of the branch redo walks towards), named
// versions, and provenance notes. Every write is one transaction, committed with synchronous=FULL.
import type Database from 'better-sqlite3';
import { OPERATION_VERSION, type Operation } from '../../../shared/model/history';
import type { Note, NoteTarget } from '../../../shared/model/project';

export interface StoredOperation {
  id: number;
  parentId: number | null;
  kind: string;
  paramsVersion: number;
  paramsJson: string;
  createdAt: string;
}

export interface StoredVersion {
  id: number;
  opId: number | null;
  name: string;
  createdAt: string;
  thumbnail: Uint8Array | null;
}

interface NoteRow {
  id: number;
  target_kind: NoteTarget['kind'];
  target_id: string;
  text: string;
  author: string;
  source: string;
  created_at: string;
}

const toTarget = (kind: NoteTarget['kind'], id: string): NoteTarget =>
  kind === 'project' ? { kind } : kind === 'version' ? { kind, id: Number(id) } : { kind, id };

/** Operation parameters as stored: the kind lives in its own column. */
function paramsOf(op: Operation): Record<string, unknown> {
  const params: Record<string, unknown> = { ...op };
  delete params.kind;
  return params;
}

export class HistoryLog {
  constructor(private readonly db: Database.Database) {}

  operations(projectId: string): StoredOperation[] {
    // Rows as arrays: a project can hold tens of thousands of steps, and objects cost twice as much here.
    const rows = this.db
      .prepare('SELECT id, parent_id, kind, params_version, params_json, created_at FROM operations WHERE project_id = ? ORDER BY id')
      .raw()
      .all(projectId) as [number, number | null, string, number, string, string][];
    return rows.map(([id, parentId, kind, paramsVersion, paramsJson, createdAt]) => ({ id, parentId, kind, paramsVersion, paramsJson, createdAt }));
  }

  /** Append an operation under `parentId` and make it the head and tip, atomically. */
  append(projectId: string, parentId: number | null, op: Operation, at: string): number {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO operations (project_id, parent_id, kind, params_version, params_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(projectId, parentId, op.kind, OPERATION_VERSION, JSON.stringify(paramsOf(op)), at);
      const id = Number(lastInsertRowid);
      this.db.prepare('UPDATE projects SET head = ?, tip = ?, updated_at = ? WHERE id = ?').run(id, id, at, projectId);
      return id;
    })();
  }

  move(projectId: string, head: number | null, tip: number | null, at: string): void {
    this.db.prepare('UPDATE projects SET head = ?, tip = ?, updated_at = ? WHERE id = ?').run(head, tip, at, projectId);
  }

  addVersion(projectId: string, opId: number | null, name: string, thumbnail: Uint8Array | null, at: string): number {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO versions (project_id, op_id, name, created_at, thumbnail) VALUES (?, ?, ?, ?, ?)')
      .run(projectId, opId, name, at, thumbnail ? Buffer.from(thumbnail) : null);
    return Number(lastInsertRowid);
  }

  versions(projectId: string): StoredVersion[] {
    const rows = this.db
      .prepare('SELECT id, op_id AS opId, name, created_at AS createdAt, thumbnail FROM versions WHERE project_id = ? ORDER BY id')
      .all(projectId) as (Omit<StoredVersion, 'thumbnail'> & { thumbnail: Buffer | null })[];
    return rows.map((r) => ({ ...r, thumbnail: r.thumbnail ? new Uint8Array(r.thumbnail) : null }));
  }

  addNote(projectId: string, note: Omit<Note, 'id'>): number {
    const t = note.target;
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO notes (project_id, target_kind, target_id, text, author, source, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(projectId, t.kind, t.kind === 'project' ? '' : String(t.id), note.text, note.author, note.source, note.createdAt);
    return Number(lastInsertRowid);
  }

  notes(projectId: string): Note[] {
    const rows = this.db.prepare('SELECT * FROM notes WHERE project_id = ? ORDER BY id').all(projectId) as NoteRow[];
    return rows.map((r) => ({
      id: r.id,
      target: toTarget(r.target_kind, r.target_id),
      text: r.text,
      author: r.author,
      source: r.source,
      createdAt: r.created_at,
    }));
  }
}
