// Which files a batch run works on: the files named, and the images inside the folders named (recursively),
// in a stable order; `--shard i/n` keeps the files whose path hashes to i, so n machines split an archive
// disjointly and completely without talking to each other, whatever order their listings come in.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const IMAGE = /\.(jpe?g|png|tiff?)$/i;

export interface Input {
  file: string;
  /** Path under the folder it was found in (or the bare name), used for output names and sharding. */
  relative: string;
}

function walk(dir: string, base: string, out: Input[], skip: string | null): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path.resolve(full) !== skip) walk(full, base, out, skip);
    }
    else if (entry.isFile() && IMAGE.test(entry.name)) out.push({ file: full, relative: path.relative(base, full) });
  }
}

/** The inputs named; `outDir`, the run's output folder, is never walked into (so a run whose --out is
 * inside an input folder does not colorize its own outputs on the next run). Named files that are not
 * regular files (pipes, devices) are listed and refused when read, never opened. */
export function collectInputs(args: string[], outDir?: string): Input[] {
  const skip = outDir ? path.resolve(outDir) : null;
  const out: Input[] = [];
  for (const arg of args) {
    const st = statSync(arg, { throwIfNoEntry: false });
    if (!st) throw new Error(`No such file or folder: ${arg}`);
    if (st.isDirectory()) walk(arg, arg, out, skip);
    else out.push({ file: arg, relative: path.basename(arg) });
  }
  return out.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

export interface Shard {
  index: number;
  count: number;
}

/** "i/n" with 0 <= i < n (the 0-based index Slurm arrays and Kubernetes Indexed Jobs hand out). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) throw new Error(`--shard must be i/n with 0 <= i < n, got "${text}"`);
  return { index, count };
}

export function inShard(input: Input, shard: Shard): boolean {
  const h = createHash('sha256').update(input.relative.split(path.sep).join('/')).digest();
  return h.readUInt32BE(0) % shard.count === shard.index;
}
