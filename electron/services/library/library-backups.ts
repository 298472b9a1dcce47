// Automatic library backups beside the library file (SQLite's online backup API, so a backup is a
// consistent snapshot even while edits continue), and the copy taken before a schema migration.
import type Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';

const KEEP = 5;
const PREFIX = 'library-';

export function backupDir(libraryFile: string): string {
  return path.join(path.dirname(libraryFile), 'backups');
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:.]/g, '');
}

/** Automatic backups, newest first. */
export function listBackups(libraryFile: string): string[] {
  const dir = backupDir(libraryFile);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(PREFIX) && n.endsWith('.sqlite'))
    .sort()
    .reverse()
    .map((n) => path.join(dir, n));
}

export const newestBackup = (libraryFile: string): string | null => listBackups(libraryFile)[0] ?? null;

/** Take a backup unless the newest is younger than `minAgeMs`; keeps the newest few. */
export async function autoBackup(db: Database.Database, libraryFile: string, minAgeMs: number): Promise<string | null> {
  const newest = newestBackup(libraryFile);
  if (newest && Date.now() - statSync(newest).mtimeMs < minAgeMs) return null;
  mkdirSync(backupDir(libraryFile), { recursive: true });
  const target = path.join(backupDir(libraryFile), `${PREFIX}${stamp()}.sqlite`);
  await db.backup(`${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  for (const old of listBackups(libraryFile).slice(KEEP)) unlinkSync(old);
  return target;
}

/** A synchronous, consistent copy of the whole library before its schema changes. */
export function backupBeforeMigration(db: Database.Database, libraryFile: string, fromVersion: number): string {
  mkdirSync(backupDir(libraryFile), { recursive: true });
  const target = path.join(backupDir(libraryFile), `pre-migration-v${fromVersion}-${stamp()}.sqlite`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

export function restoreBackup(backup: string, libraryFile: string): void {
  copyFileSync(backup, `${libraryFile}.restoring`);
  renameSync(`${libraryFile}.restoring`, libraryFile);
}
