// Library figures for `npm run bench`: the time to commit one edit (synchronous=FULL, WAL) and to open
// a project whose log holds 10,000 operations (read, replay, build the history view).
import path from 'node:path';
import { LibraryDb } from '../../electron/services/library/library-db';
import { ProjectService } from '../../electron/services/project-service';
import type { Operation } from '../../shared/model/history';
import { tempDir } from '../support/paths';

const IMAGE = { id: '9'.repeat(64), name: 'bench.tif', width: 4000, height: 3000, format: 'tiff', bitDepth: 16, channels: 1, importedAt: '2026-11-22T00:00:00.000Z' };

function open(file: string) {
  const lib = new LibraryDb(file);
  lib.addImage(IMAGE);
  return { lib, service: new ProjectService(lib.db, () => IMAGE) };
}

/** Edits as a user makes them: up to 200 hints, then mostly moves and recolours, a version every 500. */
function edit(i: number, count: number): Operation {
  if (count < 200 || i % 10 === 0) return { kind: 'hint.add', hint: { id: `h${i}`, x: (i * 37) % 4000, y: (i * 91) % 3000, radius: 12, a: (i % 80) - 40, b: (i % 60) - 30 } };
  const id = `h${i % 10 === 1 ? i - 1 : Math.floor(i / 10) * 10}`;
  return i % 2 ? { kind: 'hint.move', id, to: { x: i % 4000, y: (i * 3) % 3000 } } : { kind: 'hint.recolor', id, to: { a: (i % 50) - 25, b: 10 } };
}

export interface LibraryFigures {
  commit: number[];
  openLibraryMs: number;
  openProjectMs: number;
  operations: number;
}

export function libraryBench(operations = 10_000): LibraryFigures {
  const file = path.join(tempDir('bench-library'), 'library.sqlite');
  const first = open(file);
  const projectId = first.service.forImage(IMAGE).project.id;
  let head: number | null = null;
  const commit: number[] = [];
  for (let i = 0; i < operations; i++) {
    const hints = first.service.history(projectId).current.hints;
    const op = edit(i, hints.length);
    const valid = 'id' in op && !hints.some((h) => h.id === op.id) ? edit(i, 0) : op;
    const t = performance.now();
    head = first.service.apply(projectId, head, valid).head;
    commit.push(performance.now() - t);
    if (i % 500 === 499) first.service.createVersion(projectId, `v${i}`, null);
  }
  first.lib.close();

  const t0 = performance.now();
  const again = open(file);
  const t1 = performance.now();
  const state = again.service.state(projectId);
  const t2 = performance.now();
  again.lib.close();
  if (state.history.head !== head) throw new Error('the reopened project is not at its last edit');
  return { commit, openLibraryMs: t1 - t0, openProjectMs: t2 - t1, operations };
}
