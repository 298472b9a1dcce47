import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/channels';
import { schemas } from '../../shared/ipc/contract';
import { dispatch } from '../../electron/services/dispatch';
import { Studio } from '../../electron/services/studio';
import { MODELS, tempDir } from '../support/paths';

const studio = new Studio({ libraryDir: tempDir('contract'), modelsDir: MODELS, emit: () => {} });
afterAll(() => studio.close());
const call = (channel: string, payload: unknown) => dispatch(studio.handlers, channel, payload);
const id = 'a'.repeat(64);
const none = { hints: [], strokes: [], regions: [] };

describe('IPC contract', () => {
  it('lists every channel for the preload, and no other', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(schemas).sort());
  });

  it.each([
    ['colorize', null],
    ['colorize', { imageId: 'not-a-sha', revision: 1, guidance: none }],
    ['colorize', { imageId: id, revision: -1, guidance: none }],
    ['colorize', { imageId: id, revision: 1, hints: [] }],
    ['colorize', { imageId: id, revision: 1, guidance: { ...none, hints: [{ id: 'h', x: 1, y: 1, radius: 2, a: 500, b: 0 }] } }],
    ['colorize', { imageId: id, revision: 1, guidance: { ...none, hints: [{ id: 'h', x: Number.NaN, y: 1, radius: 2, a: 0, b: 0 }] } }],
    ['colorize', { imageId: id, revision: 1, guidance: { ...none, strokes: [{ id: 's', points: [], width: 4, a: 0, b: 0 }] } }],
    ['colorize', { imageId: id, revision: 1, guidance: { ...none, regions: [{ id: 'r', polygon: [{ x: 0, y: 0 }, { x: 1, y: 1 }], a: 0, b: 0, keep: false }] } }],
    ['applyEdit', { projectId: '0123456789abcdef', base: null, op: { kind: 'region.add', region: { id: 'r', polygon: 'everywhere', a: 0, b: 0, keep: true } } }],
    ['importImage', { name: 'x.png', bytes: 'not bytes' }],
    ['importImage', { name: '', bytes: new Uint8Array(4) }],
    ['exportImage', { projectId: '0123456789abcdef', format: 'gif', badge: false, jobId: 'j' }],
    ['exportImage', { projectId: '0123456789abcdef', format: 'png8', badge: false, jobId: '../../etc' }],
    ['readExport', { fileName: '../library.sqlite' }],
    ['applyEdit', { projectId: '0123456789abcdef', base: null, op: { kind: 'hint.explode' } }],
    ['applyEdit', { projectId: '0123456789abcdef', base: 0, op: { kind: 'hint.remove', id: 'h' } }],
    ['createVersion', { projectId: '0123456789abcdef', name: '   ', thumbnail: null }],
    ['updateProject', { projectId: '0123456789abcdef', meta: { title: '' } }],
    ['openProject', { projectId: '../../x' }],
  ])('%s rejects %j as invalid-payload', async (channel, payload) => {
    const r = await call(channel, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid-payload');
  });

  it('rejects unknown channels, including prototype keys', async () => {
    for (const channel of ['deleteEverything', '__proto__', 'constructor', 'toString']) {
      const r = await call(channel, {});
      expect(r.ok ? 'ok' : r.error.code).toBe('unknown-channel');
    }
  });

  it('answers a valid call for a missing image with not-found', async () => {
    const r = await call('openImageProject', { imageId: id });
    expect(r.ok ? 'ok' : r.error.code).toBe('not-found');
  });
});
