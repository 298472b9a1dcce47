import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoBackup, backupDir, listBackups } from '../../electron/services/library/library-backups';
import { LibraryDb } from '../../electron/services/library/library-db';
import { MIGRATIONS } from '../../electron/services/library/migrations';
import { ProjectService } from '../../electron/services/project-service';
import { ROOT, tempDir } from '../support/paths';

const image = (id: string) => ({ id, name: `${id.slice(0, 4)}.png`, width: 640, height: 480, format: 'png', bitDepth: 8, channels: 1, importedAt: new Date().toISOString() });
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

function openService(file: string) {
  const lib = new LibraryDb(file);
  const service = new ProjectService(lib.db, (id) => {
    const info = lib.getImage(id);
    if (!info) throw new Error('missing image');
    return info;
  });
  return { lib, service };
}

describe('library file (real SQLite)', () => {
  it('opens in WAL mode with durable commits and the newest schema', () => {
    const lib = new LibraryDb(path.join(tempDir('lib'), 'library.sqlite'));
    expect(lib.schemaVersion).toBe(MIGRATIONS.length);
    expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(lib.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    lib.close();
  });

  it.each(readdirSync(FIXTURES).filter((f) => /^library-v\d+\.sqlite$/.test(f)))('opens the %s fixture (upgrading older schemas after a backup copy), keeping its hints', (name) => {
    const file = path.join(tempDir('migrate'), 'library.sqlite');
    copyFileSync(path.join(FIXTURES, name), file);
    const { lib, service } = openService(file);
    const version = Number(/v(\d+)/.exec(name)?.[1]);
    expect(lib.report.migratedFrom).toBe(version < MIGRATIONS.length ? version : null);
    expect(lib.schemaVersion).toBe(MIGRATIONS.length);
    if (version < MIGRATIONS.length) expect(readdirSync(backupDir(file)).some((f) => f.startsWith('pre-migration-v'))).toBe(true);
    const projects = service.list('', 'title');
    expect(projects.map((p) => p.meta.title)).toEqual(['harbour.tif', 'regiment.png']);
    const regiment = service.state(projects[1].id);
    expect(regiment.guidance.hints.map((h) => h.id)).toEqual(['h1', 'h2']);
    expect(regiment.guidance.hints[0].note).toBe('uniform colour from regimental records');
    expect(regiment.history.canUndo).toBe(true);
    expect(service.state(projects[0].id).guidance.hints).toEqual([]);
    // Schema 3: colour references; the v3 fixture holds one, older libraries start with none.
    const refs = lib.db.prepare('SELECT id, name FROM reference_images').all();
    expect(refs).toEqual(version >= 3 ? [{ id: 'e'.repeat(64), name: 'museum-swatch.png' }] : []);
    expect(lib.integrityCheck()).toBe('ok');
    lib.close();
  });

  it('refuses a library written by a newer schema and leaves it untouched', () => {
    const file = path.join(tempDir('lib'), 'library.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => new LibraryDb(file)).toThrow(/newer Tintype/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(99);
    again.close();
  });

  it('restores the newest automatic backup when the file fails its health check, keeping the damaged one', async () => {
    const dir = tempDir('restore');
    const file = path.join(dir, 'library.sqlite');
    const { lib, service } = openService(file);
    lib.addImage(image('c'.repeat(64)));
    const state = service.forImage(image('c'.repeat(64)));
    service.apply(state.project.id, null, { kind: 'hint.add', hint: { id: 'h', x: 1, y: 2, radius: 2, a: 3, b: 4 } });
    expect(await autoBackup(lib.db, file, 0)).not.toBeNull();
    lib.close();
    writeFileSync(file, Buffer.alloc(8192, 0x5a)); // not a database any more
    const reopened = openService(file);
    expect(reopened.lib.report.restoredFrom).toBe(listBackups(file)[0]);
    expect(reopened.service.state(state.project.id).guidance.hints.map((h) => h.id)).toEqual(['h']);
    expect(readdirSync(dir).some((f) => f.startsWith('library.sqlite.damaged-'))).toBe(true);
    reopened.lib.close();
  });

  it('says so, instead of starting empty, when a damaged library has no backup', () => {
    const file = path.join(tempDir('nobackup'), 'library.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    expect(() => new LibraryDb(file)).toThrow(/damaged .* no backup/);
    expect(existsSync(file)).toBe(true);
  });

  it('keeps only the newest few automatic backups', async () => {
    const file = path.join(tempDir('prune'), 'library.sqlite');
    const lib = new LibraryDb(file);
    for (let i = 0; i < 7; i++) {
      await autoBackup(lib.db, file, 0);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(listBackups(file)).toHaveLength(5);
    expect(await autoBackup(lib.db, file, 60_000)).toBeNull();
    lib.close();
  });

  it('never rewrites or deletes an operation', () => {
    const { lib, service } = openService(path.join(tempDir('append'), 'library.sqlite'));
    lib.addImage(image('d'.repeat(64)));
    const p = service.forImage(image('d'.repeat(64))).project.id;
    service.apply(p, null, { kind: 'hint.add', hint: { id: 'h', x: 1, y: 2, radius: 2, a: 3, b: 4 } });
    expect(() => lib.db.prepare("UPDATE operations SET kind = 'x'").run()).toThrow(/append-only/);
    expect(() => lib.db.prepare('DELETE FROM operations').run()).toThrow(/append-only/);
    lib.close();
  });
});
