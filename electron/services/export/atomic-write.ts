// Every file the app writes (exports, sidecars, originals) is written whole or not at all: a temporary
// file beside the target, flushed to disk, then renamed over it; the folder is synced so the rename
// survives a crash. Failures leave no partial file and say what to do, naming folders, never paths.
// Temporary files left by a process that died mid-write are removed by cleanPartials.
import { randomBytes } from 'node:crypto';
import { readdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/ipc/errors';

/** The error for a failed write. It names the folder, not its full path: messages reach the renderer,
 * which only ever sees paths the user picked in a dialog. */
export function writeFailure(e: unknown, file: string): AppFailure {
  const code = (e as NodeJS.ErrnoException).code;
  const dir = `"${path.basename(path.dirname(file))}"`;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppFailure('disk-full', `The disk holding the folder ${dir} is full: nothing was written. Free some space or choose another folder.`);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new AppFailure('io-failed', `Cannot write to the folder ${dir} (read-only or not permitted). Choose another folder.`);
  if (code === 'ENOENT') return new AppFailure('io-failed', `The folder ${dir} does not exist.`);
  return new AppFailure('io-failed', `Could not write ${path.basename(file)}: ${(e as Error).message}`);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined); // not every filesystem syncs directories
  await handle.close();
}

/** The error for another failed file operation (`what`: "create the exports folder"), without the
 * path Node's own message carries. */
export function ioFailure(e: unknown, what: string): AppFailure {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppFailure('disk-full', `The disk is full: could not ${what}. Free some space and try again.`);
  if (code === 'EEXIST' || code === 'ENOTDIR') return new AppFailure('io-failed', `Could not ${what}: a file is in the way of the folder.`);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new AppFailure('io-failed', `Could not ${what}: the disk is read-only or it is not permitted.`);
  return new AppFailure('io-failed', `Could not ${what}${code ? ` (${code})` : ''}.`);
}

/** Temporary files are hidden, carry the writing process's id, and end in .partial. */
const PARTIAL = /^\..+\.(\d+)-[0-9a-f]{8}\.partial$|^\..+\.[0-9a-f]{8}\.partial$/;

export const isPartial = (name: string): boolean => PARTIAL.test(name) || /^[0-9a-f]{64}\.\d+\.tmp$/.test(name);

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the temporary files in `dir` that no running process is writing (those of a process that
 * was killed mid-write, and older unnamed ones); with `own`, this process's too (after a run, when
 * none of its writes is in flight). Returns how many were removed. */
export async function cleanPartials(dir: string, opts: { own?: boolean } = {}): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!isPartial(name)) continue;
    const pid = Number(/\.(\d+)-[0-9a-f]{8}\.partial$/.exec(name)?.[1] ?? /\.(\d+)\.tmp$/.exec(name)?.[1] ?? NaN);
    if (Number.isInteger(pid) && alive(pid) && !(opts.own && pid === process.pid)) continue;
    if (await unlink(path.join(dir, name)).then(() => true, () => false)) removed++;
  }
  return removed;
}

/** Write `data` to `file` whole or not at all; `mode` 0o600 for key material (readable by its owner
 * only), 0o444 for originals (never rewritten). The temporary file's name is unique and carries this
 * process's id, so cleanPartials can tell a live write from a dead one. */
export async function writeAtomic(file: string, data: Uint8Array | string, opts: { mode?: 0o644 | 0o600 | 0o444 } = {}): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
  try {
    // Created with its final mode, so a private key is never readable by others, not even as a partial file.
    const handle = await open(tmp, 'wx', opts.mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw writeFailure(e, file);
  }
  await syncDir(path.dirname(file));
}
