// `colorize --recipe R --format jpeg` used to name the file .jpg and encode it in R's own format (a
// 16-bit PNG named .jpg): the flag now decides, and the sidecar says so.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readRecipeFile, runColorize, type ColorizeOptions } from '../../electron/cli/batch/colorize-command';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { verifyShippedModel } from '../../electron/services/inference/model-file';
import { MODELS, tempDir } from '../support/paths';
import { syntheticScan } from '../support/studio-fixtures';

describe('colorize --recipe with --format', () => {
  it('encodes in the format the name says, and records the override in the sidecar', async () => {
    const dir = tempDir('cli-format');
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in', 'plate.jpg'), await syntheticScan(240, 160));
    const model = new Colorizer(await verifyShippedModel(MODELS), 2);
    await model.open();
    const base: ColorizeOptions = { paths: [path.join(dir, 'in')], out: path.join(dir, 'first'), marks: { hints: [{ id: 'h', x: 60, y: 60, radius: 4, a: 20, b: 30 }], strokes: [], regions: [] }, recipe: null, format: 'png16', badge: false, workingSide: 256, jobs: 1, shard: null };
    try {
      expect((await runColorize(model, base, new AbortController().signal)).done).toEqual(['plate.jpg']);
      const recipe = readRecipeFile(path.join(dir, 'first', 'plate.tintype.json'));
      expect(recipe.output.format).toBe('png16');
      const out = path.join(dir, 'second');
      expect((await runColorize(model, { ...base, out, recipe, marks: { hints: recipe.hints, strokes: recipe.strokes, regions: recipe.regions }, format: 'jpeg', quality: 90 }, new AbortController().signal)).done).toEqual(['plate.jpg']);
      expect((await sharp(readFileSync(path.join(out, 'plate.jpg'))).metadata()).format).toBe('jpeg');
      const sidecar = readRecipeFile(path.join(out, 'plate.tintype.json'));
      expect(sidecar.output).toMatchObject({ format: 'jpeg', quality: 90 });
      expect(sidecar.history.at(-1)?.description).toBe('Output changed from png16 to jpeg by --format');
      expect(sidecar.hints).toEqual(recipe.hints);
    } finally {
      await model.close();
    }
  }, 120_000);
});
