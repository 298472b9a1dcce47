// Runs the studio's services with the browser-host transport: `npm run host` and the fallback of `npm start`.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../services/dispatch';
import { warmComposeWorkers } from '../services/export/compose';
import { modelsDirFor } from '../services/inference/model-file';
import { Studio } from '../services/studio';
import { startBrowserHost, type BrowserHost } from './browser-host';

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function defaultLibraryDir(): string {
  return process.env.TINTYPE_LIBRARY ?? path.join(os.homedir(), '.local', 'share', 'tintype', 'library');
}

export async function startStudioHost(options: { libraryDir?: string; port?: number } = {}): Promise<{ host: BrowserHost; studio: Studio }> {
  const libraryDir = options.libraryDir ?? defaultLibraryDir();
  mkdirSync(libraryDir, { recursive: true });
  let host: BrowserHost | null = null;
  const studio = new Studio({
    libraryDir,
    modelsDir: modelsDirFor(APP_ROOT),
    emit: (event) => host?.broadcast(event),
  });
  // Load the model while the host starts, so the first preview does not pay for it (about 2 s here).
  void studio.model().catch((e: unknown) => console.error(`[tintype] model: ${(e as Error).message}`));
  host = await startBrowserHost({
    dispatch: (channel, payload) => dispatch(studio.handlers, channel, payload),
    rendererDir: path.join(APP_ROOT, 'out', 'renderer'),
    port: options.port,
  });
  studio.keepBackedUp();
  warmComposeWorkers(20_000);
  return { host, studio };
}
