// The hostile-input probe as the project's own suite: seeded, bounded. Mutated images through import,
// malformed payloads on every channel, and the stroke bomb; each must end in a value (ok or a typed
// error, never 'internal', never a throw), and no stored original may change. A short run is part of
// `npm test`; `npm run fuzz` runs it ten times larger. Prints tried / threw / internal / typed / ok /
// peak RSS per probe.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { sha256 } from '../../electron/services/library/originals';
import { Studio } from '../../electron/services/studio';
import { CHANNELS } from '../../shared/ipc/channels';
import type { ImageInfo, Results } from '../../shared/ipc/contract';
import { MODELS, tempDir } from '../support/paths';
import { call, syntheticScan } from '../support/studio-fixtures';

const SCALE = process.env.TINTYPE_FUZZ === 'full' ? 10 : 1;
const libraryDir = tempDir('fuzz');
const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: () => {} });
afterAll(() => studio.close());

let seed = 20_240_601;
const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const peakMiB = (): number => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);

interface Tally {
  probe: string;
  tried: number;
  threw: number;
  internal: number;
  typed: number;
  ok: number;
  peakMiB: number;
}
const table: Tally[] = [];
afterAll(() => console.table(table));

async function probe(name: string, inputs: (() => Promise<{ channel: string; payload: unknown }>)[]): Promise<Tally> {
  const t: Tally = { probe: name, tried: 0, threw: 0, internal: 0, typed: 0, ok: 0, peakMiB: 0 };
  const internals: string[] = [];
  for (const make of inputs) {
    t.tried++;
    try {
      const { channel, payload } = await make();
      const r = await dispatch(studio.handlers, channel, payload);
      if (r.ok) t.ok++;
      else if (r.error.code !== 'internal') t.typed++;
      else {
        t.internal++;
        internals.push(`${channel}: ${r.error.message}`);
      }
    } catch {
      t.threw++;
    }
  }
  t.peakMiB = peakMiB();
  table.push(t);
  expect(internals).toEqual([]);
  return t;
}

const storedOriginals = (): Record<string, string> => {
  const dir = path.join(libraryDir, 'originals');
  return Object.fromEntries(readdirSync(dir).filter((f) => /^[0-9a-f]{64}$/.test(f)).map((f) => [f, sha256(readFileSync(path.join(dir, f)))]));
};

describe(`hostile inputs (scale ${SCALE})`, () => {
  it('imports mutated JPEG, PNG and 16-bit TIFF scans into values, never changing a stored original', async () => {
    const jpeg = await syntheticScan(96, 64);
    const gray = Buffer.alloc(96 * 64 * 2).map((_, i) => (i * 7) & 0xff);
    const png = await sharp(jpeg).png().toBuffer();
    const tiff = await sharp(gray, { raw: { width: 96, height: 64, channels: 1 } }).toColourspace('grey16').tiff().toBuffer();
    for (const [name, bytes] of [['seed.jpg', jpeg], ['seed.png', png], ['seed.tif', tiff]] as const) await call<ImageInfo>(studio, 'importImage', { name, bytes });
    const before = storedOriginals();
    const mutate = (src: Buffer): Buffer => {
      const b = Buffer.from(src);
      const kind = rand();
      if (kind < 0.4) for (let k = 0; k < 1 + rand() * 20; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      else if (kind < 0.7) return b.subarray(0, Math.floor(rand() * b.length));
      else if (kind < 0.9) return Buffer.concat([b.subarray(0, Math.floor(rand() * b.length)), b.subarray(Math.floor(rand() * b.length))]);
      else for (let k = 16; k < Math.min(b.length, 64); k++) b[k] = 0xff; // header sizes and offsets
      return b;
    };
    const tally = await probe('mutated images', Array.from({ length: 60 * SCALE }, () => async () => ({ channel: 'importImage', payload: { name: 'm.bin', bytes: mutate(pick([jpeg, png, tiff])) } })));
    expect(tally.threw).toBe(0);
    const after = storedOriginals();
    for (const [id, hash] of Object.entries(before)) expect(after[id]).toBe(hash);
    for (const [id, hash] of Object.entries(after)) expect(hash).toBe(id);
  }, 300_000);

  it('answers malformed payloads on every channel with values', async () => {
    const junk = (depth = 0): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.25) return pick([null, 0, -1, 1e308, Number.NaN, '', 'x'.repeat(1 + Math.floor(rand() * 300)), true, 'a'.repeat(64), '0123456789abcdef']);
      if (r < 0.5) return Array.from({ length: Math.floor(rand() * 5) }, () => junk(depth + 1));
      if (r < 0.6) return new Uint8Array(Math.floor(rand() * 64));
      const keys = ['imageId', 'projectId', 'guidance', 'hints', 'strokes', 'regions', 'op', 'kind', 'name', 'bytes', 'recipe', 'meta', 'fileName', 'jobId', 'x', 'y', 'revision', 'base', 'target', 'text', '__proto__', 'constructor'];
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 6) }, () => [pick(keys), junk(depth + 1)]));
    };
    const inputs: (() => Promise<{ channel: string; payload: unknown }>)[] = CHANNELS.flatMap((channel) => Array.from({ length: 12 * SCALE }, () => async () => ({ channel, payload: junk() })));
    inputs.push(async () => ({ channel: 'noSuchChannel', payload: {} }), async () => ({ channel: '__proto__', payload: {} }));
    expect((await probe('malformed payloads', inputs)).threw).toBe(0);
  }, 300_000);

  it('answers the stroke bomb quickly with a typed error and keeps serving', async () => {
    const image = await call<ImageInfo>(studio, 'importImage', { name: 'bomb.jpg', bytes: await syntheticScan(300, 200) });
    const points = Array.from({ length: 6001 }, (_, i) => (i % 2 ? { x: 1e6, y: 1e6 } : { x: -1e6, y: -1e6 }));
    await call(studio, 'colorize', { imageId: image.id, revision: 0, guidance: { hints: [], strokes: [], regions: [] } }); // the model loaded, the image decoded
    const started = performance.now();
    const tally = await probe('stroke bomb', Array.from({ length: 3 }, () => async () => ({ channel: 'colorize', payload: { imageId: image.id, revision: 1, guidance: { hints: [], regions: [], strokes: [{ id: 's', points, width: 0.5, a: 20, b: 20 }] } } })));
    expect(tally.typed).toBe(3);
    const each = (performance.now() - started) / 3;
    console.log(`stroke bomb: ${Math.round(each)} ms a request`);
    expect(each).toBeLessThan(8_000); // loose: ~0.1 s on an idle machine, ~1.7 s beside a training job; 9.4 s idle before
    const fine = await call<Results['colorize']>(studio, 'colorize', { imageId: image.id, revision: 2, guidance: { hints: [], strokes: [], regions: [] } });
    expect(fine.stale).toBe(false);
  }, 120_000);
});
