// The Electron shell: one hardened window, the tintype:// protocol for app pages, and IPC forwarded to
// the services process after the sender is checked. Payload validation happens in the services.
import { app, BrowserWindow, ipcMain, Menu, net, protocol, session, utilityProcess, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { accelerator, COMMAND_IDS, COMMANDS, type CommandSpec } from '../../shared/ui/commands';
import { fail } from '../../shared/ipc/errors';
import { validateCall } from '../../shared/ipc/validate';
import { CONTENT_SECURITY_POLICY, safeDecode } from '../app/policy';
import type { LaunchServices } from '../app/services-messages';
import { nodeLaunch, ServicesClient } from './services-client';

const SCHEME = 'tintype';
const APP_ORIGIN = `${SCHEME}://app`;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDir = path.join(root, 'out', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let win: BrowserWindow | null = null;
/** A packaged app has no Node of its own: the services run as Electron's utility process (its native
 * modules rebuilt for Electron by the packager). In development they run on Node, on Node's ABI. */
const utilityLaunch: LaunchServices = (entry) => {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Tintype services', stdio: 'inherit' });
  return {
    send: (m) => child.postMessage(m),
    onMessage: (f) => void child.on('message', f),
    onExit: (f) => void child.on('exit', (code) => f(code, null)),
    kill: () => void child.kill(),
  };
};
const services = new ServicesClient(root, (event) => win?.webContents.send('tintype:progress', event), {
  launch: app.isPackaged ? utilityLaunch : nodeLaunch(root),
});

function serveApp(request: Request): Promise<Response> | Response {
  const url = new URL(request.url);
  const rel = url.pathname === '/' ? 'index.html' : safeDecode(url.pathname)?.replace(/^\/+/, '');
  if (rel === undefined) return new Response('bad request', { status: 400 });
  const file = path.resolve(rendererDir, rel);
  if (url.host !== 'app' || !file.startsWith(rendererDir + path.sep)) return new Response('not found', { status: 404 });
  return net.fetch(pathToFileURL(file).toString()).then((r) => {
    const headers = new Headers(r.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(r.body, { status: r.status, headers });
  });
}

function trusted(event: IpcMainInvokeEvent): boolean {
  return event.sender === win?.webContents && (event.senderFrame?.url ?? '').startsWith(`${APP_ORIGIN}/`);
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Tintype',
    webPreferences: {
      preload: path.join(root, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.on('closed', () => (win = null));
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

/** The menu from the command table. Accelerators are shown but not registered: the renderer binds every
 * key itself (shared/ui/commands.ts), so no key runs a command twice. */
function buildMenu(): void {
  const items = (menu: 'File' | 'Edit' | 'View'): MenuItemConstructorOptions[] =>
    COMMAND_IDS.flatMap((id) => {
      const c: CommandSpec = COMMANDS[id];
      if (c.menu?.in !== menu) return [];
      const key = c.keys.at(0);
      return [{ label: c.menu.label, ...(key ? { accelerator: accelerator(key), registerAccelerator: false } : {}), click: () => win?.webContents.send('tintype:menu', id) }];
    });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: 'File', submenu: [...items('File'), { type: 'separator' }, { role: 'quit' }] },
      { label: 'Edit', submenu: items('Edit') },
      // DevTools only in development: a packaged app gives no console into the renderer.
      { label: 'View', submenu: [...items('View'), { type: 'separator' }, ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]), { role: 'togglefullscreen' }] },
    ]),
  );
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  protocol.handle(SCHEME, serveApp);
  ipcMain.handle('tintype:call', (event, channel: unknown, payload: unknown) => {
    if (!trusted(event)) return fail('unauthorized', 'IPC from an untrusted frame.');
    const call = validateCall(channel, payload);
    if (!call.ok) return call;
    return services.call(call.value.channel, call.value.args);
  });
  services.start();
  buildMenu();
  createWindow();
});

app.on('window-all-closed', () => {
  services.stop();
  app.quit();
});
