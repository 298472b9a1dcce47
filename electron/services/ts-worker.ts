// Starts a worker thread from a TypeScript module. Workers do not inherit tsx's loader, so a tiny
// data: URL bootstrap registers tsx inside the worker and then imports the module.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

export function startTsWorker(file: string): Worker {
  const api = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const target = pathToFileURL(file).href;
  const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(target)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
}
