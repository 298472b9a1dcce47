// Live inference in the studio: previews compute only the newest hint state (requests that arrive while
// one runs replace each other and come back stale), and suggested colours come from ab_logits, leaving
// out the hints at the pointer and the selected object (leave-one-out).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { Studio } from '../../electron/services/studio';
import type { ColorizeResult, ImageInfo } from '../../shared/ipc/contract';
import type { Guidance } from '../../shared/model/guidance';
import type { SuggestExclude } from '../../shared/network/leave-one-out';
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
  type Colors = { colors: { a: number; b: number; p: number }[] };
  const ask = async (imageId: string, guidance: Guidance, x: number, y: number, exclude?: SuggestExclude) => {
    const r = await dispatch(studio.handlers, 'suggestColors', { imageId, guidance, x, y, count: 5, ...(exclude ? { exclude } : {}) });
    expect(r.ok).toBe(true);
    return (r as { value: Colors }).value.colors;
  };

  it('returns distinct probable colours that leave out the hints at the pointer and the selected object', async () => {
    const imported = await dispatch(studio.handlers, 'importImage', { name: 'scan.jpg', bytes: readFileSync(path.join(SAMPLES_BW, 'deoldify_005.jpg')) });
    const image = (imported as { value: ImageInfo }).value;
    const none: Guidance = { hints: [], strokes: [], regions: [] };
    const hinted: Guidance = { ...none, hints: [{ id: 'h', x: 200, y: 200, radius: 12, a: 50, b: 40 }] };
    const colors = await ask(image.id, hinted, 200, 200);
    expect(colors.length).toBeGreaterThan(1);
    expect(colors.every((c, i) => i === 0 || c.p <= colors[i - 1].p)).toBe(true);
    expect(colors.reduce((t, c) => t + c.p, 0)).toBeLessThanOrEqual(1.000001);
    // At the pointer the hint right there is left out: the network's own answer, not an echo of it.
    expect(colors).toEqual(await ask(image.id, none, 200, 200));
    // A salmon stroke selected through the spot: its suggestions are the network's without it.
    const stroke = { id: 's', points: [{ x: 120, y: 260 }, { x: 320, y: 260 }], width: 30, a: 30, b: 20 };
    const stroked: Guidance = { ...none, strokes: [stroke] };
    const echo = await ask(image.id, stroked, 220, 300); // 40 px off the stroke: it still counts
    const without = await ask(image.id, stroked, 220, 260, { kind: 'stroke', id: 's' });
    expect(without).toEqual(await ask(image.id, none, 220, 260));
    expect(Math.hypot(echo[0].a - 30, echo[0].b - 20)).toBeLessThan(Math.hypot(without[0].a - 30, without[0].b - 20) + 1e-9);
  });
});
