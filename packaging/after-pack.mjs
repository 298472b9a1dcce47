// electron-builder's afterPack hook: flips the Electron fuses in packaging/fuses.json in the packed app's
// binary (after packing, before signing, so the signature covers them), then reads the wire back and
// fails the build if any fuse is not as configured. Needs @electron/fuses (a devDependency of `npm run
// dist`; see the README's Packaging section).
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The fuses the packaged app must have, by @electron/fuses' FuseV1Options names. */
export const FUSES = JSON.parse(readFileSync(new URL('./fuses.json', import.meta.url), 'utf8'));

/** flipFuses' configuration for `fuses`, given @electron/fuses' FuseV1Options (name → wire index). */
export function fuseConfig(fuses, options, version = '1') {
  const config = { version };
  for (const [name, on] of Object.entries(fuses)) {
    if (typeof options[name] !== 'number') throw new Error(`Unknown Electron fuse "${name}" in packaging/fuses.json`);
    if (typeof on !== 'boolean') throw new Error(`Fuse "${name}" must be true or false`);
    config[options[name]] = on;
  }
  return config;
}

/** The fuses whose state in `wire` (getCurrentFuseWire's result) is not the configured one. */
export function wrongFuses(fuses, options, wire, states) {
  return Object.entries(fuses)
    .filter(([name, on]) => wire[options[name]] !== (on ? states.ENABLE : states.DISABLE))
    .map(([name, on]) => `${name} should be ${on ? 'on' : 'off'}`);
}

/** The Electron binary electron-builder packed for this platform. */
export function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

export default async function afterPack(context) {
  let fuses;
  try {
    fuses = await import('@electron/fuses');
  } catch {
    throw new Error('Packaging needs @electron/fuses to set the Electron fuses: npm install --save-dev @electron/fuses (see README, Packaging).');
  }
  const binary = electronBinary(context);
  const config = fuseConfig(FUSES, fuses.FuseV1Options, fuses.FuseVersion.V1);
  // A macOS binary (arm64 above all) must be re-signed ad hoc once its bytes change, or it will not start
  // before the real signing that follows this hook.
  config.resetAdHocDarwinSignature = context.electronPlatformName === 'darwin';
  await fuses.flipFuses(binary, config);
  const wrong = wrongFuses(FUSES, fuses.FuseV1Options, await fuses.getCurrentFuseWire(binary), fuses.FuseState);
  if (wrong.length > 0) throw new Error(`Electron fuses not set in ${binary}: ${wrong.join(', ')}`);
  console.log(`[tintype] Electron fuses set in ${path.basename(binary)}: ${Object.entries(FUSES).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(', ')}`);
}
