// Where the Electron binary is, without triggering the electron package's download-on-require.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function electronBinary(appRoot: string): string | null {
  const pkg = path.join(appRoot, 'node_modules', 'electron');
  try {
    const rel = readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
    const bin = path.join(pkg, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}
