// 200 SIGKILLs of a process writing to the library at random moments. After each: every acknowledged
// edit, version and original is there, no version points at a missing step, integrity_check is ok,
// and every stored original still hashes to its name.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibraryDb } from '../../electron/services/library/library-db';
import { sha256 } from '../../electron/services/library/originals';
import { ROOT, tempDir } from '../support/paths';

const KILLS = Number(process.env.TINTYPE_CRASH_KILLS ?? 200);

interface Acks {
  ops: number[];
  versions: number[];
  originals: string[];
}

function runAndKill(dir: string, afterMs: number): Promise<Acks> {
  const acks: Acks = { ops: [], versions: [], originals: [] };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/durability/edit-child.ts'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, value] = line.split(' ');
        if (kind === 'ready') setTimeout(() => child.kill('SIGKILL'), afterMs);
        else if (kind === 'op') acks.ops.push(Number(value));
        else if (kind === 'version') acks.versions.push(Number(value));
        else if (kind === 'original') acks.originals.push(value);
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(acks) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}

function verify(dir: string, acked: Acks): void {
  const lib = new LibraryDb(path.join(dir, 'library.sqlite'));
  try {
    expect(lib.integrityCheck()).toBe('ok');
    const ops = new Set((lib.db.prepare('SELECT id FROM operations').all() as { id: number }[]).map((r) => r.id));
    expect(acked.ops.filter((id) => !ops.has(id))).toEqual([]);
    const versions = lib.db.prepare('SELECT id, op_id AS opId FROM versions').all() as { id: number; opId: number | null }[];
    const ids = new Set(versions.map((v) => v.id));
    expect(acked.versions.filter((id) => !ids.has(id))).toEqual([]);
    expect(versions.filter((v) => v.opId !== null && !ops.has(v.opId))).toEqual([]);
    const { head } = lib.db.prepare('SELECT head FROM projects').get() as { head: number | null };
    expect(head === null || ops.has(head)).toBe(true);
  } finally {
    lib.close();
  }
  const store = path.join(dir, 'originals');
  const files = readdirSync(store, { withFileTypes: true }).filter((f) => f.isFile() && /^[0-9a-f]{64}$/.test(f.name));
  for (const f of files) expect(sha256(readFileSync(path.join(store, f.name)))).toBe(f.name);
  const names = new Set(files.map((f) => f.name));
  expect(acked.originals.filter((h) => !names.has(h))).toEqual([]);
}

describe('library durability under SIGKILL', () => {
  it(`loses no acknowledged edit across ${KILLS} kills at random moments`, async () => {
    const dir = tempDir('crash');
    const acked: Acks = { ops: [], versions: [], originals: [] };
    for (let i = 0; i < KILLS; i++) {
      const got = await runAndKill(dir, Math.floor(Math.random() * 120));
      acked.ops.push(...got.ops);
      acked.versions.push(...got.versions);
      acked.originals.push(...got.originals);
      verify(dir, acked);
    }
    expect(acked.ops.length).toBeGreaterThan(KILLS);
  }, 900_000);
});
