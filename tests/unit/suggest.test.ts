import { describe, expect, it } from 'vitest';
import { suggestColors } from '../../shared/network/suggest';

describe('suggested colours', () => {
  const bins = [[0, 0], [10, 0], [40, 40], [-30, 20], [0, -50]] as const;
  const grid = (scores: number[]) => ({ logits: Float32Array.from(scores.flatMap((s) => [s, 0])), width: 2, height: 1, bins });

  it('ranks bins by probability at the cell and merges near neighbours', () => {
    const out = suggestColors(grid([2, 1.5, 3, 0, -1]), 0, 0, 3);
    expect(out.map((s) => [s.a, s.b])).toEqual([[40, 40], [0, 0], [-30, 20]]);
    const total = [2, 1.5, 3, 0, -1].reduce((t, v) => t + Math.exp(v), 0);
    expect(out[1].p).toBeCloseTo((Math.exp(2) + Math.exp(1.5)) / total, 6);
  });

  it('reads the right cell', () => {
    // Cell 1 holds zeros: a uniform distribution, where (0, 0) and (10, 0) merge into one suggestion.
    const out = suggestColors(grid([5, 0, 0, 0, 0]), 1, 0, 1);
    expect(out[0]).toMatchObject({ a: 0, b: 0 });
    expect(out[0].p).toBeCloseTo(2 / 5, 6);
  });
});
