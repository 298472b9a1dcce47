// Starts a worker thread, from the app's build when the services run from it (out/main, plain Node or
// Electron's utilityProcess: no tsx there), else from the TypeScript source through tsx (tests, `npm run
// cli`). Workers do not inherit tsx's loader, so a tiny data: URL bootstrap registers tsx inside the
// worker and then imports the module.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The workers the build emits next to the services (electron.vite.config.ts's main entries). */
export type WorkerEntry = 'compose-worker' | 'inference-worker';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Whether this module runs from the build: a .js chunk in out/main rather than this .ts file. */
export const RUNNING_BUILT = import.meta.url.endsWith('.js');

export function startWorker(sourceFile: string, built: WorkerEntry): Worker {
  if (RUNNING_BUILT) return new Worker(path.join(HERE, `${built}.js`));
  const resolveFrom = createRequire(import.meta.url);
  const api = pathToFileURL(path.join(path.dirname(resolveFrom.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const target = pathToFileURL(sourceFile).href;
  const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(target)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
}
