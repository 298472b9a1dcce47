// Where the studio's files are: the app's own tree (models, the built renderer) and the user's library.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelsDirFor } from '../services/inference/model-file';

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The library: `$TINTYPE_LIBRARY`, or the user's data folder. */
export function defaultLibraryDir(): string {
  return process.env.TINTYPE_LIBRARY ?? path.join(os.homedir(), '.local', 'share', 'tintype', 'library');
}

/** The shipped models (manifest.json and the files it names): in a packaged app, its resources folder
 * (packaging/electron-builder.config.mjs puts them there, outside app.asar), else the app's own tree. */
export const MODELS_DIR = packagedModels() ?? modelsDirFor(APP_ROOT);

function packagedModels(): string | null {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const dir = resources ? path.join(resources, 'models') : null;
  return dir && existsSync(path.join(dir, 'manifest.json')) ? dir : null;
}

/** The built renderer (electron-vite's output). */
export const RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');
