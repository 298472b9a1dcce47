// electron-builder configuration for `npm run dist` (on a machine that can download Electron): AppImage
// and deb, dmg, nsis. The app is loaded from app.asar only (a fuse enforces it); native modules, which
// cannot be loaded from inside an asar, are unpacked beside it; the models ship as resources. The
// Electron fuses are flipped by ./after-pack.mjs from ./fuses.json, checked by tests/unit/packaging.test.ts.
export default {
  appId: 'org.tintype.studio',
  productName: 'Tintype',
  directories: { output: 'dist', buildResources: 'packaging' },
  files: ['out/**', 'package.json', '!**/*.map'],
  asar: true,
  asarUnpack: ['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/sharp/**', 'node_modules/@img/**', 'node_modules/onnxruntime-node/**'],
  extraResources: [{ from: 'models', to: 'models', filter: ['*.onnx', 'manifest.json'] }],
  afterPack: './packaging/after-pack.mjs',
  linux: { target: ['AppImage', 'deb'], category: 'Graphics' },
  mac: { target: ['dmg'], category: 'public.app-category.photography' },
  win: { target: ['nsis'] },
};
