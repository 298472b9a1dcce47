// The browser host in its own process (as `npm run host` runs it), for tests that must see it survive
// or die, and measure its peak memory: started on a fresh library, its address read from its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { encodeFrames, FRAMES_TYPE } from '../../shared/ipc/codec';
import { ROOT } from './paths';

export interface HostProcess {
  child: ChildProcess;
  origin: string;
  token: string;
  /** Peak resident memory of the host so far (VmHWM), in MiB. */
  peakMiB(): number;
  alive(): boolean;
  stop(): Promise<void>;
}

export function startHostProcess(libraryDir: string): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron', 'host', 'browser-host-cli.ts')], {
    cwd: ROOT,
    env: { ...process.env, TINTYPE_LIBRARY: libraryDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /TINTYPE_URL=(http:\/\/[^/]+)\/#token=([0-9a-f]+)/.exec(out);
      if (!m) return;
      resolve({
        child,
        origin: m[1],
        token: m[2],
        peakMiB: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
        alive: () => !exited,
        stop: () =>
          new Promise((done) => {
            if (exited) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before it listened: ${err}`)));
  });
}

/** POST a framed importImage (shared/ipc/codec.ts: the bytes as themselves), streamed in chunks; the bytes
 * are `mib` MiB of a repeating non-image pattern. */
export function postBigFramedImport(h: { origin: string; token: string }, mib: number): Promise<{ status: number; body: string }> {
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  const count = Math.round(mib / 4);
  const [head, json] = encodeFrames({ name: 'big.tif', bytes: new Uint8Array(0) });
  new DataView(head.buffer).setUint32(12, chunk.length * count, true); // the one value's real length
  const url = new URL(h.origin);
  return new Promise((resolve, reject) => {
    const headers = { Host: url.host, 'Content-Type': FRAMES_TYPE, Authorization: `Bearer ${h.token}`, 'Content-Length': head.length + json.length + chunk.length * count };
    const req = http.request({ host: '127.0.0.1', port: url.port, path: '/rpc/importImage', method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = (): void => {
      while (sent < count) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.write(head);
    req.write(json);
    pump();
  });
}

/** POST `{"name":NAME,"bytes":{"$bytes":BASE64}}` to importImage, streamed in chunks so the client never
 * holds the body as one string; the bytes are `mib` MiB of a repeating non-image pattern. */
export function postBigImport(h: { origin: string; token: string }, mib: number, opts: { contentLength?: boolean } = {}): Promise<{ status: number; body: string }> {
  // A server that refuses the body answers and hangs up; the write side then fails (EPIPE, reset),
  // which is not an error once the answer is in.
  const chunk = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  const b64 = chunk.toString('base64');
  const count = Math.round(mib / 3);
  const head = '{"name":"big.tif","bytes":{"$bytes":"';
  const tail = '"}}';
  const length = head.length + tail.length + b64.length * count;
  const url = new URL(h.origin);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { Host: url.host, 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}` };
    if (opts.contentLength !== false) headers['Content-Length'] = length;
    let answered = false;
    const req = http.request({ host: '127.0.0.1', port: url.port, path: '/rpc/importImage', method: 'POST', headers }, (res) => {
      answered = true;
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      const done = (): void => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      };
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    let sent = 0;
    const pump = (): void => {
      while (sent < count && !answered && !req.destroyed) {
        sent++;
        if (!req.write(b64)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    req.write(head);
    pump();
  });
}
