import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host';
import { dispatch } from '../../electron/services/dispatch';
import { Studio } from '../../electron/services/studio';
import { decode, decodeFrames, encode, encodeFrames, FRAMES_TYPE } from '../../shared/ipc/codec';
import sharp from 'sharp';
import { MODELS, ROOT, tempDir } from '../support/paths';
import path from 'node:path';

let host: BrowserHost;
let studio: Studio;

beforeAll(async () => {
  studio = new Studio({ libraryDir: tempDir('host'), modelsDir: MODELS, emit: () => {} });
  host = await startBrowserHost({ dispatch: (c, p) => dispatch(studio.handlers, c, p), rendererDir: path.join(ROOT, 'out', 'renderer') });
});
afterAll(async () => {
  await host.close();
  await studio.close();
});

/** A raw request, so Host and Origin can be set the way a hostile page or rebinding attack would. */
function request(pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: url.port, path: pathname, method: opts.method ?? 'GET', headers: { Host: url.host, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const rpc = (headers: Record<string, string>, body = encode({})) =>
  request('/rpc/listImages', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

describe('browser host transport', () => {
  it('listens on loopback only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a call that carries the token', async () => {
    const r = await rpc({ Authorization: `Bearer ${host.token}`, Origin: host.origin });
    expect(r.status).toBe(200);
    expect(decode(r.body)).toEqual({ ok: true, value: [] });
  });

  it('refuses calls without the right token', async () => {
    expect((await rpc({})).status).toBe(401);
    expect((await rpc({ Authorization: `Bearer ${'0'.repeat(64)}` })).status).toBe(401);
  });

  it('refuses other origins and other Host names (DNS rebinding)', async () => {
    expect((await rpc({ Authorization: `Bearer ${host.token}`, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await request('/rpc/listImages', { method: 'POST', headers: { Host: 'evil.example', Authorization: `Bearer ${host.token}` } })).status).toBe(421);
  });

  it('answers malformed bodies with a typed error, and keeps serving', async () => {
    const r = await rpc({ Authorization: `Bearer ${host.token}` }, '{not json');
    expect(r.status).toBe(400);
    expect((decode(r.body) as { error: { code: string } }).error.code).toBe('invalid-payload');
    expect((await rpc({ Authorization: `Bearer ${host.token}` })).status).toBe(200);
  });

  it('takes framed bodies (binary as bytes) and answers framed when asked', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 60, b: 30 } } }).png().toBuffer();
    const call = (channel: string, args: unknown) =>
      fetch(`${host.origin}/rpc/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': FRAMES_TYPE, Accept: FRAMES_TYPE, Authorization: `Bearer ${host.token}` },
        body: new Blob(encodeFrames(args) as BlobPart[]),
      });
    const res = await call('importImage', { name: 'framed.png', bytes: new Uint8Array(png) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(FRAMES_TYPE);
    const imported = decodeFrames(new Uint8Array(await res.arrayBuffer())) as { ok: true; value: { id: string; width: number } };
    expect(imported.ok).toBe(true);
    expect(imported.value.width).toBe(40);
    // Binary comes back as bytes: the display image's PNG decodes to the imported size.
    const shown = decodeFrames(new Uint8Array(await (await call('getDisplayImage', { imageId: imported.value.id })).arrayBuffer())) as { ok: true; value: { png: Uint8Array } };
    expect(shown.value.png).toBeInstanceOf(Uint8Array);
    expect((await sharp(shown.value.png).metadata()).width).toBe(40);
    // A malformed framed body is a typed error, and the host keeps serving.
    const bad = await fetch(`${host.origin}/rpc/listImages`, { method: 'POST', headers: { 'Content-Type': FRAMES_TYPE, Authorization: `Bearer ${host.token}` }, body: new Uint8Array([1, 2, 3]) });
    expect(bad.status).toBe(400);
    expect((decode(await bad.text()) as { error: { code: string } }).error.code).toBe('invalid-payload');
    expect((await rpc({ Authorization: `Bearer ${host.token}` })).status).toBe(200);
  });

  it('does not serve files outside the renderer', async () => {
    expect((await request('/..%2f..%2fpackage.json')).status).toBe(404);
    expect((await request('/../../package.json')).status).toBe(404);
  });

  it('serves the app with a content security policy', async () => {
    const r = await new Promise<http.IncomingMessage>((resolve) => http.get(`${host.origin}/`, resolve));
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("style-src 'self'");
    expect(r.headers['content-security-policy']).not.toContain('unsafe-inline');
  });
});
