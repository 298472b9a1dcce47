import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fillPolygon } from '../../shared/model/guidance';
import { seededRandom } from '../../shared/eval/eval-protocol';
import { lightnessOfGray } from '../../shared/imaging/lightness';
import { gradientMagnitude, interactiveLevel, lightnessPyramid, refineSelection, selectionPolygon, snapOutline, wandSelect, type Level } from '../../shared/imaging/selection';
import { SAMPLES_BW } from '../support/paths';

const W = 1600;
const H = 1200;

/** L* with grain (±3): a background of 30, a disk of 70 at (500, 500) r 300 with a hole of L* 30 r 80, and a square of 72 at (1100..1400, 300..600). */
function scene(): { l: Float32Array; disk: (x: number, y: number) => boolean; square: (x: number, y: number) => boolean } {
  const random = seededRandom(5);
  const disk = (x: number, y: number): boolean => Math.hypot(x - 500, y - 500) < 300 && Math.hypot(x - 500, y - 500) >= 80;
  const square = (x: number, y: number): boolean => x >= 1100 && x < 1400 && y >= 300 && y < 600;
  const l = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) l[y * W + x] = (disk(x + 0.5, y + 0.5) ? 70 : square(x, y) ? 72 : 30) + (random() - 0.5) * 6;
  return { l, disk, square };
}

/** The polygon rasterised by the app's even-odd fill, at the base size. */
function raster(polygon: { x: number; y: number }[], w: number, h: number): Uint8Array {
  const m = new Uint8Array(w * h);
  fillPolygon(polygon, w, h, (x, y) => (m[y * w + x] = 1));
  return m;
}

function errors(mask: Uint8Array, truth: (x: number, y: number) => boolean, w: number): { missed: number; extra: number; total: number } {
  let missed = 0;
  let extra = 0;
  let total = 0;
  for (let i = 0; i < mask.length; i++) {
    const t = truth((i % w) + 0.5, Math.floor(i / w) + 0.5);
    if (t) total++;
    if (t && !mask[i]) missed++;
    if (!t && mask[i]) extra++;
  }
  return { missed, extra, total };
}

describe('edge-aware selection', () => {
  const { l, disk, square } = scene();
  const levels = lightnessPyramid(l, { width: W, height: H });

  it('grows over similar L* at a coarse level and stops at the edge; Shift adds, Alt takes out', () => {
    const level = interactiveLevel(levels);
    expect(level.width * level.height).toBeLessThanOrEqual(1 << 20);
    expect(level.scale).toBe(2);
    const one = wandSelect(levels, null, 300, 500, 12, 'new');
    const e1 = errors(selectionMask(one.mask, level), disk, W);
    expect(e1.missed / e1.total).toBeLessThan(0.02);
    expect(e1.extra / e1.total).toBeLessThan(0.02); // not the hole, not the background, not the square
    const two = wandSelect(levels, one, 1200, 400, 12, 'add');
    const both = (x: number, y: number): boolean => disk(x, y) || square(x, y);
    const e2 = errors(selectionMask(two.mask, level), both, W);
    expect(e2.missed / e2.total).toBeLessThan(0.02);
    const three = wandSelect(levels, two, 1250, 450, 12, 'subtract');
    const e3 = errors(selectionMask(three.mask, level), disk, W);
    expect(e3.extra).toBeLessThan(0.02 * e3.total);
    expect(three.steps.map((s) => s.mode)).toEqual(['new', 'add', 'subtract']);
  });

  it('refines at the base and becomes one polygon the even-odd fill gives back, hole included', () => {
    const sel = wandSelect(levels, wandSelect(levels, null, 300, 500, 12, 'new'), 1200, 400, 12, 'add');
    const fine = refineSelection(levels, sel);
    const polygon = selectionPolygon(fine, levels[0]);
    expect(polygon).not.toBeNull();
    const back = raster(polygon ?? [], W, H);
    const both = (x: number, y: number): boolean => disk(x, y) || square(x, y);
    const e = errors(back, both, W);
    // The coarse level alone is off by up to a coarse pixel along the outline; the base by less.
    const coarse = errors(raster(selectionPolygon(sel.mask, sel.level) ?? [], W, H), both, W);
    expect(e.missed + e.extra).toBeLessThan(coarse.missed + coarse.extra);
    expect((e.missed + e.extra) / e.total).toBeLessThan(0.01);
    expect(back[500 * W + 500]).toBe(0); // the hole stays out
    expect(back[500 * W + 300]).toBe(1);
  });

  it('snaps a lasso drawn beside an edge onto it', () => {
    const level = levels[0];
    const g = gradientMagnitude(level);
    const drawn = [
      { x: 1104, y: 304 },
      { x: 1396, y: 304 },
      { x: 1396, y: 596 },
      { x: 1104, y: 596 },
    ];
    const snapped = snapOutline(drawn, level, g, 6);
    const off = snapped.map((p) => Math.min(Math.abs(p.x - 1100), Math.abs(p.x - 1400), Math.abs(p.y - 300), Math.abs(p.y - 600)));
    expect(Math.max(...off)).toBeLessThanOrEqual(1.5);
    expect(snapped.length).toBeGreaterThan(drawn.length);
  });

  it('selects a region of a real scan that is neither a speck nor the whole picture', async () => {
    const { data, info } = await sharp(`${SAMPLES_BW}/deoldify_054.jpg`).grayscale().raw().toBuffer({ resolveWithObject: true });
    const lr = lightnessOfGray(data, info.width * info.height);
    const real = lightnessPyramid(lr, { width: info.width, height: info.height });
    const sel = wandSelect(real, null, info.width / 2, info.height * 0.15, 10, 'new');
    const share = sel.mask.reduce((s, v) => s + v, 0) / sel.mask.length;
    expect(share).toBeGreaterThan(0.002);
    expect(share).toBeLessThan(0.9);
    const polygon = selectionPolygon(refineSelection(real, sel), real[0]);
    expect(polygon?.length ?? 0).toBeGreaterThan(3);
  });
});

/** A mask at a level as a base-sized mask (nearest), to compare with the truth. */
function selectionMask(mask: Uint8Array, level: Level): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = mask[Math.min(level.height - 1, Math.floor(y / level.scale)) * level.width + Math.min(level.width - 1, Math.floor(x / level.scale))];
  return out;
}
