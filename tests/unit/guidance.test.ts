import { describe, expect, it } from 'vitest';
import { fillPolygon, rasterizeGuidance, traceStroke, type Guidance } from '../../shared/model/guidance';
import { parseRecipe } from '../../shared/model/recipe';
import { validateCall } from '../../shared/ipc/validate';
import { regionMasks } from '../../shared/imaging/region-mask';

const count = (f: (put: (x: number, y: number) => void) => void): number => {
  let n = 0;
  f(() => n++);
  return n;
};

describe('guidance rasterisation', () => {
  it('fills a polygon by pixel centres and traces a stroke as a round brush', () => {
    expect(count((put) => fillPolygon([{ x: 10, y: 10 }, { x: 30, y: 10 }, { x: 30, y: 20 }, { x: 10, y: 20 }], 64, 64, put))).toBe(200);
    expect(count((put) => fillPolygon([{ x: 0, y: 0 }, { x: 5, y: 5 }], 64, 64, put))).toBe(0);
    const seen = new Set<number>();
    traceStroke([{ x: 10.5, y: 10.5 }, { x: 40.5, y: 10.5 }], 2, 64, 64, (x, y) => seen.add(y * 64 + x));
    for (let x = 10; x <= 40; x++) expect(seen.has(10 * 64 + x)).toBe(true);
    expect(seen.has(14 * 64 + 20)).toBe(false);
  });

  it('paints strokes into the network inputs, points on top; regions are walls, not hints', () => {
    const g: Guidance = {
      hints: [{ id: 'h', x: 100, y: 100, radius: 2, a: 50, b: 0 }],
      strokes: [{ id: 's', points: [{ x: 40, y: 100 }, { x: 160, y: 100 }], width: 8, a: -20, b: 30 }],
      regions: [
        { id: 'r', polygon: [{ x: 0, y: 150 }, { x: 200, y: 150 }, { x: 200, y: 200 }, { x: 0, y: 200 }], a: 10, b: -40, keep: false },
        { id: 'k', polygon: [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 50 }, { x: 0, y: 50 }], a: 0, b: 0, keep: true },
      ],
    };
    const image = { width: 200, height: 200 };
    const work = { width: 100, height: 100 };
    const { hintAb, mask } = rasterizeGuidance(g, image, work);
    const at = (x: number, y: number) => ({ m: mask[y * 100 + x], a: hintAb[y * 100 + x] * 110, b: hintAb[10_000 + y * 100 + x] * 110 });
    expect(at(50, 50)).toEqual({ m: 1, a: expect.closeTo(50, 4), b: expect.closeTo(0, 4) });
    expect(at(30, 50)).toEqual({ m: 1, a: expect.closeTo(-20, 4), b: expect.closeTo(30, 4) });
    expect(at(50, 90).m).toBe(0); // a coloured region is a mask over the result, not a hint
    expect(at(10, 10).m).toBe(0);
    const inside = rasterizeGuidance({ ...g, hints: [{ id: 'in', x: 20, y: 20, radius: 2, a: 50, b: 0 }] }, image, work);
    expect(inside.mask[10 * 100 + 10]).toBe(0); // hint pixels inside a region are kept from the network
    const keep = regionMasks(g, image, { width: 400, height: 400 }).find((m) => m.region.keep);
    expect(keep?.alpha[(20 - keep.top) * keep.width + 20 - keep.left]).toBe(1);
    expect(keep && keep.left + keep.width).toBeLessThan(120);
    expect(regionMasks({ ...g, regions: [] }, image, image)).toEqual([]);
  });
});

describe('the mask eraser', () => {
  it('takes its pixels out of coloured regions, strokes and keep-original regions', () => {
    const image = { width: 100, height: 100 };
    const eraser = { id: 'e', points: [{ x: 0, y: 50 }, { x: 100, y: 50 }], width: 10, a: 0, b: 0, purpose: 'erase' as const };
    const g: Guidance = {
      hints: [{ id: 'h', x: 20, y: 50, radius: 1, a: 30, b: 30 }],
      strokes: [{ id: 's', points: [{ x: 70, y: 20 }, { x: 70, y: 80 }], width: 6, a: 10, b: 10 }, eraser],
      regions: [
        { id: 'r', polygon: [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 100 }, { x: 0, y: 100 }], a: -20, b: 40, keep: false },
        { id: 'k', polygon: [{ x: 50, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }, { x: 50, y: 100 }], a: 0, b: 0, keep: true },
      ],
    };
    const { mask } = rasterizeGuidance(g, image, image);
    const [colour, keep] = regionMasks(g, image, image);
    const alpha = (m: typeof colour, x: number, y: number) => m.alpha[(y - m.top) * m.width + x - m.left];
    expect(alpha(colour, 30, 50)).toBe(0); // region pixel under the eraser
    expect(alpha(colour, 30, 20)).toBe(1); // region pixel away from it
    expect(mask[50 * 100 + 70]).toBe(0); // stroke pixel under the eraser
    expect(mask[30 * 100 + 70]).toBe(0); // a stroke inside a region is behind its wall
    expect(alpha(keep, 80, 50)).toBe(0);
    expect(alpha(keep, 80, 20)).toBe(1);
  });
});

describe('hostile stroke geometry', () => {
  /** The brush walk as it was before clipping: every stamp of every segment, for comparison. */
  function unclipped(points: { x: number; y: number }[], radius: number, w: number, h: number): Set<number> {
    const seen = new Set<number>();
    const r = Math.max(0.5, radius);
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      const q = points[Math.min(points.length - 1, i + 1)];
      const steps = Math.max(1, Math.ceil(Math.hypot(q.x - p.x, q.y - p.y) / Math.max(0.5, r / 2)));
      for (let s = 0; s <= steps; s++) {
        const cx = p.x + ((q.x - p.x) * s) / steps;
        const cy = p.y + ((q.y - p.y) * s) / steps;
        for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(h - 1, Math.ceil(cy + r)); y++) {
          for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(w - 1, Math.ceil(cx + r)); x++) if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) seen.add(y * w + x);
        }
      }
    }
    return seen;
  }

  it('draws exactly the pixels it drew before, for strokes that leave and re-enter the image', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 40; k++) {
      const points = Array.from({ length: 6 }, () => ({ x: rand() * 400 - 150, y: rand() * 300 - 100 }));
      const radius = 0.3 + rand() * 12;
      const seen = new Set<number>();
      traceStroke(points, radius, 96, 80, (x, y) => seen.add(y * 96 + x));
      expect([...seen].sort((a, b) => a - b)).toEqual([...unclipped(points, radius, 96, 80)].sort((a, b) => a - b));
    }
  });

  const image = { width: 3000, height: 2000 };
  const work = { width: 256, height: 176 };
  const bomb = (far: { x: number; y: number }[]): Guidance => ({ hints: [], regions: [], strokes: [{ id: 's', points: Array.from({ length: 6001 }, (_, i) => far[i % 2]), width: 0.5, a: 20, b: 20 }] });

  it('costs nothing for geometry outside the image (6,001 points at ±1e6: 9.4 s before)', () => {
    const t = performance.now();
    const { mask } = rasterizeGuidance(bomb([{ x: -1e6, y: -1e6 }, { x: -1e6, y: 1e6 }]), image, work);
    expect(performance.now() - t).toBeLessThan(2_000); // 11 ms idle, ~0.12 s loaded; 9.4 s idle before
    expect(mask.some((v) => v > 0)).toBe(false);
  });

  it('refuses, with a typed error and quickly, a request whose strokes would take too long to draw', () => {
    for (const far of [[{ x: -1e6, y: -1e6 }, { x: 1e6, y: 1e6 }], [{ x: 0, y: 0 }, { x: 3000, y: 2000 }]]) {
      const t = performance.now();
      expect(() => rasterizeGuidance(bomb(far), image, work)).toThrow(expect.objectContaining({ code: 'invalid-payload' }));
      // A region's mask draws erasers only inside its own box, so the same strokes cost little there.
      expect(() => regionMasks({ ...bomb(far), strokes: bomb(far).strokes.map((s) => ({ ...s, purpose: 'erase' as const })), regions: [{ id: 'k', polygon: [{ x: 0, y: 0 }, { x: 9, y: 0 }, { x: 9, y: 9 }], a: 0, b: 0, keep: true }] }, image, work)).not.toThrow();
      expect(performance.now() - t).toBeLessThan(8_000); // ~0.2 s idle, ~3.5 s on a loaded machine
    }
  });

  it('bounds the points of one guidance wherever it enters: requests and recipes', () => {
    const stroke = (id: string) => ({ id, points: Array.from({ length: 20_000 }, (_, i) => ({ x: i % 100, y: 1 })), width: 2, a: 0, b: 0 });
    const heavy = { hints: [], regions: [], strokes: Array.from({ length: 11 }, (_, i) => stroke(`s${i}`)) };
    const call = validateCall('colorize', { imageId: 'a'.repeat(64), revision: 1, guidance: heavy });
    expect(call.ok ? 'ok' : call.error.code).toBe('invalid-payload');
    expect(validateCall('colorize', { imageId: 'a'.repeat(64), revision: 1, guidance: { ...heavy, strokes: heavy.strokes.slice(0, 10) } }).ok).toBe(true);
    expect(parseRecipe(JSON.stringify({ ...recipeDoc(), strokes: heavy.strokes })).ok).toBe(false);
    expect(parseRecipe(JSON.stringify(recipeDoc())).ok).toBe(true);
  });
});

function recipeDoc(): Record<string, unknown> {
  const sha = 'a'.repeat(64);
  return {
    format: 'tintype.recipe', version: 5, app: { name: 'Tintype', version: '0' },
    original: { name: 'x.jpg', sha256: sha, width: 100, height: 100 }, model: { file: 'm.onnx', sha256: sha, contract: 'c' },
    workingSize: { width: 64, height: 64 }, upsampling: 'joint-bilateral-l', hints: [], strokes: [], regions: [],
    color: { saturation: 1, vibrance: 0, warmth: 0 }, palette: [], tone: { black: 0, white: 100, gamma: 1, contrast: 0 }, reach: 1,
    output: { format: 'png8', badge: false }, notes: [], history: [], createdAt: '2024-01-01T00:00:00Z',
  };
}
