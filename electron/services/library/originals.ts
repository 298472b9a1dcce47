// Originals are stored once, by SHA-256 of their bytes, written atomically and made read-only.
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors';

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
    await mkdir(this.dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, bytes, { flag: 'wx' });
      await chmod(tmp, 0o444);
      await rename(tmp, file);
    } catch (e) {
      throw ioFailure(e, 'store the original');
    }
    return id;
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

export function ioFailure(e: unknown, what: string): AppFailure {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new AppFailure('disk-full', `The disk is full: could not ${what}. Free some space and try again.`);
  return new AppFailure('io-failed', `Could not ${what}: ${(e as Error).message}`);
}
