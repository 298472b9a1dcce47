// Colour references through the real services (issue 21): stored by SHA-256 and never altered, attached
// by an operation (undo, redo, replay), and "Suggest hints from reference" with the real model: the
// proposals take the reference's colours where the scan looks like it, the same every time, as a job
// that can be cancelled.
import { statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { Studio } from '../../electron/services/studio';
import type { ImageInfo, ReferenceImage, Results } from '../../shared/ipc/contract';
import { acceptProposals, attachReference, recolorFrom } from '../../shared/model/edits';
import { EMPTY_GUIDANCE, type Reference } from '../../shared/model/guidance';
import { applyOperation, diffGuidance, replay } from '../../shared/model/history';
import { describeSource } from '../../shared/model/references';
import { call } from '../support/studio-fixtures';
import { MODELS, tempDir } from '../support/paths';

const W = 320;
const H = 240;
const inSquare = (x: number, y: number): boolean => x > W * 0.55 && x < W * 0.85 && y > H * 0.2 && y < H * 0.6;

/** A gray scan: a dark-to-mid gradient with a bright square. */
async function grayScan(): Promise<Buffer> {
  const g = Buffer.alloc(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) g[y * W + x] = inSquare(x, y) ? 215 : 40 + Math.round((x / W) * 120);
  return sharp(g, { raw: { width: W, height: H, channels: 1 } }).png().toBuffer();
}

/** Its colour reference: the gradient blue, the bright square a light orange, at about the same L*. */
async function colourReference(): Promise<Buffer> {
  const rgb = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = 40 + Math.round((x / W) * 120);
      const px = inSquare(x, y) ? [250, 205, 150] : [Math.round(v * 0.6), Math.round(v * 0.9), Math.min(255, Math.round(v * 1.5))];
      rgb.set(px, 3 * (y * W + x));
    }
  }
  return sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
}

describe('colour references (real SQLite, real model)', () => {
  const dir = tempDir('references');
  const studio = new Studio({ libraryDir: dir, modelsDir: MODELS, emit: () => {} });
  afterAll(() => studio.close());

  const setup = async () => {
    const image = await call<ImageInfo>(studio, 'importImage', { name: 'scan.png', bytes: await grayScan() });
    const state = await call<Results['openImageProject']>(studio, 'openImageProject', { imageId: image.id });
    const bytes = await colourReference();
    const info = await call<ReferenceImage>(studio, 'importReference', { name: 'swatch.png', bytes });
    const reference: Reference = { id: info.id, name: info.name, width: info.width, height: info.height, title: 'Paint chip', source: 'Museum', rights: 'CC0', note: '' };
    return { image, projectId: state.project.id, head: state.history.head, reference, bytes };
  };

  it('stores a reference by its SHA-256, read-only, apart from the scans', async () => {
    const { reference, bytes } = await setup();
    const again = await call<ReferenceImage>(studio, 'importReference', { name: 'copy.png', bytes });
    expect(again.id).toBe(reference.id);
    const file = path.join(dir, 'references', reference.id);
    expect(statSync(file).mode & 0o222).toBe(0);
    expect(statSync(file).size).toBe(bytes.length);
    expect([reference.width, reference.height]).toEqual([W, H]);
    const images = await call<ImageInfo[]>(studio, 'listImages', {});
    expect(images.some((i) => i.id === reference.id)).toBe(false);
    const shown = await call<Results['getReferenceImage']>(studio, 'getReferenceImage', { referenceId: reference.id });
    expect([shown.width, shown.height]).toEqual([W, H]);
  });

  it('attaches by an operation that undoes and redoes, and is refused unless attached', async () => {
    const { image, projectId, head, reference } = await setup();
    const guidance = { ...EMPTY_GUIDANCE };
    const refused = await dispatch(studio.handlers, 'suggestFromReference', { imageId: image.id, referenceId: reference.id, guidance, jobId: 'not-attached' });
    expect(!refused.ok && refused.error.code).toBe('not-found');
    await call(studio, 'applyEdit', { projectId, base: head, op: attachReference(reference) });
    expect((await call<Results['openProject']>(studio, 'openProject', { projectId })).guidance.references).toEqual([reference]);
    expect((await call<Results['undo']>(studio, 'undo', { projectId })).guidance.references ?? []).toEqual([]);
    expect((await call<Results['redo']>(studio, 'redo', { projectId })).guidance.references).toEqual([reference]);
  });

  it('proposes the reference’s colours where the scan matches it, deterministically, as ordinary hints', async () => {
    const { image, reference } = await setup();
    const guidance = { ...EMPTY_GUIDANCE, references: [reference] };
    const args = { imageId: image.id, referenceId: reference.id, guidance };
    const first = await call<Results['suggestFromReference']>(studio, 'suggestFromReference', { ...args, jobId: 'transfer-1' });
    const second = await call<Results['suggestFromReference']>(studio, 'suggestFromReference', { ...args, jobId: 'transfer-2' });
    expect(second.proposals).toEqual(first.proposals);
    expect(first.proposals.length).toBeGreaterThan(10);
    const inside = first.proposals.filter((h) => inSquare(h.x, h.y));
    const outside = first.proposals.filter((h) => !inSquare(h.x, h.y) && h.x > 20);
    expect(inside.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0);
    // Light orange in the square (a* > 0, b* > 15), blue outside it (b* < -10).
    for (const h of inside) expect([h.a > 0, h.b > 15], `inside at (${h.x}, ${h.y}): ${h.a.toFixed(1)}, ${h.b.toFixed(1)}`).toEqual([true, true]);
    const blue = outside.filter((h) => h.b < -10).length;
    expect(blue / outside.length).toBeGreaterThan(0.8);
    for (const h of first.proposals) {
      expect(h.source?.reference).toBe(reference.id);
      expect(h.source?.confidence).toBeGreaterThanOrEqual(0);
      expect(h.source?.confidence).toBeLessThanOrEqual(1);
      expect(h.x >= 0 && h.x < W && h.y >= 0 && h.y < H).toBe(true);
    }
    expect(describeSource(first.proposals[0].source as NonNullable<(typeof first.proposals)[0]['source']>, [reference])).toMatch(/^from reference Paint chip, \(\d+, \d+\), confidence \d\.\d\d$/);
  });

  it('stops when its job is cancelled', async () => {
    const { image, reference } = await setup();
    const guidance = { ...EMPTY_GUIDANCE, references: [reference], tone: { black: 2, white: 98, gamma: 1.1, contrast: 0 } };
    const running = dispatch(studio.handlers, 'suggestFromReference', { imageId: image.id, referenceId: reference.id, guidance, jobId: 'transfer-cancel' });
    await new Promise((r) => setTimeout(r, 5));
    expect(await call<Results['cancelJob']>(studio, 'cancelJob', { jobId: 'transfer-cancel' })).toEqual({ cancelled: true });
    const r = await running;
    expect(!r.ok && r.error.code).toBe('cancelled');
  });
});

describe('reference provenance in the operation log', () => {
  const ref = 'a'.repeat(64);
  const hint = { id: 'h1', x: 10, y: 10, radius: 2, a: 10, b: 20, source: { reference: ref, x: 5, y: 6 } };

  it('accepting proposals is one step of ordinary hints with fresh ids, keeping their source', () => {
    let n = 0;
    const op = acceptProposals([hint, { ...hint, id: 'h2', x: 30 }], () => `n${n++}`);
    const s = applyOperation({ ...EMPTY_GUIDANCE, hints: [{ ...hint, source: undefined }] }, op ?? { kind: 'hints.set', hints: [] });
    expect(s.hints.map((h) => [h.id, h.source?.reference ?? null])).toEqual([['h1', null], ['n0', ref], ['n1', ref]]);
    expect(replay([{ kind: 'hint.add', hint: { ...hint, source: undefined } }, op ?? { kind: 'hints.set', hints: [] }])).toEqual(s);
  });

  it('a colour chosen afresh takes the source away, live and on replay alike', () => {
    const before = { ...EMPTY_GUIDANCE, hints: [hint] };
    const op = recolorFrom(before, 'h1', 1, 2, null);
    const live = applyOperation(before, op ?? { kind: 'hints.set', hints: [] });
    expect(live.hints[0]).toEqual({ id: 'h1', x: 10, y: 10, radius: 2, a: 1, b: 2 });
    // Through JSON, as the library stores it, and as a diff of before and after (a gesture).
    const stored = JSON.parse(JSON.stringify(op));
    expect(replay([{ kind: 'hint.add', hint }, stored])).toEqual(live);
    const diff = JSON.parse(JSON.stringify(diffGuidance(before, live)));
    expect(replay([{ kind: 'hint.add', hint }, diff])).toEqual(live);
  });
});
