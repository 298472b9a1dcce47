// Runs inside a private mount namespace with a small tmpfs at argv[2] (see disk-full.test.ts): a real
// Studio keeps its library there; the disk is then filled, made read-only, freed, and every outcome is
// reported as one JSON line for the parent to judge. The exports folder is made read-only by a bind
// mount (the library's own files stay open for writing, so the whole disk cannot be remounted).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { dispatch } from '../../electron/services/dispatch';
import { LibraryDb } from '../../electron/services/library/library-db';
import { Studio } from '../../electron/services/studio';
import type { ImageInfo, Results } from '../../shared/ipc/contract';
import { MODELS } from '../support/paths';
import { call, syntheticScan } from '../support/studio-fixtures';

const mount = process.argv[2];
const libraryDir = path.join(mount, 'library');
const filler = path.join(mount, 'filler');

/** Write zeros until the filesystem refuses. */
function fillDisk(): void {
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch {
    // ENOSPC: the disk is full
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  const report: Record<string, unknown> = {};
  const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: () => undefined });
  const code = async (channel: string, payload: unknown): Promise<string> => {
    const r = await dispatch(studio.handlers, channel, payload);
    return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
  };
  const image = await call<ImageInfo>(studio, 'importImage', { name: 'scan.jpg', bytes: await syntheticScan(900, 600) });
  const opened = await call<Results['openImageProject']>(studio, 'openImageProject', { imageId: image.id });
  const projectId = opened.project.id;
  let head = opened.history.head;
  const edit = async (n: number): Promise<string> => {
    const r = await dispatch(studio.handlers, 'applyEdit', { projectId, base: head, op: { kind: 'hint.add', hint: { id: `h${n}`, x: 10 * n, y: 50, radius: 4, a: 30, b: 20 } } });
    if (r.ok) head = (r.value as Results['applyEdit']).head;
    return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
  };
  const acknowledged: string[] = [];
  for (let n = 1; n <= 3; n++) if ((await edit(n)) === 'ok') acknowledged.push(`h${n}`);

  fillDisk();
  report.exportWhenFull = await code('exportImage', { projectId, format: 'tiff16', badge: false, jobId: 'full' });
  report.exportsWhenFull = readdirSync(path.join(libraryDir, 'exports'));
  report.importWhenFull = await code('importImage', { name: 'other.jpg', bytes: await syntheticScan(1200, 900) });
  const editWhenFull = await edit(4);
  if (editWhenFull === 'ok') acknowledged.push('h4');
  report.editWhenFull = editWhenFull;

  rmSync(filler);
  const exportsDir = path.join(libraryDir, 'exports');
  execFileSync('mount', ['--bind', exportsDir, exportsDir]);
  execFileSync('mount', ['-o', 'remount,bind,ro', exportsDir]);
  report.exportWhenReadOnly = await code('exportImage', { projectId, format: 'png8', badge: false, jobId: 'ro' });
  report.exportsWhenReadOnly = readdirSync(path.join(libraryDir, 'exports'));
  execFileSync('umount', [exportsDir]);

  if ((await edit(5)) === 'ok') acknowledged.push('h5');
  report.exportWhenFreed = await code('exportImage', { projectId, format: 'tiff16', badge: false, jobId: 'freed' });
  report.exportsWhenFreed = readdirSync(path.join(libraryDir, 'exports'));
  await studio.close();

  const lib = new LibraryDb(path.join(libraryDir, 'library.sqlite'));
  report.integrity = lib.integrityCheck();
  lib.close();
  const reopened = new Studio({ libraryDir, modelsDir: MODELS, emit: () => undefined });
  const state = await dispatch(reopened.handlers, 'openProject', { projectId });
  report.hintsAfterReopen = state.ok ? (state.value as Results['openProject']).guidance.hints.map((h) => h.id) : state.error.message;
  report.acknowledged = acknowledged;
  await reopened.close();
  writeSync(1, `${JSON.stringify(report)}\n`);
  process.exit(0);
}

void main().catch((e: unknown) => {
  writeSync(2, `${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
