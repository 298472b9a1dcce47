// The project library: one SQLite file in WAL mode, durable commits (synchronous=FULL), a schema that
// migrates forward (after a backup copy), and a health check at open that falls back to the newest
// automatic backup instead of failing the user.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { ImageInfo, ReferenceImage } from '../../../shared/ipc/contract';
import { AppFailure } from '../../../shared/ipc/errors';
import { backupBeforeMigration, newestBackup, restoreBackup } from './library-backups';
import { MIGRATIONS } from './migrations';

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

export interface OpenReport {
  /** Set when the file failed its health check and the newest backup was put in its place. */
  restoredFrom: string | null;
  migratedFrom: number | null;
}

function connect(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 2000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** One process at a time on a library: two writing one project's operation tree fork its history
 * without either noticing. The lock is SQLite's own exclusive lock on a small file beside the library,
 * held for as long as the library is open; the operating system drops it when the process ends, so a
 * crash or kill -9 never leaves a stale lock behind. */
export class LibraryLock {
  private readonly db: Database.Database;

  constructor(libraryFile: string) {
    const db = new Database(`${libraryFile}.lock`);
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER); COMMIT');
    } catch (e) {
      db.close();
      if ((e as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw new AppFailure('library-in-use', `The library "${path.basename(path.dirname(libraryFile))}" is already open in another Tintype (a window, the browser host or the command line). Close it there first, or set TINTYPE_LIBRARY to use another library.`);
      }
      throw e;
    }
    this.db = db;
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}

/** Move a damaged library (and its WAL) aside; it is evidence, never deleted. */
function setAside(file: string): void {
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, `${file}.damaged-${stamp}${suffix}`);
  }
}

export class LibraryDb {
  readonly db: Database.Database;
  readonly report: OpenReport = { restoredFrom: null, migratedFrom: null };

  private readonly lock: LibraryLock;

  constructor(readonly file: string) {
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
    } catch (e) {
      throw new AppFailure('io-failed', `Cannot create the library folder "${path.basename(path.dirname(this.file))}" (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    // Before the health check: a library busy in another process must not look damaged.
    this.lock = new LibraryLock(file);
    try {
      this.db = this.openHealthy();
      this.migrate();
    } catch (e) {
      this.lock.release();
      throw e;
    }
  }

  private openHealthy(): Database.Database {
    const existed = existsSync(this.file);
    try {
      return connect(this.file);
    } catch (e) {
      if (!existed) throw new AppFailure('io-failed', `Cannot create the library at ${this.file}: ${(e as Error).message}`);
      const backup = newestBackup(this.file);
      if (!backup) {
        throw new AppFailure('io-failed', `The library at ${this.file} is damaged (${(e as Error).message}) and there is no backup to restore.`);
      }
      setAside(this.file);
      restoreBackup(backup, this.file);
      this.report.restoredFrom = backup;
      return connect(this.file);
    }
  }

  private migrate(): void {
    const version = this.schemaVersion;
    if (version > MIGRATIONS.length) {
      this.db.close();
      throw new AppFailure('io-failed', `This library was written by a newer Tintype (schema ${version}); update the app to open it.`);
    }
    if (version === MIGRATIONS.length) return;
    if (version > 0) backupBeforeMigration(this.db, this.file, version);
    this.report.migratedFrom = version;
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

  /** Record a stored colour reference (its bytes are in LIBRARY/references/ under its SHA-256). */
  addReference(info: ReferenceImage): ReferenceImage {
    this.db.prepare('INSERT OR IGNORE INTO reference_images (id, name, width, height, format, imported_at) VALUES (@id, @name, @width, @height, @format, @importedAt)').run(info);
    return this.getReference(info.id) ?? info;
  }

  getReference(id: string): ReferenceImage | null {
    const r = this.db.prepare('SELECT * FROM reference_images WHERE id = ?').get(id) as { id: string; name: string; width: number; height: number; format: string; imported_at: string } | undefined;
    return r ? { id: r.id, name: r.name, width: r.width, height: r.height, format: r.format, importedAt: r.imported_at } : null;
  }

  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.lock.release();
  }
}
