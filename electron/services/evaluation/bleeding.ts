// Bleeding, measured (issue 17): how far a hint's colour spills out of the region it was put in. On
// protocol images, segments are derived from the colour truth itself (a deterministic graph
// segmentation of its Lab, Felzenszwalb & Huttenlocher 2004); one large segment at a time is hinted
// with three 5×5 patches of its true colour, and the render with those hints is compared with the one
// without them, both through the app's hint reach. Bleeding is the share of the *other* segments'
// pixels (farther than 3 px from the hinted one) moved by ΔE00 > 5; "harmful" counts those moved and
// left farther from the truth. Two settings: the hinted segment alone, and amid one true hint in each
// other large segment (a spill there fights hints of its own).
import { deltaE2000, rgbToLab } from '../../../shared/imaging/color';
import type { Reach } from '../../../shared/model/guidance-schema';
import { seededRandom } from '../../../shared/eval/eval-protocol';
import { applyReach, DEFAULT_REACH, limitsReach, ReachField } from '../../../shared/imaging/hint-reach';
import type { Colorizer } from '../inference/colorizer';
import { loadProtocolImage, PROTOCOL_SIZE, type ProtocolImage } from './protocol-image';

const PATCH = 5;
const PATCHES_PER_SEGMENT = 3;
const TRIALS_PER_IMAGE = 3;
/** Segments this large (share of the image) are hinted, and hinted as context. */
const LARGE = 0.03;
const MOVED = 5;
const BAND = 3;
/** Felzenszwalb's scale (ΔE of Lab) and the smallest segment kept, in pixels. */
const SEGMENT_K = 400;
const SEGMENT_MIN = 200;

export interface BleedingSetting {
  trials: number;
  /** Share of the other segments' pixels moved by ΔE00 > 5. */
  moved: number;
  /** Of those, moved and farther from the truth than without the hint. */
  harmful: number;
  /** Mean ΔE00 to the truth inside the hinted segment, without and with its hint. */
  inside: { without: number; with: number };
}

export interface BleedingReport {
  images: number;
  reach: Reach;
  segmentsPerImage: number;
  alone: BleedingSetting;
  amid: BleedingSetting;
}

/** 3×3 box blur of one plane. */
function blur3(v: Float32Array, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      let k = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          s += v[yy * w + xx];
          k++;
        }
      }
      out[y * w + x] = s / k;
    }
  }
  return out;
}

/** Felzenszwalb–Huttenlocher graph segmentation of planar L*, a*, b* (8-connected); labels 0..count-1. */
export function segmentLab(lab: Float32Array, w: number, h: number, k = SEGMENT_K, minSize = SEGMENT_MIN): { labels: Int32Array; count: number } {
  const n = w * h;
  const planes = [0, 1, 2].map((c) => blur3(lab.subarray(c * n, (c + 1) * n), w, h));
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const edge = (i: number, j: number): void => {
    from.push(i);
    to.push(j);
    weight.push(Math.hypot(planes[0][i] - planes[0][j], planes[1][i] - planes[1][j], planes[2][i] - planes[2][j]));
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (x < w - 1) edge(i, i + 1);
      if (y < h - 1) edge(i, i + w);
      if (x < w - 1 && y < h - 1) edge(i, i + w + 1);
      if (x > 0 && y < h - 1) edge(i, i + w - 1);
    }
  }
  const order = Array.from(weight.keys()).sort((p, q) => weight[p] - weight[q] || p - q);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Int32Array(n).fill(1);
  const inner = new Float32Array(n);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const join = (a: number, b: number, wgt: number): void => {
    if (size[a] < size[b]) [a, b] = [b, a];
    parent[b] = a;
    size[a] += size[b];
    inner[a] = wgt;
  };
  for (const e of order) {
    const a = find(from[e]);
    const b = find(to[e]);
    if (a !== b && weight[e] <= Math.min(inner[a] + k / size[a], inner[b] + k / size[b])) join(a, b, weight[e]);
  }
  for (const e of order) {
    const a = find(from[e]);
    const b = find(to[e]);
    if (a !== b && (size[a] < minSize || size[b] < minSize)) join(a, b, weight[e]);
  }
  const labels = new Int32Array(n);
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let id = ids.get(r);
    if (id === undefined) ids.set(r, (id = ids.size));
    labels[i] = id;
  }
  return { labels, count: ids.size };
}

/** Up to `count` 5×5 patches wholly inside segment `s`, drawn by `random`, each with its true mean a*b*. */
function patchesIn(image: ProtocolImage, labels: Int32Array, s: number, count: number, random: () => number, into: { hintAb: Float32Array; mask: Float32Array }): void {
  const size = PROTOCOL_SIZE;
  const n = size * size;
  const corners: number[] = [];
  for (let y0 = 0; y0 <= size - PATCH; y0++) {
    for (let x0 = 0; x0 <= size - PATCH; x0++) {
      let inside = true;
      for (let y = y0; y < y0 + PATCH && inside; y++) for (let x = x0; x < x0 + PATCH && inside; x++) inside = labels[y * size + x] === s;
      if (inside) corners.push(y0 * size + x0);
    }
  }
  for (let k = 0; k < count && corners.length > 0; k++) {
    const c = corners[Math.floor(random() * corners.length)];
    let a = 0;
    let b = 0;
    for (let y = 0; y < PATCH; y++) {
      for (let x = 0; x < PATCH; x++) {
        a += image.ab[c + y * size + x];
        b += image.ab[n + c + y * size + x];
      }
    }
    for (let y = 0; y < PATCH; y++) {
      for (let x = 0; x < PATCH; x++) {
        const i = c + y * size + x;
        into.hintAb[i] = a / (PATCH * PATCH) / 110;
        into.hintAb[n + i] = b / (PATCH * PATCH) / 110;
        into.mask[i] = 1;
      }
    }
  }
}

/** Pixels within `r` px (Chebyshev) of segment `s`. */
function near(labels: Int32Array, s: number, w: number, h: number, r: number): Uint8Array {
  const row = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let d = -r; d <= r; d++) if (x + d >= 0 && x + d < w && labels[y * w + x + d] === s) row[y * w + x] = 1;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let d = -r; d <= r; d++) if (y + d >= 0 && y + d < h && row[(y + d) * w + x]) out[y * w + x] = 1;
  return out;
}

interface Tally {
  trials: number;
  others: number;
  moved: number;
  harmful: number;
  insideWithout: number;
  insideWith: number;
  insidePixels: number;
}

const tally = (): Tally => ({ trials: 0, others: 0, moved: 0, harmful: 0, insideWithout: 0, insideWith: 0, insidePixels: 0 });
const setting = (t: Tally): BleedingSetting => ({
  trials: t.trials,
  moved: t.moved / Math.max(1, t.others),
  harmful: t.harmful / Math.max(1, t.others),
  inside: { without: t.insideWithout / Math.max(1, t.insidePixels), with: t.insideWith / Math.max(1, t.insidePixels) },
});

export async function bleeding(colorizer: Colorizer, files: string[], o: { reach?: Reach; onImage?: (i: number) => void } = {}): Promise<BleedingReport> {
  const reach = o.reach ?? DEFAULT_REACH;
  const size = PROTOCOL_SIZE;
  const n = size * size;
  const dims = { width: size, height: size };
  const totals = { alone: tally(), amid: tally() };
  let segments = 0;
  for (const [index, file] of files.entries()) {
    const image = await loadProtocolImage(file);
    const lab = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) {
      const [L, a, b] = rgbToLab(image.rgb[3 * i] / 255, image.rgb[3 * i + 1] / 255, image.rgb[3 * i + 2] / 255);
      lab[i] = L;
      lab[n + i] = a;
      lab[2 * n + i] = b;
    }
    const { labels, count } = segmentLab(lab, size, size);
    segments += count;
    const area = new Int32Array(count);
    for (let i = 0; i < n; i++) area[labels[i]]++;
    const large = Array.from(area.keys())
      .filter((s) => area[s] >= LARGE * n)
      .sort((p, q) => area[q] - area[p] || p - q);
    if (large.length < 2) {
      o.onImage?.(index);
      continue;
    }
    const prior = await colorizer.computePrior({ ...dims, l: image.l });
    const field = new ReachField(image.l, dims);
    const none = { hintAb: new Float32Array(2 * n), mask: new Float32Array(n) };
    const guide = (h: { hintAb: Float32Array; mask: Float32Array }) => colorizer.guide({ ...dims, l: image.l, ...h }, { prior: prior ?? undefined });
    const auto = (await guide(none)).ab;
    const render = async (h: { hintAb: Float32Array; mask: Float32Array }): Promise<Float32Array> => {
      const out = await guide(h);
      if (limitsReach(reach)) applyReach(out.ab, auto, field, h.mask, reach);
      return out.ab;
    };
    const truthDe = (ab: Float32Array, i: number): number => deltaE2000([image.lightness[i], 110 * ab[i], 110 * ab[n + i]], [image.lightness[i], image.ab[i], image.ab[n + i]]);
    const random = seededRandom(52_000 + index);
    for (const target of large.slice(0, TRIALS_PER_IMAGE)) {
      const band = near(labels, target, size, size, BAND);
      const own = { hintAb: new Float32Array(2 * n), mask: new Float32Array(n) };
      patchesIn(image, labels, target, PATCHES_PER_SEGMENT, random, own);
      const context = { hintAb: new Float32Array(2 * n), mask: new Float32Array(n) };
      for (const s of large) if (s !== target) patchesIn(image, labels, s, 1, random, context);
      const both = { hintAb: context.hintAb.map((v, i) => (own.mask[i % n] ? own.hintAb[i] : v)), mask: context.mask.map((v, i) => Math.max(v, own.mask[i])) };
      for (const [name, without, withHint] of [
        ['alone', none, own],
        ['amid', context, both],
      ] as const) {
        const t = totals[name];
        const before = name === 'alone' ? auto.slice() : await render(without);
        const after = await render(withHint);
        t.trials++;
        for (let i = 0; i < n; i++) {
          if (labels[i] === target) {
            t.insideWithout += truthDe(before, i);
            t.insideWith += truthDe(after, i);
            t.insidePixels++;
            continue;
          }
          if (band[i]) continue;
          t.others++;
          const L = image.lightness[i];
          if (deltaE2000([L, 110 * before[i], 110 * before[n + i]], [L, 110 * after[i], 110 * after[n + i]]) > MOVED) {
            t.moved++;
            if (truthDe(after, i) > truthDe(before, i)) t.harmful++;
          }
        }
      }
    }
    o.onImage?.(index);
  }
  return { images: files.length, reach, segmentsPerImage: segments / Math.max(1, files.length), alone: setting(totals.alone), amid: setting(totals.amid) };
}
