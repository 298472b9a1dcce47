// The browser host in its own process against bodies at and past the contract's limits: it answers
// each with a typed error, stays up, and holds a legitimate big import in about twice its size.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY } from '../../electron/host/browser-host';
import { decode } from '../../shared/ipc/codec';
import { startHostProcess, postBigFramedImport, postBigImport, type HostProcess } from '../support/host-process';
import { tempDir } from '../support/paths';

let h: HostProcess;

/** What a framed 500 MiB import may add to the host's peak once the model is loaded: the body, read
 * once, and little else (measured on 2026-12-01: see the closing note of issue 19; the same file as
 * base64 JSON peaks at 1,609–1,626 MiB in all). */
const BOUND_FRAMED_MIB = 700;

beforeAll(async () => {
  h = await startHostProcess(tempDir('host-limits'));
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const code = (body: string): string => (decode(body) as { ok: boolean; error?: { code: string } }).error?.code ?? 'ok';

function listImages(): Promise<number> {
  const url = new URL(h.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: url.port, path: '/rpc/listImages', method: 'POST', headers: { Host: url.host, 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('browser host under oversized bodies', () => {
  it('imports a 500 MiB file (the contract allows 512) without dying, in under 1.8 GB', async () => {
    const r = await postBigImport(h, 501);
    expect(r.status).toBe(200);
    // The bytes are no image: the import's own typed answer, reached after the whole body was decoded.
    expect(code(r.body)).toBe('unsupported-image');
    expect(h.alive()).toBe(true);
    console.log(`500 MiB import: host peak RSS ${Math.round(h.peakMiB())} MiB`);
    // 1,412 MiB measured with the contract-1 model; the contract-2 prior's session, loaded at start,
    // adds about 200 MiB (1,609 MiB on 2026-12-01), so the bound leaves that room and no more.
    expect(h.peakMiB()).toBeLessThan(1800);
    expect(await listImages()).toBe(200);
  }, 180_000);

  it('refuses a body over the limit with 413 and a typed error, declared or streamed', async () => {
    const declared = await postBigImport(h, Math.ceil(MAX_BODY / 2 ** 20 / 0.75) + 30);
    expect(declared.status).toBe(413);
    expect(code(declared.body)).toBe('payload-too-large');
    const streamed = await postBigImport(h, Math.ceil(MAX_BODY / 2 ** 20 / 0.75) + 30, { contentLength: false });
    expect(streamed.status).toBe(413);
    expect(code(streamed.body)).toBe('payload-too-large');
    expect(h.alive()).toBe(true);
    expect(await listImages()).toBe(200);
  }, 180_000);

  it('answers a malformed percent-escape with 400, not 500', async () => {
    const r = await fetch(`${h.origin}/%`);
    expect(r.status).toBe(400);
  });
});

describe('browser host, framed import (the studio\'s own client)', () => {
  let f: HostProcess;
  beforeAll(async () => {
    f = await startHostProcess(tempDir('host-limits-framed'));
  }, 60_000);
  afterAll(async () => {
    await f?.stop();
  });

  it('imports a 500 MiB file sent as bytes, holding about its size once', async () => {
    // The model sessions first (modelInfo waits for them), so the peak below is the import's own.
    const info = await fetch(`${f.origin}/rpc/modelInfo`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${f.token}` }, body: '{}' });
    expect(info.status).toBe(200);
    const base = f.peakMiB();
    const r = await postBigFramedImport(f, 500);
    expect(r.status).toBe(200);
    expect(code(r.body)).toBe('unsupported-image');
    expect(f.alive()).toBe(true);
    console.log(`500 MiB framed import: host peak RSS ${Math.round(f.peakMiB())} MiB (with the model loaded, before it: ${Math.round(base)} MiB)`);
    expect(f.peakMiB() - base).toBeLessThan(BOUND_FRAMED_MIB);
  }, 180_000);
});
