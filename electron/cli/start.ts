// `npm start`: build, then open the studio in Electron when its binary is available (fetching it once on
// a machine that is online), otherwise run the browser host (the build's out/main/browser-host.js, as
// `npm run host` does) and open it in Chromium/Chrome app mode.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ROOT } from '../app/paths';
import { electronBinary } from './electron-binary';

const bin = (name: string): string => path.join(APP_ROOT, 'node_modules', '.bin', name);


/** One line for why the Electron installer failed, from its stderr. */
function fetchFailure(stderr: string, error?: Error): string {
  if (error) return error.message;
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/.test(stderr)) return 'no network connection to its download site';
  const line = stderr.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at '));
  return line ?? 'its installer failed';
}

/** npm may skip Electron's download (offline machines, or npm's install-script policy): fetch it now. */
function ensureElectron(): string | null {
  const found = electronBinary(APP_ROOT);
  if (found || process.env.TINTYPE_BROWSER_HOST === '1') return found;
  const installer = path.join(APP_ROOT, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return null;
  console.log('Fetching the Electron binary (once)…');
  // Its installer prints a bare stack trace when offline ("TypeError: fetch failed"); say what happened instead.
  const r = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) console.log(`Could not fetch Electron (${fetchFailure(r.stderr ?? '', r.error)}); using the browser host instead.`);
  return electronBinary(APP_ROOT);
}

const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

function findBrowser(): string | null {
  for (const name of BROWSERS) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

/** A page that forwards to the studio with its token, in the browser profile's own folder (mode 0700,
 * the file 0600): the token never appears on a command line, where any local user could read it with
 * `ps`. */
function launcher(profile: string, url: string): string {
  const file = path.join(profile, 'open-tintype.html');
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><title>Tintype</title><script>location.replace(${JSON.stringify(url)})</script>\n`, { mode: 0o600 });
  return file;
}

/** The built browser host on plain Node; resolves with its address once it listens. Its own messages
 * (a library in use, a newer schema) go straight to this terminal. */
function startBuiltHost(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(APP_ROOT, 'out', 'main', 'browser-host.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    child.once('exit', (code) => process.exit(code ?? 1));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^TINTYPE_URL=(\S+)$/.exec(line);
      if (m) resolve({ child, url: m[1] });
      else console.log(line);
    });
  });
}

async function main(): Promise<void> {
  const built = spawnSync(bin('electron-vite'), ['build'], { stdio: 'inherit', cwd: APP_ROOT });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const electron = ensureElectron();
  if (electron) {
    const child = spawn(electron, [APP_ROOT], { stdio: 'inherit', env: { ...process.env, npm_node_execpath: process.execPath } });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const host = await startBuiltHost();
  console.log(`Tintype is running at ${host.url}`);
  console.log('(loopback only; the token in the address is required. Ctrl+C to stop.)');
  const browser = findBrowser();
  let profile: string | null = null;
  if (browser) {
    profile = mkdtempSync(path.join(os.tmpdir(), 'tintype-browser-'));
    const args = [`--app=${pathToFileURL(launcher(profile, host.url)).href}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking'];
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    const child = spawn(browser, args, { stdio: 'ignore', detached: true });
    child.on('exit', () => removeProfile());
    child.unref();
  }
  const removeProfile = (): void => {
    if (profile) rmSync(profile, { recursive: true, force: true });
    profile = null;
  };
  const stop = (): void => {
    host.child.removeAllListeners('exit');
    host.child.once('exit', () => (removeProfile(), process.exit(0)));
    host.child.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
