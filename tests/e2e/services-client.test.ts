// The Electron shell's services process, started for real from the build (plain Node, no tsx): it
// serves calls through its inference worker, and on a library it must refuse it backs off, stops after
// a few tries, and every call then says why.
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaunchServices } from '../../electron/app/services-messages';
import { nodeLaunch, ServicesClient } from '../../electron/main/services-client';
import { EMPTY_GUIDANCE } from '../../shared/model/guidance';
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

/** Node hooks, loaded into the services process and (inherited) its workers, that fail any import of tsx or
 * of a TypeScript file: what the build runs must need neither. */
function noTsxHooks(): string {
  const dir = tempDir('no-tsx');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'hooks.mjs'), `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (/\\/node_modules\\/tsx\\/|\\.tsx?$/.test(r.url)) throw new Error('the build imported ' + r.url);
  return r;
}
`);
  writeFileSync(path.join(dir, 'register.mjs'), "import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);\n");
  return path.join(dir, 'register.mjs');
}

describe('the built services process', () => {
  it('runs from out/main on plain Node with no tsx, and colorizes through its inference worker', async () => {
    const entry = path.join(ROOT, 'out', 'main', 'services-process.js');
    expect(existsSync(entry), 'npm run build first').toBe(true);
    const hooks = noTsxHooks();
    const launched: string[] = [];
    const guarded: LaunchServices = (file) => {
      launched.push(file);
      const child = fork(file, [], { execArgv: ['--import', hooks], serialization: 'advanced', cwd: ROOT, env: process.env });
      return {
        send: (m) => void child.send(m),
        onMessage: (f) => void child.on('message', f),
        onExit: (f) => void child.on('exit', (code, signal) => f(code, signal)),
        kill: () => void child.kill(),
      };
    };
    process.env.TINTYPE_LIBRARY = tempDir('built-services');
    const client = new ServicesClient(ROOT, () => {}, { launch: guarded, restartDelaysMs: [] });
    client.start();
    try {
      const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 120, g: 120, b: 120 } } }).png().toBuffer();
      const imported = await client.call('importImage', { name: 'gray.png', bytes: new Uint8Array(png) });
      expect(imported.ok, JSON.stringify(imported)).toBe(true);
      const imageId = (imported as { ok: true; value: { id: string } }).value.id;
      const guidance = { ...EMPTY_GUIDANCE, hints: [{ id: 'h1', x: 48, y: 32, radius: 4, a: 40, b: 30 }] };
      const r = await client.call('colorize', { imageId, revision: 1, guidance });
      expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
      const result = (r as { ok: true; value: { stale: boolean; ab: Uint8Array; width: number; height: number } }).value;
      expect(result.stale).toBe(false);
      expect(result.ab.length).toBe(result.width * result.height * 2);
      expect(launched).toEqual([entry]);
      expect(client.starts).toBe(1);
    } finally {
      client.stop();
    }
  }, 120_000);

  it('is what the shell starts by default', () => {
    const calls: string[] = [];
    const client = new ServicesClient(ROOT, () => {}, { launch: (f) => (calls.push(f), nodeLaunch(ROOT)(f)), restartDelaysMs: [] });
    client.start();
    client.stop();
    expect(calls).toEqual([path.join(ROOT, 'out', 'main', 'services-process.js')]);
  });
});

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
