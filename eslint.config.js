// Lint rules that keep the layers apart. Every part of the tree is a room with the rooms it may import:
//
//   shared    pure: no Node, DOM, Electron or React, imports nothing outside shared/
//   renderer  shared (reaches Node only through the IPC contract, shared/ipc/contract.ts)
//   preload   shared, electron (sandboxed: no Node)
//   services  shared (know nothing of the transport that calls them)
//   app       services, shared (start-up, paths, security policy: electron/app/)
//   host      app, services, shared (the browser host and the services process)
//   main      app, shared (the Electron shell; talks to the services process over messages)
//   cli       app, host, services, shared
//
// An import that crosses into a room not listed fails `npm run lint` (tests/unit/lint-layers.test.ts).
import tseslint from 'typescript-eslint';

const NODE = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'worker_threads', 'zlib', 'url', 'module'];
const NATIVE = ['sharp', 'better-sqlite3', 'onnxruntime-node', 'electron'];
const UI = ['react', 'react-dom', 'konva', 'react-konva'];

/** The rooms, where their files are, and which other rooms each may import. */
export const ROOMS = {
  shared: { files: ['shared/**/*.ts'], may: [] },
  renderer: { files: ['renderer/**/*.{ts,tsx}'], may: ['shared'] },
  preload: { files: ['electron/preload/**/*.ts'], may: ['shared'] },
  services: { files: ['electron/services/**/*.ts'], may: ['shared'] },
  app: { files: ['electron/app/**/*.ts'], may: ['services', 'shared'] },
  host: { files: ['electron/host/**/*.ts'], may: ['app', 'services', 'shared'] },
  main: { files: ['electron/main/**/*.ts'], may: ['app', 'shared'] },
  cli: { files: ['electron/cli/**/*.{ts,mjs}'], may: ['app', 'host', 'services', 'shared'] },
};

/** Import patterns that reach into a room (relative imports name the room's folder). */
const PATH_OF = {
  shared: '**/shared/**',
  renderer: '**/renderer/**',
  preload: '**/preload/**',
  services: '**/services/**',
  app: '**/app/**',
  host: '**/host/**',
  main: '**/main/**',
  cli: '**/cli/**',
};

/** Packages each room may not use, beyond the rooms it may not import. */
const PACKAGES = {
  shared: [...NODE, ...NATIVE, ...UI],
  renderer: [...NODE, ...NATIVE],
  preload: [...NODE, 'sharp', 'better-sqlite3', 'onnxruntime-node', ...UI],
  services: ['electron', ...UI],
  app: UI,
  host: ['electron', ...UI],
  main: UI,
  cli: ['electron', ...UI],
};

const GLOBALS = {
  shared: ['window', 'document', 'Buffer', 'process', 'navigator', 'localStorage'],
  renderer: ['require', 'process', 'Buffer'],
  preload: ['require', 'Buffer'],
};

function roomRules(name, room) {
  const others = Object.keys(ROOMS).filter((r) => r !== name && !room.may.includes(r));
  const patterns = [
    { group: others.map((r) => PATH_OF[r]), message: `${name} may import only ${room.may.join(', ') || 'itself'} (eslint.config.js ROOMS).` },
    { group: PACKAGES[name], message: `${name} may not use this package (eslint.config.js PACKAGES).` },
  ];
  const rules = { 'no-restricted-imports': ['error', { patterns }] };
  if (GLOBALS[name]) rules['no-restricted-globals'] = ['error', ...GLOBALS[name]];
  return { files: room.files, rules };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'models/train/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...Object.entries(ROOMS).map(([name, room]) => roomRules(name, room)),
);
