// The exemplar transfer itself (shared/network/reference-transfer.ts), without the model: luminance-remapped
// matching gives each region of a scan the colour of the reference region it resembles, the same
// proposals every time, and a cap that thins them across the image rather than keeping its top rows.
import { describe, expect, it } from 'vitest';
import { rgbToLab } from '../../shared/imaging/color';
import { nearestK, transferProposals } from '../../shared/network/reference-transfer';

const W = 160;
const H = 120;
const inDisc = (x: number, y: number): boolean => (x - 100) ** 2 + (y - 60) ** 2 < 30 ** 2;

/** A gray scan (gradient, a bright disc) and a colour reference of the same scene, darker overall. */
function scene() {
  const n = W * H;
  const l = new Float32Array(n);
  const ref = { l: new Float32Array(n), a: new Float32Array(n), b: new Float32Array(n) };
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const g = inDisc(x, y) ? 0.85 : 0.15 + (0.35 * x) / W;
      l[i] = rgbToLab(g, g, g)[0];
      const rgb: [number, number, number] = inDisc(x, y) ? [0.95, 0.7, 0.45] : [0.1 * (1 + x / W), 0.3 * (1 + x / W), 0.2 * (1 + x / W)];
      [ref.l[i], ref.a[i], ref.b[i]] = rgbToLab(...rgb);
    }
  }
  return { scan: { width: W, height: H, l }, ref: { width: W, height: H, ...ref } };
}

describe('exemplar transfer (Welsh-style, classical statistics)', () => {
  it('colours the disc orange and the rest green, with confidences, deterministically', async () => {
    const { scan, ref } = scene();
    const p = await transferProposals(scan, ref, { maxProposals: 1000, minConfidence: 0 });
    expect(await transferProposals(scan, ref, { maxProposals: 1000, minConfidence: 0 })).toEqual(p);
    const disc = p.filter((q) => inDisc(q.x, q.y));
    const rest = p.filter((q) => !inDisc(q.x, q.y) && Math.hypot(q.x - 100, q.y - 60) > 36);
    expect(disc.length).toBeGreaterThan(3);
    expect(rest.length).toBeGreaterThan(20);
    for (const q of disc) expect(q.a > 10 && q.b > 20, `disc (${q.x}, ${q.y}): ${q.a.toFixed(1)}, ${q.b.toFixed(1)}`).toBe(true);
    for (const q of rest) expect(q.a < -5, `rest (${q.x}, ${q.y}): ${q.a.toFixed(1)}`).toBe(true);
    for (const q of p) {
      expect(q.confidence).toBeGreaterThan(0);
      expect(q.confidence).toBeLessThanOrEqual(1);
      expect(inDisc(q.refX, q.refY)).toBe(inDisc(q.x, q.y) || q.a > 0);
    }
  });

  it('thins a capped set across the image and reports progress to the end', async () => {
    const { scan, ref } = scene();
    const done: number[] = [];
    const p = await transferProposals(scan, ref, { maxProposals: 12, minConfidence: 0, step: (d) => void done.push(d) });
    expect(p).toHaveLength(12);
    const ys = p.map((q) => q.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(H / 2);
    expect(done[done.length - 1]).toBe(1);
    expect([...done].sort((x, y) => x - y)).toEqual(done);
  });

  it('leaves out the cells where the network is surest, when asked', async () => {
    const { scan, ref } = scene();
    // The network "sure" of the disc only, on a quarter-size grid as the prior gives it.
    const certainty = { width: W / 4, height: H / 4, channels: 1, data: Float32Array.from({ length: (W / 4) * (H / 4) }, (_, i) => (inDisc((i % (W / 4)) * 4 + 2, Math.floor(i / (W / 4)) * 4 + 2) ? 0.9 : 0.1)) };
    const all = await transferProposals({ ...scan, certainty }, ref, { maxProposals: 1000, minConfidence: 0 });
    const unsure = await transferProposals({ ...scan, certainty }, ref, { maxProposals: 1000, minConfidence: 0, skipSure: 0.2 });
    expect(all.some((q) => inDisc(q.x, q.y))).toBe(true);
    expect(unsure.some((q) => inDisc(q.x, q.y))).toBe(false);
    expect(unsure.length).toBeGreaterThan(all.length / 2);
  });

  it('stops where its step throws (a cancel)', async () => {
    const { scan, ref } = scene();
    await expect(transferProposals(scan, ref, { step: (d) => { if (d > 0.3) throw new Error('cancelled'); } })).rejects.toThrow('cancelled');
  });

  it('picks the k nearest as a stable sort would, ties included', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 50; t++) {
      const d = Float64Array.from({ length: 200 }, () => Math.floor(rand() * 40));
      const byIndex = Array.from(d.keys());
      const sorted = [...byIndex].sort((p, q) => d[p] - d[q] || p - q).slice(0, 12);
      expect(nearestK(d, 12)).toEqual(sorted);
    }
    expect(nearestK(Float64Array.from([3, 1, 2]), 5)).toEqual([1, 2, 0]);
  });
});
