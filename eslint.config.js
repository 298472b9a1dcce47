// Lint rules that keep the layers apart: shared/ is pure (no Node, DOM, Electron or React), renderer/
// has no Node, and the services know nothing of the transports or Electron.
import tseslint from 'typescript-eslint';

const NODE = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'worker_threads', 'zlib', 'url', 'module'];
const NATIVE = ['sharp', 'better-sqlite3', 'onnxruntime-node', 'electron'];

const forbid = (groups, message) => ['error', { patterns: [{ group: groups, message }] }];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'models/train/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid([...NODE, ...NATIVE, 'react', 'react-dom', 'konva', 'react-konva', '**/electron/**', '**/renderer/**'], 'shared/ must stay free of Node, DOM, Electron and React.'),
      'no-restricted-globals': ['error', 'window', 'document', 'Buffer', 'process', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid([...NODE, ...NATIVE, '**/electron/**'], 'The renderer reaches Node only through the contract (shared/contract.ts).'),
      'no-restricted-globals': ['error', 'require', 'process', 'Buffer'],
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(['electron', '**/host/**', '**/main/**', '**/preload/**'], 'Services know nothing of the transport that calls them.'),
    },
  },
);
