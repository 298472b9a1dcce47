// The packaged app's configuration (packaging/): the Electron fuses issue 19 requires, as the afterPack
// hook would flip and then check them, and the electron-builder settings that make those fuses workable
// (an asar to load from, native modules unpacked beside it). Electron itself cannot be downloaded here,
// so the hook runs for real (with @electron/fuses, a devDependency) on a stand-in binary that carries
// Electron's fuse sentinel and a stock fuse wire; `npm run dist` on an online machine does the rest
// (README, Packaging).
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT, tempDir } from '../support/paths';

/** What a packaged Tintype must have (issue 19, item 13). */
const REQUIRED = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
};

/** @electron/fuses' own FuseV1Options (name → index in the fuse wire) and FuseState bytes. */
const OPTIONS = FuseV1Options as unknown as Record<string, number>;
const STATES = FuseState;

/** A stand-in for a packed Electron binary: filler, Electron's fuse sentinel, wire version 1 with a
 * stock Electron's nine fuses (RunAsNode, NODE_OPTIONS and --inspect on, the rest off), more filler. */
function standInBinary(file: string): void {
  const { ENABLE: on, DISABLE: off } = FuseState;
  const wire = [on, off, on, on, off, off, off, on, on];
  const filler = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + seed) & 0x7f));
  writeFileSync(file, Buffer.concat([filler(70_000, 3), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wire.length, ...wire]), filler(50_000, 9)]));
}

const fn = <T>() => z.custom<T>((v) => typeof v === 'function', 'a function');
const Hook = z.object({
  FUSES: z.record(z.string(), z.boolean()),
  fuseConfig: fn<(fuses: object, options: object, version?: string) => Record<string, unknown>>(),
  wrongFuses: fn<(fuses: object, options: object, wire: Record<number, number>, states: object) => string[]>(),
  default: fn<(context: unknown) => Promise<void>>(),
});
const Config = z.object({
  default: z.object({
    asar: z.literal(true),
    asarUnpack: z.array(z.string()),
    files: z.array(z.string()),
    afterPack: z.string(),
    linux: z.object({ target: z.array(z.string()) }),
    mac: z.object({ target: z.array(z.string()) }),
    win: z.object({ target: z.array(z.string()) }),
  }),
});

const load = async (file: string): Promise<unknown> => import(pathToFileURL(path.join(ROOT, file)).href);

describe('packaging', () => {
  it('configures exactly the required Electron fuses, by names @electron/fuses knows', async () => {
    const fuses: unknown = JSON.parse(readFileSync(path.join(ROOT, 'packaging', 'fuses.json'), 'utf8'));
    expect(fuses).toEqual(REQUIRED);
    for (const name of Object.keys(fuses as object)) expect(OPTIONS, `fuse ${name}`).toHaveProperty(name);
    const hook = Hook.parse(await load('packaging/after-pack.mjs'));
    expect(hook.FUSES).toEqual(REQUIRED);
  });

  it('turns the fuse list into the wire flipFuses writes, and finds a fuse the binary did not take', async () => {
    const hook = Hook.parse(await load('packaging/after-pack.mjs'));
    const { fuseConfig, wrongFuses } = hook;
    expect(fuseConfig(hook.FUSES, OPTIONS, '1')).toEqual({ version: '1', 0: false, 1: true, 2: false, 3: false, 4: true, 5: true });
    expect(() => fuseConfig({ RunAsNodes: false }, OPTIONS)).toThrow(/Unknown Electron fuse "RunAsNodes"/);

    const flipped = { 0: STATES.DISABLE, 1: STATES.ENABLE, 2: STATES.DISABLE, 3: STATES.DISABLE, 4: STATES.ENABLE, 5: STATES.ENABLE, 6: STATES.ENABLE, 7: STATES.ENABLE };
    expect(wrongFuses(hook.FUSES, OPTIONS, flipped, STATES)).toEqual([]);
    // A stock binary: RunAsNode, NODE_OPTIONS and --inspect on, the rest off.
    const stock = { 0: STATES.ENABLE, 1: STATES.DISABLE, 2: STATES.ENABLE, 3: STATES.ENABLE, 4: STATES.DISABLE, 5: STATES.DISABLE };
    expect(wrongFuses(hook.FUSES, OPTIONS, stock, STATES)).toHaveLength(6);
    expect(wrongFuses(hook.FUSES, OPTIONS, { ...flipped, 0: STATES.ENABLE }, STATES)).toEqual(['RunAsNode should be off']);
  });

  it('loads the app from an asar with native modules unpacked, runs the fuse hook, and builds every platform', async () => {
    const { default: config } = Config.parse(await load('packaging/electron-builder.config.mjs'));
    expect(existsSync(path.join(ROOT, config.afterPack)), config.afterPack).toBe(true);
    expect(path.resolve(ROOT, config.afterPack)).toBe(path.join(ROOT, 'packaging', 'after-pack.mjs'));
    expect(config.files).toContain('out/**');
    // Every native module the services load must be outside the asar (OnlyLoadAppFromAsar holds for JS only).
    for (const native of ['better-sqlite3', 'sharp', 'onnxruntime-node']) {
      expect(existsSync(path.join(ROOT, 'node_modules', native)), native).toBe(true);
      expect(config.asarUnpack.some((g) => g.includes(`node_modules/${native}/`)), native).toBe(true);
    }
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
  });

  it('flips the fuses of a packed binary with @electron/fuses and reads them back', async () => {
    const hook = Hook.parse(await load('packaging/after-pack.mjs'));
    const dir = tempDir('packed');
    mkdirSync(dir, { recursive: true });
    const binary = path.join(dir, 'tintype');
    standInBinary(binary);
    const before = await getCurrentFuseWire(binary);
    expect(before[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);
    const context = { electronPlatformName: 'linux', appOutDir: dir, packager: { executableName: 'tintype', appInfo: { productFilename: 'Tintype' } } };
    await hook.default(context);
    const after = await getCurrentFuseWire(binary);
    for (const [name, on] of Object.entries(REQUIRED)) {
      expect(after[OPTIONS[name] as FuseV1Options], name).toBe(on ? FuseState.ENABLE : FuseState.DISABLE);
    }
    // Fuses the list does not name keep the stock state.
    expect(after[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.ENABLE);
  });
});
