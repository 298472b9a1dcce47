// The project library: one SQLite file. Schema changes are an ordered list of migrations, and
// user_version records how many have run, so old libraries open in new releases.
import Database from 'better-sqlite3';
import type { ImageInfo } from '../../../shared/contract';
import type { Hint } from '../../../shared/hints';

const MIGRATIONS: string[] = [
  `CREATE TABLE images (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     format TEXT NOT NULL,
     bit_depth INTEGER NOT NULL,
     channels INTEGER NOT NULL,
     imported_at TEXT NOT NULL
   );
   CREATE TABLE hint_states (
     image_id TEXT PRIMARY KEY REFERENCES images(id),
     hints_json TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
];

interface ImageRow {
  id: string;
  name: string;
  width: number;
  height: number;
  format: string;
  bit_depth: number;
  channels: number;
  imported_at: string;
}

const toInfo = (r: ImageRow): ImageInfo => ({
  id: r.id,
  name: r.name,
  width: r.width,
  height: r.height,
  format: r.format,
  bitDepth: r.bit_depth,
  channels: r.channels,
  importedAt: r.imported_at,
});

export class LibraryDb {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`This library was written by a newer Tintype (schema ${version}); update the app.`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  addImage(info: ImageInfo): ImageInfo {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO images (id, name, width, height, format, bit_depth, channels, imported_at)
         VALUES (@id, @name, @width, @height, @format, @bitDepth, @channels, @importedAt)`,
      )
      .run(info);
    return this.getImage(info.id) ?? info;
  }

  getImage(id: string): ImageInfo | null {
    const row = this.db.prepare('SELECT * FROM images WHERE id = ?').get(id) as ImageRow | undefined;
    return row ? toInfo(row) : null;
  }

  listImages(): ImageInfo[] {
    return (this.db.prepare('SELECT * FROM images ORDER BY imported_at DESC').all() as ImageRow[]).map(toInfo);
  }

  saveHints(imageId: string, hints: readonly Hint[], at: string): void {
    this.db
      .prepare(
        `INSERT INTO hint_states (image_id, hints_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(image_id) DO UPDATE SET hints_json = excluded.hints_json, updated_at = excluded.updated_at`,
      )
      .run(imageId, JSON.stringify(hints), at);
  }

  loadHints(imageId: string): Hint[] {
    const row = this.db.prepare('SELECT hints_json FROM hint_states WHERE image_id = ?').get(imageId) as
      | { hints_json: string }
      | undefined;
    return row ? (JSON.parse(row.hints_json) as Hint[]) : [];
  }

  close(): void {
    this.db.close();
  }
}
