// Live inference in the studio: previews compute only the newest hint state (requests that arrive while
// one runs replace each other and come back stale), and suggested colours come from ab_logits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { Studio } from '../../electron/services/studio';
import type { ColorizeResult, ImageInfo } from '../../shared/contract';
import { MODELS, SAMPLES_BW, tempDir } from '../support/paths';

const studio = new Studio({ libraryDir: tempDir('preview'), modelsDir: MODELS, emit: () => {} });
afterAll(() => studio.close());

describe('preview scheduling', () => {
  it('drops stale requests and answers the newest', async () => {
    const imported = await dispatch(studio.handlers, 'importImage', { name: 'scan.jpg', bytes: readFileSync(path.join(SAMPLES_BW, 'deoldify_003.png')) });
    const image = (imported as { value: ImageInfo }).value;
    const hint = (i: number) => [{ id: 'h', x: 40 + i, y: 50, radius: 4, a: 30, b: 20 }];
    const calls = [1, 2, 3, 4, 5].map((revision) => dispatch(studio.handlers, 'colorize', { imageId: image.id, revision, guidance: { hints: hint(revision), strokes: [], regions: [] } }));
    const results = (await Promise.all(calls)).map((r) => (r as { value: ColorizeResult }).value);
    expect(results.map((r) => r.stale)).toEqual([false, true, true, true, false]);
    const last = results[4];
    if (last.stale) throw new Error('unreachable');
    expect(last.revision).toBe(5);
    expect(last.ab.length).toBe(2 * last.width * last.height);
    expect(Math.max(last.width, last.height)).toBe(256);
  });
});

describe('suggested colours', () => {
  it('returns distinct probable colours, the hint colour first at a hinted spot', async () => {
    const imported = await dispatch(studio.handlers, 'importImage', { name: 'scan.jpg', bytes: readFileSync(path.join(SAMPLES_BW, 'deoldify_005.jpg')) });
    const image = (imported as { value: ImageInfo }).value;
    const hints = [{ id: 'h', x: 200, y: 200, radius: 12, a: 50, b: 40 }];
    const r = await dispatch(studio.handlers, 'suggestColors', { imageId: image.id, guidance: { hints, strokes: [], regions: [] }, x: 200, y: 200, count: 5 });
    expect(r.ok).toBe(true);
    const colors = (r as { value: { colors: { a: number; b: number; p: number }[] } }).value.colors;
    expect(colors.length).toBeGreaterThan(1);
    expect(colors.every((c, i) => i === 0 || c.p <= colors[i - 1].p)).toBe(true);
    expect(colors.reduce((t, c) => t + c.p, 0)).toBeLessThanOrEqual(1.000001);
    expect(Math.hypot(colors[0].a - 50, colors[0].b - 40)).toBeLessThan(25);
  });
});
