// The Electron shell's services process, started for real (Node, tsx), on a library it must refuse:
// it backs off, stops after a few tries, and every call then says why.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesClient } from '../../electron/main/services-client';
import { MIGRATIONS } from '../../electron/services/library/migrations';
import { ROOT, tempDir } from '../support/paths';

const saved = process.env.TINTYPE_LIBRARY;
afterEach(() => {
  if (saved === undefined) delete process.env.TINTYPE_LIBRARY;
  else process.env.TINTYPE_LIBRARY = saved;
});

const until = async (done: () => boolean, ms: number): Promise<void> => {
  for (const end = Date.now() + ms; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
};

describe('services process supervision', () => {
  it('stops restarting a services process the library refuses, and answers with the real reason', async () => {
    const dir = tempDir('refused');
    mkdirSync(dir, { recursive: true });
    const db = new Database(path.join(dir, 'library.sqlite'));
    db.pragma(`user_version = ${MIGRATIONS.length + 7}`);
    db.close();
    process.env.TINTYPE_LIBRARY = dir;
    const client = new ServicesClient(ROOT, () => {}, { restartDelaysMs: [100, 300] });
    client.start();
    await until(() => client.stopped, 90_000);
    expect(client.stopped).toBe(true);
    expect(client.starts).toBe(3);
    const r = await client.call('listImages', {});
    expect(r.ok ? 'ok' : r.error.code).toBe('io-failed');
    expect(r.ok ? '' : r.error.message).toMatch(/newer Tintype \(schema \d+\).*gave up after 3 tries/);
    expect(r.ok ? '' : r.error.message).not.toContain(dir);
    await new Promise((r) => setTimeout(r, 1000));
    expect(client.starts).toBe(3);
    client.stop();
  }, 120_000);
});
