// Opened projects used to be held until the services stopped; closeProject releases one, and it
// reopens exactly where it was left.
import { afterAll, describe, expect, it } from 'vitest';
import { Studio } from '../../electron/services/studio';
import type { Results } from '../../shared/ipc/contract';
import { MODELS, tempDir } from '../support/paths';
import { call, projectWithHints, syntheticScan } from '../support/studio-fixtures';

const studio = new Studio({ libraryDir: tempDir('close'), modelsDir: MODELS, emit: () => {} });
afterAll(() => studio.close());

describe('closing a project', () => {
  it('releases an open project, which reopens at the same place and takes edits from there', async () => {
    const hint = { id: 'h', x: 10, y: 10, radius: 3, a: 20, b: 30 };
    const { projectId } = await projectWithHints(studio, 'scan.jpg', await syntheticScan(160, 120), [hint]);
    const before = await call<Results['openProject']>(studio, 'openProject', { projectId });
    expect(await call(studio, 'closeProject', { projectId })).toEqual({ closed: true });
    expect(await call(studio, 'closeProject', { projectId })).toEqual({ closed: false });
    const after = await call<Results['openProject']>(studio, 'openProject', { projectId });
    expect(after.history).toEqual(before.history);
    expect(after.guidance.hints).toEqual([hint]);
    const edit = await call<Results['applyEdit']>(studio, 'applyEdit', { projectId, base: after.history.head, op: { kind: 'hint.remove', id: 'h' } });
    expect(edit.head).toBeGreaterThan(after.history.head ?? 0);
  });
});
