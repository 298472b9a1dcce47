// The browser-host transport: the same services behind a loopback-only HTTP server. Every call needs the
// per-run random token; Host and Origin must be this server's own (against DNS rebinding and other sites).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { decodeBody, decodeFrames, encode, encodeFrames, FRAMES_TYPE } from '../../shared/ipc/codec';
import { MAX_IMPORT_BYTES, type ProgressEvent } from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/errors';
import { CONTENT_SECURITY_POLICY, safeDecode } from '../app/policy';

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export interface BrowserHost {
  url: string;
  origin: string;
  token: string;
  broadcast(event: ProgressEvent): void;
  close(): Promise<void>;
}

/** Largest request body: an import of the largest accepted file, base64-encoded, and its JSON. */
export const MAX_BODY = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 1024 * 1024;
/** Largest framed request body: the largest accepted file as its own bytes, and its JSON. */
export const MAX_FRAMED_BODY = MAX_IMPORT_BYTES + 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function sameSecret(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

class TooLarge extends Error {}

/** The body as bytes (never one string), into a buffer sized once from Content-Length when given;
 * refused with TooLarge as soon as it passes `limit`. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const sized = Number.isSafeInteger(declared) && declared >= 0;
    if (sized && declared > limit) return reject(new TooLarge());
    let buffer = Buffer.allocUnsafe(sized ? declared : 64 * 1024);
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      if (size + c.length > limit || (sized && size + c.length > declared)) {
        done = true;
        req.pause();
        return reject(new TooLarge());
      }
      if (size + c.length > buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(limit, Math.max(buffer.length * 2, size + c.length)));
        buffer.copy(grown, 0, 0, size);
        buffer = grown;
      }
      c.copy(buffer, size);
      size += c.length;
    });
    req.on('end', () => {
      if (!done) resolve(buffer.subarray(0, size));
    });
    req.on('error', (e) => {
      done = true;
      reject(e);
    });
  });
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

export async function startBrowserHost(options: { dispatch: Dispatch; rendererDir: string; port?: number }): Promise<BrowserHost> {
  const token = randomBytes(32).toString('hex');
  const streams = new Set<http.ServerResponse>();
  let origin = '';

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, encode(fail('internal', (e as Error).message)));
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (`http://${host}` !== origin) return send(res, 421, 'wrong host', 'text/plain');
    if (req.headers.origin && req.headers.origin !== origin) return send(res, 403, 'wrong origin', 'text/plain');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/rpc/')) return rpc(req, res, url.pathname.slice(5));
    if (url.pathname === '/events') return events(req, res, url);
    if (req.method !== 'GET') return send(res, 405, 'method not allowed', 'text/plain');
    return serveStatic(res, url.pathname);
  }

  async function rpc(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, encode(fail('invalid-payload', 'POST only')));
    const auth = req.headers.authorization?.replace(/^Bearer /, '');
    if (!sameSecret(auth, token)) return send(res, 401, encode(fail('unauthorized', 'Missing or wrong token.')));
    const type = String(req.headers['content-type']);
    const framed = type.startsWith(FRAMES_TYPE);
    if (!framed && !type.startsWith('application/json')) {
      return send(res, 415, encode(fail('invalid-payload', `Expected application/json or ${FRAMES_TYPE}.`)));
    }
    const limit = framed ? MAX_FRAMED_BODY : MAX_BODY;
    let payload: unknown;
    try {
      const body = await readBody(req, limit);
      payload = framed ? decodeFrames(body) : decodeBody(body);
    } catch (e) {
      if (!(e instanceof TooLarge)) return send(res, 400, encode(fail('invalid-payload', framed ? 'The request body is not a valid framed body.' : 'The request body is not valid JSON.')));
      // Answer, discard what the client is still sending (closing on unread data would reset the
      // connection before the client reads the answer), and drop it if it keeps sending.
      req.resume();
      setTimeout(() => req.destroy(), 10_000).unref();
      return send(res, 413, encode(fail('payload-too-large', `The request is larger than ${Math.round(limit / 2 ** 20)} MiB (files up to ${MAX_IMPORT_BYTES / 2 ** 20} MiB can be imported).`)));
    }
    const result = await options.dispatch(channel, payload);
    if (!String(req.headers.accept).includes(FRAMES_TYPE)) return send(res, 200, encode(result));
    const parts = encodeFrames(result);
    res.writeHead(200, {
      'Content-Type': FRAMES_TYPE,
      'Content-Length': parts.reduce((n, p) => n + p.byteLength, 0),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    for (const p of parts) res.write(p);
    res.end();
  }

  function events(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (!sameSecret(url.searchParams.get('token'), token)) return send(res, 401, 'unauthorized', 'text/plain');
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  async function serveStatic(res: http.ServerResponse, pathname: string): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : safeDecode(pathname)?.replace(/^\/+/, '');
    if (rel === undefined) return send(res, 400, 'bad request', 'text/plain');
    const file = path.resolve(options.rendererDir, rel);
    if (!file.startsWith(path.resolve(options.rendererDir) + path.sep)) return send(res, 404, 'not found', 'text/plain');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'not found', 'text/plain');
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    token,
    url: `${origin}/#token=${token}`,
    broadcast(event) {
      for (const s of streams) s.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
