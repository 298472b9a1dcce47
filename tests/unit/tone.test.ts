import { describe, expect, it } from 'vitest';
import { applyTone, autoLevels, NEUTRAL_TONE, toneAt } from '../../shared/imaging/tone';

describe('tone restoration', () => {
  it('is the identity when neutral, and maps the black and white points to 0 and 100', () => {
    for (const l of [0, 12.5, 50, 99]) expect(toneAt(NEUTRAL_TONE, l)).toBeCloseTo(l, 6);
    const t = { ...NEUTRAL_TONE, black: 20, white: 80 };
    expect(toneAt(t, 20)).toBe(0);
    expect(toneAt(t, 80)).toBe(100);
    expect(toneAt(t, 50)).toBeCloseTo(50, 6);
    expect(toneAt(t, 5)).toBe(0);
  });

  it('lightens midtones with gamma above 1 and stays monotonic under contrast either way', () => {
    expect(toneAt({ ...NEUTRAL_TONE, gamma: 2 }, 25)).toBeGreaterThan(25);
    for (const contrast of [-1, 1]) {
      let previous = -1;
      for (let l = 0; l <= 100; l += 0.5) {
        const v = toneAt({ ...NEUTRAL_TONE, contrast }, l);
        expect(v).toBeGreaterThanOrEqual(previous);
        previous = v;
      }
    }
    expect(toneAt({ ...NEUTRAL_TONE, contrast: 1 }, 25)).toBeLessThan(25);
  });

  it('applies through a table to L* in either scale, and finds levels from the histogram', () => {
    const l = Float32Array.from({ length: 1000 }, (_, i) => 30 + (40 * i) / 999); // a faded scan: L* 30..70
    const levels = autoLevels(l);
    expect(levels.black).toBeGreaterThanOrEqual(30);
    expect(levels.black).toBeLessThan(31);
    expect(levels.white).toBeLessThanOrEqual(70);
    expect(levels.white).toBeGreaterThan(69);
    const scaled = Float32Array.from(l, (v) => v / 100);
    applyTone(scaled, levels, 0.01);
    expect(Math.min(...scaled)).toBeLessThan(0.01);
    expect(Math.max(...scaled)).toBeGreaterThan(0.99);
    const untouched = l.slice();
    applyTone(untouched, NEUTRAL_TONE);
    expect(untouched).toEqual(l);
  });
});
