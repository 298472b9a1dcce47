// Contract 2's prior, kept per image: what the prior graph says about a scan depends only on the prior
// model, the original, its restored L* and the working size, so it is computed once for each and kept
// in memory (least recently used first out, bounded in bytes) and, where a folder is given, on disk, so
// reopening a scan after a restart skips the prior too. A disk copy is used only if its header names the
// same key and its payload hashes to the recorded SHA-256; anything else is a miss and is removed.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeAtomic } from '../export/atomic-write';
import type { Prior } from './messages';

const MAGIC = Buffer.from('TTPRIOR1');
const SUFFIX = '.prior';

const HeaderSchema = z.object({
  key: z.string().regex(/^[0-9a-f]{64}$/),
  width: z.number().int().min(64).max(1024),
  height: z.number().int().min(64).max(1024),
  tensors: z.array(z.object({ name: z.string().regex(/^prior_\w+$/), dims: z.array(z.number().int().positive()).max(8) })).max(64),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
type Header = z.infer<typeof HeaderSchema>;

export type PriorSource = 'memory' | 'disk' | 'computed';

export interface PriorCacheOptions {
  /** Memory bound in bytes (default 192 MiB: about 130 scans at the 256-pixel working size). */
  maxBytes?: number;
  /** Folder for the disk copies; null keeps the cache in memory only. */
  dir?: string | null;
  /** Disk bound in bytes (default 512 MiB); the least recently used files go first. */
  maxDiskBytes?: number;
}

const sizeOf = (p: Prior): number => p.tensors.reduce((t, x) => t + x.data.byteLength, 0);

export class PriorCache {
  private readonly memory = new Map<string, Prior>();
  private readonly pending = new Map<string, Promise<{ prior: Prior; source: PriorSource }>>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxDiskBytes: number;

  constructor(private readonly o: PriorCacheOptions = {}) {
    this.maxBytes = o.maxBytes ?? 192 * 1024 * 1024;
    this.maxDiskBytes = o.maxDiskBytes ?? 512 * 1024 * 1024;
  }

  /** The prior for `key` (a lowercase SHA-256), from memory, from disk, or from `compute`; concurrent
   * requests for one key share one computation. */
  get(key: string, compute: () => Promise<Prior>): Promise<{ prior: Prior; source: PriorSource }> {
    const hit = this.memory.get(key);
    if (hit) {
      this.memory.delete(key);
      this.memory.set(key, hit);
      return Promise.resolve({ prior: hit, source: 'memory' });
    }
    let p = this.pending.get(key);
    if (!p) {
      p = this.load(key, compute).finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }

  /** Forget everything in memory (the disk copies stay). */
  clearMemory(): void {
    this.memory.clear();
    this.bytes = 0;
  }

  private async load(key: string, compute: () => Promise<Prior>): Promise<{ prior: Prior; source: PriorSource }> {
    const stored = await this.readDisk(key);
    if (stored) {
      this.remember(key, stored);
      return { prior: stored, source: 'disk' };
    }
    const prior = await compute();
    this.remember(key, prior);
    // A failed disk write costs only the next restart's recomputation.
    await this.writeDisk(key, prior).catch((e: unknown) => console.error(`[tintype] prior cache: ${(e as Error).message}`));
    return { prior, source: 'computed' };
  }

  private remember(key: string, prior: Prior): void {
    const size = sizeOf(prior);
    if (size > this.maxBytes) return;
    this.memory.set(key, prior);
    this.bytes += size;
    for (const [k, v] of this.memory) {
      if (this.bytes <= this.maxBytes) break;
      this.memory.delete(k);
      this.bytes -= sizeOf(v);
    }
  }

  private file(key: string): string | null {
    return this.o.dir ? path.join(this.o.dir, `${key}${SUFFIX}`) : null;
  }

  private async readDisk(key: string): Promise<Prior | null> {
    const file = this.file(key);
    if (!file) return null;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return null;
    }
    const prior = decode(bytes, key);
    if (!prior) {
      await unlink(file).catch(() => undefined);
      return null;
    }
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return prior;
  }

  private async writeDisk(key: string, prior: Prior): Promise<void> {
    const file = this.file(key);
    if (!file || !this.o.dir) return;
    await mkdir(this.o.dir, { recursive: true });
    await writeAtomic(file, encode(key, prior));
    await this.trimDisk(this.o.dir);
  }

  private async trimDisk(dir: string): Promise<void> {
    const names = (await readdir(dir)).filter((n) => n.endsWith(SUFFIX));
    const files = (await Promise.all(names.map(async (n) => ({ file: path.join(dir, n), st: await stat(path.join(dir, n)).catch(() => null) })))).flatMap((f) => (f.st ? [{ file: f.file, size: f.st.size, used: f.st.mtimeMs }] : []));
    let total = files.reduce((t, f) => t + f.size, 0);
    for (const f of files.sort((a, b) => a.used - b.used)) {
      if (total <= this.maxDiskBytes) break;
      await unlink(f.file).catch(() => undefined);
      total -= f.size;
    }
  }
}

function encode(key: string, prior: Prior): Buffer {
  const payload = Buffer.concat(prior.tensors.map((t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)));
  const header: Header = { key, width: prior.width, height: prior.height, tensors: prior.tensors.map((t) => ({ name: t.name, dims: t.dims })), sha256: createHash('sha256').update(payload).digest('hex') };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([MAGIC, length, json, payload]);
}

function decode(bytes: Buffer, key: string): Prior | null {
  if (bytes.length < 12 || !bytes.subarray(0, 8).equals(MAGIC)) return null;
  const n = bytes.readUInt32LE(8);
  if (12 + n > bytes.length) return null;
  let json: unknown;
  try {
    json = JSON.parse(bytes.subarray(12, 12 + n).toString('utf8'));
  } catch {
    return null;
  }
  const h = HeaderSchema.safeParse(json);
  if (!h.success || h.data.key !== key) return null;
  const payload = bytes.subarray(12 + n);
  const counts = h.data.tensors.map((t) => t.dims.reduce((a, b) => a * b, 1));
  if (counts.reduce((a, b) => a + b, 0) * 4 !== payload.length) return null;
  if (createHash('sha256').update(payload).digest('hex') !== h.data.sha256) return null;
  // Copied out so each tensor owns an aligned buffer.
  const all = new Float32Array(new Uint8Array(payload).buffer);
  let at = 0;
  const tensors = h.data.tensors.map((t, i) => {
    const data = all.slice(at, at + counts[i]);
    at += counts[i];
    return { name: t.name, dims: t.dims, data };
  });
  return { width: h.data.width, height: h.data.height, tensors, millis: 0 };
}
