// Channel names only (no schemas), for the Electron preload, which must stay small and dependency-free.
// tests/unit/contract.test.ts checks this list against shared/contract.ts.
export const CHANNELS = [
  'importImage',
  'listImages',
  'getDisplayImage',
  'colorize',
  'suggestColors',
  'loadHints',
  'saveHints',
  'exportImage',
  'readExport',
  'cancelJob',
  'modelInfo',
] as const;
