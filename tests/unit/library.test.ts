import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibraryDb } from '../../electron/services/library/library-db';
import { tempDir } from '../support/paths';

const info = (id: string) => ({ id, name: `${id.slice(0, 4)}.png`, width: 640, height: 480, format: 'png', bitDepth: 8, channels: 1, importedAt: new Date().toISOString() });

describe('library database (a real SQLite file)', () => {
  it('creates the schema, keeps images and hints across reopening', () => {
    const file = path.join(tempDir('lib'), 'library.sqlite');
    const db = new LibraryDb(file);
    expect(db.schemaVersion).toBe(1);
    db.addImage(info('1'.repeat(64)));
    db.addImage(info('1'.repeat(64)));
    db.saveHints('1'.repeat(64), [{ id: 'h1', x: 10, y: 20, radius: 3, a: 12, b: -40, note: 'from records' }], 'now');
    db.close();
    const again = new LibraryDb(file);
    expect(again.listImages()).toHaveLength(1);
    expect(again.loadHints('1'.repeat(64))).toEqual([{ id: 'h1', x: 10, y: 20, radius: 3, a: 12, b: -40, note: 'from records' }]);
    again.close();
  });

  it('refuses a library written by a newer schema instead of damaging it', () => {
    const file = path.join(tempDir('lib'), 'library.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => new LibraryDb(file)).toThrow(/newer Tintype/);
  });
});
