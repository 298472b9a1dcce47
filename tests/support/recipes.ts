// A complete, valid recipe for tests that need one without an export: every field the current
// RECIPE_VERSION has (so a field added later cannot be forgotten by a hand-built copy), with overrides.
import { RECIPE_FORMAT, RECIPE_VERSION, type Recipe } from '../../shared/model/recipe';

export function testRecipe(overrides: Partial<Recipe> = {}): Recipe {
  return {
    format: RECIPE_FORMAT,
    version: RECIPE_VERSION,
    app: { name: 'Tintype', version: 'test' },
    original: { name: 'scan.png', sha256: 'a'.repeat(64), width: 8, height: 8 },
    model: { file: 'm.onnx', sha256: 'b'.repeat(64), contract: 'c' },
    workingSize: { width: 64, height: 64 },
    upsampling: 'joint-bilateral-l',
    hints: [],
    strokes: [],
    regions: [],
    color: { saturation: 1, vibrance: 0, warmth: 0 },
    palette: [],
    tone: { black: 0, white: 100, gamma: 1, contrast: 0 },
    reach: 1,
    vividness: null,
    references: [],
    output: { format: 'jpeg', badge: false },
    notes: [],
    history: [],
    createdAt: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}
