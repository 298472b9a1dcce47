import { describe, expect, it } from 'vitest';
import { adjustAb, NEUTRAL_ADJUST } from '../../shared/imaging/color-adjust';
import { EMPTY_GUIDANCE } from '../../shared/model/guidance';
import { diffGuidance, replay, type Operation } from '../../shared/model/history';

const field = () => Float32Array.from([0.2, -0.1, 0.0, 0.3, 0.05, -0.4]); // 3 pixels: a then b

describe('colour adjustments', () => {
  it('leaves the prediction alone when neutral, scales chroma with saturation, shifts towards yellow with warmth', () => {
    const ab = field();
    adjustAb(ab, 3, NEUTRAL_ADJUST);
    expect([...ab]).toEqual([...field()]);
    adjustAb(ab, 3, { saturation: 0, vibrance: 0, warmth: 0 });
    expect([...ab].every((v) => v === 0)).toBe(true);
    const warm = field();
    adjustAb(warm, 3, { saturation: 1, vibrance: 0, warmth: 11 });
    expect(warm[3]).toBeCloseTo(0.3 + 0.1, 5);
    expect(warm[0]).toBeCloseTo(0.2 + 0.03, 5);
  });

  it('raises weak colours more than strong ones with vibrance', () => {
    const ab = Float32Array.from([0.05, 0.4, 0.0, 0.0]); // a weak and a strong pixel
    adjustAb(ab, 2, { saturation: 1, vibrance: 1, warmth: 0 });
    expect(ab[0] / 0.05).toBeGreaterThan(ab[1] / 0.4);
  });

  it('is recorded as one history step, and palette colours as their own', () => {
    const color = { saturation: 1.3, vibrance: 0.2, warmth: 5 };
    const entry = { id: 'c1', name: 'Union blue', a: 5, b: -35, note: 'quartermaster ledger' };
    const states = [EMPTY_GUIDANCE, { ...EMPTY_GUIDANCE, color }, { ...EMPTY_GUIDANCE, color, palette: [entry] }, { ...EMPTY_GUIDANCE, color, palette: [] }];
    const ops = states.slice(1).map((s, i) => diffGuidance(states[i], s) as Operation);
    expect(ops.map((o) => o.kind)).toEqual(['color.set', 'palette.add', 'palette.remove']);
    expect(replay(ops.slice(0, 2))).toEqual(states[2]);
  });
});
