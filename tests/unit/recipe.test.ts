import { afterAll, describe, expect, it } from 'vitest';
import { parseRecipe, RECIPE_VERSION } from '../../shared/model/recipe';
import { dispatch } from '../../electron/services/dispatch';
import { Studio } from '../../electron/services/studio';
import type { ImageInfo, Results } from '../../shared/ipc/contract';
import { MODELS, tempDir } from '../support/paths';
import { call, syntheticScan } from '../support/studio-fixtures';

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

describe('importRecipe holds recipes to the contract\'s limits', () => {
  const studio = new Studio({ libraryDir: tempDir('recipe-limits'), modelsDir: MODELS, emit: () => {} });
  afterAll(() => studio.close());

  const recipeFor = (image: ImageInfo, extra: Record<string, unknown>): string =>
    JSON.stringify({
      format: 'tintype.recipe', version: RECIPE_VERSION, app: { name: 'Tintype', version: '0' },
      original: { name: image.name, sha256: image.id, width: image.width, height: image.height }, model: { file: 'm.onnx', sha256: image.id, contract: 'c' },
      workingSize: { width: 64, height: 64 }, upsampling: 'joint-bilateral-l', hints: [], strokes: [], regions: [],
      color: { saturation: 1, vibrance: 0, warmth: 0 }, palette: [], tone: { black: 0, white: 100, gamma: 1, contrast: 0 }, reach: 1, vividness: null, references: [],
      output: { format: 'png8', badge: false },
      project: { title: 'Company K', collection: '', accession: '', photographer: '', date: '', source: '', rights: '', tags: ['war'] },
      notes: [], history: [], createdAt: '2024-01-01T00:00:00Z',
      ...extra,
    });

  it('refuses an oversized title, too many tags or an oversized note, and stores nothing', async () => {
    const image = await call<ImageInfo>(studio, 'importImage', { name: 'scan.jpg', bytes: await syntheticScan(120, 90) });
    const meta = { title: 'Company K', collection: '', accession: '', photographer: '', date: '', source: '', rights: '', tags: [] as string[] };
    const hostile = [
      { project: { ...meta, title: 'x'.repeat(1_000_000) } },
      { project: { ...meta, tags: Array.from({ length: 5000 }, (_, i) => `t${i}`) } },
      { notes: [{ target: 'project', text: 'n'.repeat(20_001), author: '', source: '', createdAt: '2024-01-01T00:00:00Z' }] },
    ];
    for (const extra of hostile) {
      const r = await dispatch(studio.handlers, 'importRecipe', { imageId: image.id, recipe: recipeFor(image, extra) });
      expect(r.ok ? 'ok' : r.error.code).toBe('invalid-payload');
    }
    expect(await call<unknown[]>(studio, 'listProjects', { query: '', sort: 'updated' })).toEqual([]);
    // Within the limits it imports, and the project it made passes updateProject as it stands.
    const { state } = await call<Results['importRecipe']>(studio, 'importRecipe', { imageId: image.id, recipe: recipeFor(image, { project: { ...meta, title: 't'.repeat(300), tags: Array.from({ length: 100 }, (_, i) => `t${i}`) } }) });
    const updated = await dispatch(studio.handlers, 'updateProject', { projectId: state.project.id, meta: state.project.meta });
    expect(updated.ok).toBe(true);
  });
});
