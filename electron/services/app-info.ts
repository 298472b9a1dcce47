// The app's name and version as recorded in exports and recipes (from package.json).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');

export const APP = (() => {
  const pkg = JSON.parse(readFileSync(PACKAGE, 'utf8')) as { version: string };
  return { name: 'Tintype', version: pkg.version };
})();
