// `tintype colorize --reference IMAGE --palette FILE` (issue 21): every file of a folder gets the
// reference's transfer as hints, each naming the reference by SHA-256 in the recipe and the XMP; the
// collection palette is recorded in every recipe and proposals near one of its colours take it exactly.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPalette } from '../../shared/model/collection-palette';
import { deltaE2000 } from '../../shared/imaging/color';
import { parseRecipe } from '../../shared/model/recipe';
import { ROOT, SAMPLES_BW, tempDir, VAL } from '../support/paths';

const CLI = path.join(ROOT, 'electron', 'cli', 'tintype.ts');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 600_000 });
const REFERENCE = path.join(VAL, 'sunhays80_001.jpg');

describe('tintype colorize --reference --palette', () => {
  it('applies the transfer to every file, recording the reference and the palette', async () => {
    const dir = tempDir('cli-reference');
    const input = path.join(dir, 'in');
    mkdirSync(input);
    for (const f of ['bopb_001.png', 'deoldify_001.jpg']) copyFileSync(path.join(SAMPLES_BW, f), path.join(input, f));
    const sha = createHash('sha256').update(readFileSync(REFERENCE)).digest('hex');
    const sky = { id: 'c1', name: 'Sky', a: -4, b: -28, note: 'the colour record', source: { reference: sha, x: 100, y: 20 } };
    const reference = { id: sha, name: 'sunhays80_001.jpg', width: 328, height: 256, title: 'Museum record', source: 'State museum', rights: 'CC0', note: '' };
    const palette = exportPalette({ palette: [sky], references: [reference] }, 'Regiment project', '2026-12-01T00:00:00Z');
    writeFileSync(path.join(dir, 'palette.json'), JSON.stringify(palette));
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ ...palette, colors: [] }));

    const bad = run(['colorize', input, '--out', path.join(dir, 'bad'), '--reference', REFERENCE, '--palette', path.join(dir, 'bad.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--palette .*bad\.json: The palette file is invalid at colors/);

    const r = run(['colorize', input, '--out', path.join(dir, 'out'), '--reference', REFERENCE, '--palette', path.join(dir, 'palette.json'), '--format', 'png']);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    for (const f of ['bopb_001', 'deoldify_001']) {
      const parsed = parseRecipe(readFileSync(path.join(dir, 'out', `${f}.tintype.json`), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.message);
      const recipe = parsed.recipe;
      expect(recipe.references.map((x) => x.id)).toEqual([sha]);
      expect(recipe.palette.map((c) => c.name)).toEqual(['Sky']);
      expect(recipe.hints.length).toBeGreaterThan(5);
      for (const h of recipe.hints) {
        expect(h.source?.reference).toBe(sha);
        // Snapped exactly, or farther than the snapping distance from the palette's colour.
        const snapped = h.a === sky.a && h.b === sky.b;
        if (!snapped) expect(deltaE2000([50, h.a, h.b], [50, sky.a, sky.b])).toBeGreaterThan(5);
      }
      expect(recipe.history.some((e) => e.description.startsWith('Added ') && e.description.includes('suggested from reference'))).toBe(true);
      const xmp = execFileSync('exiftool', ['-b', '-XMP', path.join(dir, 'out', `${f}.png`)], { encoding: 'utf8' });
      expect(xmp).toContain(`sha256:${sha}`);
    }
  }, 900_000);
});
