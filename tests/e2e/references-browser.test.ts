// Colour from references in the real UI (issue 21): attach a colour photograph as a reference, take a
// colour from it with its eyedropper into the palette and a hint, let it suggest hints, accept them,
// export, and find the reference by its SHA-256 in the export's XMP (read by exiftool) and its recipe.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePalette } from '../../shared/model/collection-palette';
import { parseRecipe } from '../../shared/model/recipe';
import { VAL } from '../support/paths';
import { studioInChromium } from './browser';
import { openScan, previewSettled, stagePoint } from './scenario';

const REFERENCE = path.join(VAL, 'sunhays80_001.jpg');
const status = (page: import('playwright-core').Page, key: string) => page.evaluate((k) => document.querySelector<HTMLElement>('[data-testid=status]')?.dataset[k], key);

describe('colour references in Chromium, over the browser host', () => {
  const studio = studioInChromium('e2e-references');

  it('attaches a reference, picks from it, transfers, accepts, and exports it by SHA-256', async () => {
    const sha = createHash('sha256').update(readFileSync(REFERENCE)).digest('hex');
    const page = await studio.browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(studio.url());
    await openScan(page, 'deoldify_001.jpg');

    await page.click('[data-testid=tab-references]');
    await page.setInputFiles('[data-testid=reference-input]', REFERENCE);
    const card = page.locator(`[data-testid=reference][data-sha256="${sha}"]`);
    await card.waitFor({ timeout: 30_000 });
    await card.locator('[data-testid=reference-title]').fill('Museum colour record');
    await card.locator('[data-testid=reference-source]').fill('State museum, 1971.4.2');
    await card.locator('[data-testid=reference-rights]').press('Tab'); // the title and source are committed on blur
    await page.waitForSelector('[data-testid=reference-picture][data-ready=true]');

    // The eyedropper on the reference: its colour becomes the current colour, with where it came from.
    const picture = await card.locator('[data-testid=reference-picture]').boundingBox();
    if (!picture) throw new Error('no reference picture');
    await page.mouse.click(picture.x + picture.width * 0.5, picture.y + picture.height * 0.3);
    await expect.poll(() => page.textContent('[data-testid=reference-pick]')).toMatch(/from reference Museum colour record, \(\d+, \d+\)/);
    await page.screenshot({ path: path.join(studio.libraryDir, 'references-panel.png') });

    // Into the palette, and into a hint on the stage.
    await page.click('[data-testid=tab-hints]');
    await page.fill('[data-testid=palette-name]', 'Sky from the record');
    await page.click('[data-testid=palette-add]');
    await expect.poll(() => page.textContent('[data-testid=palette-source]')).toMatch(/from reference Museum colour record/);
    await page.screenshot({ path: path.join(studio.libraryDir, 'references-palette.png') });
    // The collection palette: a JSON file with the colour's provenance, the reference's among it.
    const [saved] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=palette-export]')]);
    const palette = parsePalette(readFileSync((await saved.path()) ?? '', 'utf8'));
    if (!palette.ok) throw new Error(palette.message);
    expect(palette.palette.colors.map((c) => [c.name, c.source?.reference])).toEqual([['Sky from the record', sha]]);
    expect(palette.palette.references.map((r) => r.title)).toEqual(['Museum colour record']);
    const at = await stagePoint(page, 0.5, 0.2);
    await page.mouse.click(at.x, at.y);
    await previewSettled(page, 1);

    // Suggest hints from the reference, review them, accept them all: one history step.
    await page.click('[data-testid=tab-references]');
    await page.click('[data-testid=reference-suggest]');
    const proposals = page.locator('[data-testid=proposals]');
    await proposals.waitFor({ timeout: 120_000 });
    const proposed = Number(await proposals.getAttribute('data-count'));
    expect(proposed).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(studio.libraryDir, 'references-proposals.png') });
    // Reject one on the panel, accept the rest.
    await page.locator('[data-testid=proposal] button[aria-label="Reject this proposal"]').first().click();
    const head = Number(await status(page, 'head'));
    await page.click('[data-testid=proposals-accept-all]');
    await previewSettled(page, proposed);
    expect(Number(await status(page, 'head'))).toBe(head + 1);
    await page.screenshot({ path: path.join(studio.libraryDir, 'references-accepted.png') });
    // Undo takes all accepted proposals away at once, redo brings them back.
    await page.keyboard.press('Control+z');
    await previewSettled(page, 1);
    await page.keyboard.press('Control+Shift+z');
    await previewSettled(page, proposed);

    await page.click('[data-testid=export]');
    await page.waitForSelector('[data-testid=export-done]', { timeout: 120_000 });
    const exportsDir = path.join(studio.libraryDir, 'exports');
    const file = readdirSync(exportsDir).find((f) => f.endsWith('.png'));
    if (!file) throw new Error('no export');
    const xmp = execFileSync('exiftool', ['-b', '-XMP', path.join(exportsDir, file)], { encoding: 'utf8' });
    expect(xmp).toContain(`<tintype:sha256>sha256:${sha}</tintype:sha256>`);
    expect(xmp).toContain('<tintype:title>Museum colour record</tintype:title>');
    expect(xmp).toMatch(/from reference Museum colour record, \(\d+, \d+\)/);
    const tags = JSON.parse(execFileSync('exiftool', ['-j', '-G1', path.join(exportsDir, file)], { encoding: 'utf8' }))[0] as Record<string, unknown>;
    expect(tags['XMP-tintype:ReferencesSha256']).toBe(`sha256:${sha}`);

    const sidecar = readdirSync(exportsDir).find((f) => f.endsWith('.tintype.json'));
    const recipe = parseRecipe(readFileSync(path.join(exportsDir, sidecar ?? ''), 'utf8'));
    if (!recipe.ok) throw new Error(recipe.message);
    expect(recipe.recipe.references.map((r) => [r.id, r.title, r.source])).toEqual([[sha, 'Museum colour record', 'State museum, 1971.4.2']]);
    expect(recipe.recipe.palette[0].source?.reference).toBe(sha);
    const fromRef = recipe.recipe.hints.filter((h) => h.source?.reference === sha);
    expect(fromRef).toHaveLength(proposed); // the picked hint and every accepted proposal (one was rejected)
    expect(fromRef.filter((h) => h.source?.confidence !== undefined)).toHaveLength(proposed - 1);
    expect(recipe.recipe.history.some((e) => e.description.startsWith('Attached reference "'))).toBe(true);
    await page.close();
  });
});
