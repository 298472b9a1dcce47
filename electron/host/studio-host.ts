// Runs the studio's services with the browser-host transport: `npm run host` and the fallback of `npm start`.
import { bootStudio } from '../app/boot';
import { RENDERER_DIR } from '../app/paths';
import { dispatch } from '../services/dispatch';
import type { Studio } from '../services/studio';
import { startBrowserHost, type BrowserHost } from './browser-host';

export async function startStudioHost(options: { libraryDir?: string; port?: number } = {}): Promise<{ host: BrowserHost; studio: Studio }> {
  let host: BrowserHost | null = null;
  const studio = bootStudio({ libraryDir: options.libraryDir, emit: (event) => host?.broadcast(event) });
  host = await startBrowserHost({
    dispatch: (channel, payload) => dispatch(studio.handlers, channel, payload),
    rendererDir: RENDERER_DIR,
    port: options.port,
  });
  return { host, studio };
}
