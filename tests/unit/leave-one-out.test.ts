import { describe, expect, it } from 'vitest';
import type { Guidance } from '../../shared/model/guidance';
import { leaveOneOut } from '../../shared/network/leave-one-out';

describe('leave-one-out guidance for suggestions', () => {
  const image = { width: 1024, height: 768 };
  const work = { width: 256, height: 192 }; // 4 original px per working px: "near" is 16 px
  const g: Guidance = {
    hints: [
      { id: 'at', x: 500, y: 400, radius: 4, a: 40, b: 20 },
      { id: 'close', x: 520, y: 400, radius: 4, a: 40, b: 20 },
      { id: 'far', x: 600, y: 400, radius: 4, a: 40, b: 20 },
    ],
    strokes: [
      { id: 'through', points: [{ x: 400, y: 420 }, { x: 700, y: 420 }], width: 20, a: 0, b: 30 },
      { id: 'away', points: [{ x: 100, y: 100 }, { x: 200, y: 100 }], width: 20, a: 0, b: 30 },
      { id: 'dust', points: [{ x: 500, y: 400 }], width: 20, a: 0, b: 0, purpose: 'dust' },
    ],
    regions: [{ id: 'r', polygon: [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 0, y: 50 }], a: 10, b: 10, keep: false }],
  };

  it('drops the points and strokes at the pointer, keeps the rest and every repair', () => {
    const out = leaveOneOut(g, { x: 500, y: 400 }, image, work);
    expect(out.hints.map((h) => h.id)).toEqual(['far']);
    expect(out.strokes.map((s) => s.id)).toEqual(['away', 'dust']);
    expect(out.regions).toHaveLength(1);
  });

  it('drops the selected object wherever it is', () => {
    expect(leaveOneOut(g, { x: 900, y: 700 }, image, work, { kind: 'stroke', id: 'away' }).strokes.map((s) => s.id)).toEqual(['through', 'dust']);
    expect(leaveOneOut(g, { x: 900, y: 700 }, image, work, { kind: 'region', id: 'r' }).regions).toHaveLength(0);
    expect(leaveOneOut(g, { x: 900, y: 700 }, image, work, { kind: 'hint', id: 'far' }).hints.map((h) => h.id)).toEqual(['at', 'close']);
  });
});
