// Exports are written whole or not at all: a temporary file beside the target, flushed to disk, then
// renamed over it; the folder is synced so the rename survives a crash. Failures leave no partial file
// and say what to do.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors';

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

/** Write `data` to `file` whole or not at all; `mode` 0o600 for key material (readable by its owner only). */
export async function writeAtomic(file: string, data: Uint8Array | string, mode: 0o644 | 0o600 = 0o644): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    // Created with its final mode, so a private key is never readable by others, not even as a partial file.
    const handle = await open(tmp, 'wx', mode);
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
