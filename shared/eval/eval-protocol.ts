import { traceStroke } from '../model/guidance';

// Hint draws of the evaluation protocol: N 5x5 patches, centres from a normal around the image centre
// (sd = size / 4), clipped inside the image, each revealing its patch's mean a*b*. Seeded per (image, N).

export const HINT_COUNTS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500] as const;
const PATCH = 5;

/** mulberry32: small, fast, and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface ProtocolHints {
  hintAb: Float32Array;
  mask: Float32Array;
  /** Top-left corners of the patches. */
  patches: [number, number][];
}

/** ab: planar a* then b* of the original (size x size). */
export function protocolHints(ab: Float32Array, size: number, count: number, seed: number): ProtocolHints {
  const random = seededRandom(seed);
  const hintAb = new Float32Array(2 * size * size);
  const mask = new Float32Array(size * size);
  const patches: [number, number][] = [];
  const plane = size * size;
  for (let k = 0; k < count; k++) {
    const cx = Math.round(size / 2 + normal(random) * (size / 4));
    const cy = Math.round(size / 2 + normal(random) * (size / 4));
    const x0 = Math.min(size - PATCH, Math.max(0, cx - 2));
    const y0 = Math.min(size - PATCH, Math.max(0, cy - 2));
    let a = 0;
    let b = 0;
    for (let y = y0; y < y0 + PATCH; y++) {
      for (let x = x0; x < x0 + PATCH; x++) {
        a += ab[y * size + x];
        b += ab[plane + y * size + x];
      }
    }
    a /= PATCH * PATCH;
    b /= PATCH * PATCH;
    for (let y = y0; y < y0 + PATCH; y++) {
      for (let x = x0; x < x0 + PATCH; x++) {
        hintAb[y * size + x] = a / 110;
        hintAb[plane + y * size + x] = b / 110;
        mask[y * size + x] = 1;
      }
    }
    patches.push([x0, y0]);
  }
  return { hintAb, mask, patches };
}

export interface StrokeDraws {
  /** Each stroke revealed with its pixels' mean a*b*, as a user's stroke carries one colour. */
  strokes: { hintAb: Float32Array; mask: Float32Array };
  /** The very same pixels, each revealing its own a*b*. */
  points: { hintAb: Float32Array; mask: Float32Array };
  pixels: number;
}

/** K short strokes (3 segments of 8–20 px, 5 px wide, centres drawn like the protocol's points). */
export function protocolStrokes(ab: Float32Array, size: number, count: number, seed: number): StrokeDraws {
  const random = seededRandom(seed);
  const plane = size * size;
  const strokes = { hintAb: new Float32Array(2 * plane), mask: new Float32Array(plane) };
  const points = { hintAb: new Float32Array(2 * plane), mask: new Float32Array(plane) };
  let pixels = 0;
  for (let k = 0; k < count; k++) {
    let x = Math.min(size - 3, Math.max(2, size / 2 + normal(random) * (size / 4)));
    let y = Math.min(size - 3, Math.max(2, size / 2 + normal(random) * (size / 4)));
    let angle = random() * 2 * Math.PI;
    const line = [{ x, y }];
    for (let s = 0; s < 3; s++) {
      angle += (random() - 0.5) * 1.6;
      const len = 8 + random() * 12;
      x = Math.min(size - 3, Math.max(2, x + Math.cos(angle) * len));
      y = Math.min(size - 3, Math.max(2, y + Math.sin(angle) * len));
      line.push({ x, y });
    }
    const covered = new Set<number>();
    traceStroke(line, 2.5, size, size, (px, py) => covered.add(py * size + px));
    let a = 0;
    let b = 0;
    for (const i of covered) {
      a += ab[i];
      b += ab[plane + i];
    }
    a /= covered.size;
    b /= covered.size;
    for (const i of covered) {
      if (!points.mask[i]) pixels++;
      strokes.hintAb[i] = a / 110;
      strokes.hintAb[plane + i] = b / 110;
      strokes.mask[i] = 1;
      points.hintAb[i] = ab[i] / 110;
      points.hintAb[plane + i] = ab[plane + i] / 110;
      points.mask[i] = 1;
    }
  }
  return { strokes, points, pixels };
}
