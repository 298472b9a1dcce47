// Comparing two versions side by side: each rendered by the library from its own hints, at the size asked.
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { Studio } from '../../electron/services/studio';
import type { Results } from '../../shared/ipc/contract';
import { MODELS, tempDir } from '../support/paths';
import { call, projectWithHints, syntheticScan } from '../support/studio-fixtures';

const studio = new Studio({ libraryDir: tempDir('compare'), modelsDir: MODELS, emit: () => {} });
afterAll(() => studio.close());

describe('version compare', () => {
  it('renders each version with its own hints', async () => {
    const blue = { id: 'h', x: 300, y: 300, radius: 30, a: 0, b: -45 };
    const { projectId } = await projectWithHints(studio, 'compare.jpg', await syntheticScan(900, 600), [blue]);
    const v1 = await call<Results['createVersion']>(studio, 'createVersion', { projectId, name: 'blue', thumbnail: null });
    await call(studio, 'applyEdit', { projectId, base: v1.history.head, op: { kind: 'hint.recolor', id: 'h', to: { a: 45, b: 35 } } });
    const v2 = await call<Results['createVersion']>(studio, 'createVersion', { projectId, name: 'red', thumbnail: null });
    const at = async (versionId: number) => {
      const r = await call<Results['renderVersion']>(studio, 'renderVersion', { projectId, versionId, longSide: 450 });
      const { data, info } = await sharp(r.png).raw().toBuffer({ resolveWithObject: true });
      const j = info.channels * (150 * info.width + 150); // the hint's centre at half size
      return { size: [r.width, r.height], rgb: [data[j], data[j + 1], data[j + 2]] };
    };
    const a = await at(v1.versionId);
    const b = await at(v2.versionId);
    expect(a.size).toEqual([450, 300]);
    expect(a.rgb[2]).toBeGreaterThan(a.rgb[0]); // blue version: more blue than red
    expect(b.rgb[0]).toBeGreaterThan(b.rgb[2]); // red version: more red than blue
  });
});
