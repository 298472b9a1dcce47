// Originals are stored once, by SHA-256 of their bytes, read-only, through the same atomic writer as
// exports (flushed to disk before they are named). Content addressing makes concurrent imports of the
// same bytes safe: each writes its own temporary file and renames identical bytes into place.
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/ipc/errors';
import { cleanPartials, ioFailure, writeAtomic } from '../export/atomic-write';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class OriginalStore {
  constructor(private readonly dir: string) {}

  pathOf(id: string): string {
    if (!/^[0-9a-f]{64}$/.test(id)) throw new AppFailure('invalid-payload', 'Not an image id.');
    return path.join(this.dir, id);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const id = sha256(bytes);
    const file = this.pathOf(id);
    if (await exists(file)) return id;
    try {
      await mkdir(this.dir, { recursive: true });
    } catch (e) {
      throw ioFailure(e, 'create the originals folder');
    }
    await writeAtomic(file, bytes, { mode: 0o444 });
    return id;
  }

  /** Remove temporary files of writes that never finished (a crash, kill -9). */
  cleanPartials(): Promise<number> {
    return cleanPartials(this.dir);
  }

  /** The original's bytes, refused if they no longer hash to the id they were stored under. */
  async readVerified(id: string): Promise<Buffer> {
    const bytes = await this.read(id);
    if (sha256(bytes) !== id) {
      throw new AppFailure('io-failed', 'The stored original no longer matches its SHA-256: the library copy has been damaged. Re-import the scan from your archive.');
    }
    return bytes;
  }

  async read(id: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(id));
    } catch {
      throw new AppFailure('not-found', 'The original of this image is missing from the library.');
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
