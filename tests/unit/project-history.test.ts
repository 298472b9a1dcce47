import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibraryDb } from '../../electron/services/library/library-db';
import { ProjectService } from '../../electron/services/project-service';
import type { Hint } from '../../shared/model/hints';
import { tempDir } from '../support/paths';

const IMAGE = { id: 'e'.repeat(64), name: 'regiment.tif', width: 800, height: 600, format: 'tiff', bitDepth: 16, channels: 1, importedAt: '2026-11-22T00:00:00.000Z' };
const hint = (id: string, x = 10): Hint => ({ id, x, y: 20, radius: 3, a: 10, b: -30 });

function open(file: string) {
  const lib = new LibraryDb(file);
  lib.addImage(IMAGE);
  const service = new ProjectService(lib.db, () => IMAGE);
  return { lib, service };
}

describe('project history in a real library file', () => {
  it('undoes, redoes, branches without losing later work, and keeps it all across reopening', () => {
    const file = path.join(tempDir('history'), 'library.sqlite');
    let { lib, service } = open(file);
    const p = service.forImage(IMAGE).project.id;
    let head = service.apply(p, null, { kind: 'hint.add', hint: hint('a') }).head;
    head = service.apply(p, head, { kind: 'hint.add', hint: hint('b') }).head;
    const v1 = service.createVersion(p, 'v1 — two hints', null).versionId;
    head = service.apply(p, head, { kind: 'hint.move', id: 'a', to: { x: 99 } }).head;
    service.apply(p, head, { kind: 'hint.add', hint: hint('c') });

    expect(service.move(p, (h, at) => h.undo(at)).guidance.hints.map((h) => h.id)).toEqual(['a', 'b']);
    expect(service.move(p, (h, at) => h.redo(at)).guidance.hints.map((h) => h.id)).toEqual(['a', 'b', 'c']);

    // Back to v1 and edit: a branch; the later work stays as a tip.
    const v1Op = service.state(p).history.versions.find((v) => v.id === v1)?.opId ?? null;
    expect(service.move(p, (h, at) => h.checkout(v1Op, at)).history.currentVersionId).toBe(v1);
    const branched = service.apply(p, v1Op, { kind: 'hint.recolor', id: 'b', to: { a: 60 } });
    expect(branched.history.tips).toHaveLength(2);
    expect(branched.history.tips.map((t) => t.edits).sort()).toEqual([1, 2]);
    expect(branched.history.tips.every((t) => t.parentVersionId === v1)).toBe(true);
    lib.close();

    ({ lib, service } = open(file));
    const state = service.state(p);
    expect(state.guidance.hints.find((h) => h.id === 'b')?.a).toBe(60);
    expect(state.history.tips).toHaveLength(2);
    expect(state.history.versions.map((v) => v.name)).toEqual(['v1 — two hints']);
    expect(service.move(p, (h, at) => h.undo(at)).history.currentVersionId).toBe(v1);
    expect(service.move(p, (h, at) => h.redo(at)).guidance.hints.find((h) => h.id === 'b')?.a).toBe(60);
    // The abandoned branch can still be restored.
    const other = state.history.tips.find((t) => t.edits === 2)?.opId ?? null;
    expect(service.move(p, (h, at) => h.checkout(other, at)).guidance.hints.map((h) => h.x)).toEqual([99, 10, 10]);
    lib.close();
  });

  it('refuses an edit based on a stale head or on a hint that is not there', () => {
    const { lib, service } = open(path.join(tempDir('conflict'), 'library.sqlite'));
    const p = service.forImage(IMAGE).project.id;
    const head = service.apply(p, null, { kind: 'hint.add', hint: hint('a') }).head;
    expect(() => service.apply(p, null, { kind: 'hint.add', hint: hint('b') })).toThrow(/changed in another window/);
    expect(() => service.apply(p, head, { kind: 'hint.remove', id: 'zzz' })).toThrow(/no longer applies/);
    expect(service.state(p).guidance.hints.map((h) => h.id)).toEqual(['a']);
    lib.close();
  });

  it('refuses to open a project whose stored steps are malformed, instead of replaying garbage', () => {
    const file = path.join(tempDir('malformed'), 'library.sqlite');
    let { lib, service } = open(file);
    const p = service.forImage(IMAGE).project.id;
    const head = service.apply(p, null, { kind: 'hint.add', hint: hint('a') }).head;
    const insert = lib.db.prepare('INSERT INTO operations (project_id, parent_id, kind, params_version, params_json, created_at) VALUES (?, ?, ?, 1, ?, ?)');
    const bad = Number(insert.run(p, head, 'hint.move', JSON.stringify({ id: 'a', to: { x: 5e9 } }), 'now').lastInsertRowid);
    lib.db.prepare('UPDATE projects SET head = ?, tip = ? WHERE id = ?').run(bad, bad, p);
    lib.close();
    ({ lib, service } = open(file));
    expect(() => service.state(p)).toThrow(/unreadable/);
    lib.close();
  });

  it('finds projects by catalog fields and by provenance notes, and trashes with undo', () => {
    const { lib, service } = open(path.join(tempDir('search'), 'library.sqlite'));
    const p = service.forImage(IMAGE).project.id;
    service.updateMeta(p, { title: 'Company K, 1863', collection: 'Regimental photographs', accession: 'RP-1863-044', photographer: 'unknown', date: 'c. 1863', source: 'glass plate', rights: 'public domain', tags: ['civil war'] });
    service.addNote(p, { kind: 'project' }, 'Sack coats are Union blue per the quartermaster ledger', 'A. Archivist', 'Ledger 12, p. 4');
    expect(service.list('RP-1863', 'updated').map((x) => x.id)).toEqual([p]);
    expect(service.list('quartermaster', 'updated').map((x) => x.id)).toEqual([p]);
    expect(service.list('100%', 'updated')).toEqual([]);
    service.trash(p);
    expect(service.list('', 'updated')).toEqual([]);
    service.projects.restore(p);
    expect(service.list('civil war', 'title').map((x) => x.meta.title)).toEqual(['Company K, 1863']);
    expect(() => service.addNote(p, { kind: 'version', id: 999 }, 'x', '', '')).toThrow(/No such version/);
    lib.close();
  });
});
