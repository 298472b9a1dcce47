import { describe, expect, it } from 'vitest';
import { parseRecipe, RECIPE_VERSION } from '../../shared/recipe';

const sha = 'b'.repeat(64);
/** A recipe as Tintype wrote it before strokes and regions existed (recipe version 1). */
const v1 = {
  format: 'tintype.recipe',
  version: 1,
  app: { name: 'Tintype', version: '0.1.0' },
  original: { name: 'plate.tif', sha256: sha, width: 800, height: 600 },
  model: { file: 'colorizer.onnx', sha256: sha, contract: 'tintype-colorizer/1' },
  workingSize: { width: 256, height: 192 },
  upsampling: 'joint-bilateral-l',
  hints: [{ id: 'h', x: 1, y: 2, radius: 3, a: 4, b: 5 }],
  output: { format: 'tiff16', badge: false },
  notes: [],
  history: [],
  createdAt: '2026-11-22T06:00:00.000Z',
};

describe('recipe format', () => {
  it('reads a version 1 recipe by upgrading it', () => {
    const r = parseRecipe(JSON.stringify(v1));
    expect(r.ok && r.recipe.version).toBe(RECIPE_VERSION);
    expect(r.ok && [r.recipe.hints.length, r.recipe.strokes, r.recipe.regions]).toEqual([1, [], []]);
  });

  it('upgrades a recipe from before vividness to "no vividness" (version 6), and refuses one out of range', () => {
    const r = parseRecipe(JSON.stringify(v1));
    expect(r.ok && r.recipe.vividness).toBeNull();
    if (!r.ok) return;
    expect(parseRecipe(JSON.stringify({ ...r.recipe, vividness: { value: 0.7, default: 0.5 } }))).toMatchObject({ ok: true, recipe: { vividness: { value: 0.7, default: 0.5 } } });
    expect(parseRecipe(JSON.stringify({ ...r.recipe, vividness: { value: 1.5, default: 0.5 } }))).toMatchObject({ ok: false, message: expect.stringContaining('vividness') });
  });

  it('refuses what it cannot read, saying why', () => {
    expect(parseRecipe('not json')).toEqual({ ok: false, message: expect.stringMatching(/not valid JSON/) });
    expect(parseRecipe('{"format":"other"}')).toEqual({ ok: false, message: expect.stringMatching(/not a Tintype recipe/) });
    expect(parseRecipe(JSON.stringify({ ...v1, version: 99 }))).toEqual({ ok: false, message: expect.stringMatching(/newer Tintype/) });
    expect(parseRecipe(JSON.stringify({ ...v1, hints: [{ id: 'h' }] }))).toEqual({ ok: false, message: expect.stringMatching(/hints\.0/) });
  });
});
