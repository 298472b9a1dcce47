// Containment of regions (issue 17): on colour photos given to the app as gray scans, a saturated region
// is drawn and the full-resolution render (the export's own path) is compared with the same render
// without it. Outside: pixels farther than `margin` px from the outline must not change (ΔE00, p99).
// Inside: pixels farther than `margin` px in must carry the region's colour at their own L* (ΔE00 ≤ 10);
// reported against that colour as given and as sRGB can show it at that L* (chroma fitted, L* and hue kept).
import sharp from 'sharp';
import { deltaE2000, hexToRgb, rgbToLab, type Lab } from '../../../shared/imaging/color';
import { seededRandom } from '../../../shared/eval/eval-protocol';
import { MAX_IMAGE_PIXELS } from '../../../shared/ipc/limits';
import { fillPolygon, outlineDistance, type Guidance, type Point, type Region } from '../../../shared/model/guidance';
import type { Hint } from '../../../shared/model/hints';
import { lightnessOfGray } from '../../../shared/imaging/lightness';
import { regionColorTable, tenths } from '../../../shared/imaging/region-mask';
import { workingSize } from '../../../shared/network/working-size';
import { renderGuidance } from '../export/exporter';
import { fullSamples } from '../images/decode';
import type { Colorizer } from '../inference/colorizer';
import { Jobs } from '../jobs';

/** Saturated colours the regions take in turn. */
export const CONTAINMENT_COLORS = ['#d62828', '#1f6fd1', '#2a9d3a', '#e9c40f', '#8e3fb0', '#f07b1d'] as const;
const MARGIN = 8;

export interface ContainmentCase {
  file: string;
  color: string;
  /** p99 and max ΔE00 of pixels farther than the margin outside the outline. */
  outsideP99: number;
  outsideMax: number;
  /** Share of pixels farther than the margin inside within ΔE00 10 of the region's colour at their L*. */
  insideShare: number;
  insideMedian: number;
  /** The same share against the colour as sRGB can show it at that L* (same L* and hue, chroma fitted). */
  insideShareShown: number;
  millis: { without: number; with: number };
}

export interface ContainmentReport {
  cases: ContainmentCase[];
  snap: boolean;
  /** Over every outside pixel of every image. */
  outsideP99: number;
  outsideWorstImageP99: number;
  insideShare: number;
  insideWorstImage: number;
  insideShareShown: number;
  renderMedianMs: { without: number; with: number };
}

const quantile = (v: Float32Array | number[], p: number): number => {
  if (v.length === 0) return 0;
  const s = Float32Array.from(v).sort();
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

/** A wobbly 14-gon around the image centre, about half the short side across. */
export function blob(width: number, height: number, seed: number): Point[] {
  const random = seededRandom(seed);
  const r = 0.27 * Math.min(width, height);
  const cx = width * (0.4 + 0.2 * random());
  const cy = height * (0.4 + 0.2 * random());
  return Array.from({ length: 14 }, (_, k) => {
    const t = (2 * Math.PI * k) / 14;
    const rr = r * (0.65 + 0.35 * random());
    return { x: cx + rr * Math.cos(t), y: cy + rr * Math.sin(t) };
  });
}

const labOf16 = (rgb: Uint16Array, i: number): Lab => rgbToLab(rgb[3 * i] / 65535, rgb[3 * i + 1] / 65535, rgb[3 * i + 2] / 65535);

export async function containment(model: Colorizer, files: string[], o: { snap?: boolean; onImage?: (i: number) => void } = {}): Promise<ContainmentReport> {
  const snap = o.snap ?? false;
  const cases: ContainmentCase[] = [];
  const outsideAll: number[] = [];
  let inGood = 0;
  let inShown = 0;
  let inAll = 0;
  for (const [index, file] of files.entries()) {
    // The colour photo and the gray scan made of it are both read under the app's one pixel limit; the
    // scan then as the app reads any original.
    const colour = await sharp(file, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const { width, height } = colour.info;
    const gray = await sharp(file, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate().removeAlpha().toColourspace('b-w').png().toBuffer();
    const scan = await fullSamples(gray);
    if (scan.channels !== 1 || scan.width !== width || scan.height !== height) throw new Error(`${file}: the gray scan is not one channel at the photo's size`);
    const scanL = lightnessOfGray(scan.data, width * height);
    const polygon = blob(width, height, 17_000 + index);
    const inside = new Uint8Array(width * height);
    fillPolygon(polygon, width, height, (x, y) => (inside[y * width + x] = 1));
    const dist = new Float32Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) dist[y * width + x] = outlineDistance(polygon, x + 0.5, y + 0.5);
    // A few true-colour points well outside the region, as an archivist's other hints would be.
    const random = seededRandom(91_000 + index);
    const hints: Hint[] = [];
    while (hints.length < 5) {
      const x = Math.floor(random() * width);
      const y = Math.floor(random() * height);
      const i = y * width + x;
      if (inside[i] || dist[i] < 3 * MARGIN) continue;
      const [, a, b] = rgbToLab(colour.data[3 * i] / 255, colour.data[3 * i + 1] / 255, colour.data[3 * i + 2] / 255);
      hints.push({ id: `h${hints.length}`, x: x + 0.5, y: y + 0.5, radius: 2, a, b });
    }
    const hex = CONTAINMENT_COLORS[index % CONTAINMENT_COLORS.length];
    const [, ra, rb] = rgbToLab(...(hexToRgb(hex) as [number, number, number]));
    const region: Region = { id: 'r', polygon, a: ra, b: rb, keep: false, ...(snap ? { snap } : {}) };
    const base: Guidance = { hints, strokes: [], regions: [] };
    const image = { width, height };
    const work = workingSize(image);
    const render = async (g: Guidance) => {
      const t = performance.now();
      const px = await renderGuidance(model, gray, image, work, g, Jobs.detached());
      return { px, ms: performance.now() - t };
    };
    const without = await render(base);
    const withRegion = await render({ ...base, regions: [region] });
    const fitted = regionColorTable(ra, rb);
    const outside: number[] = [];
    const insideDe: number[] = [];
    let shown = 0;
    for (let i = 0; i < width * height; i++) {
      if (dist[i] <= MARGIN) continue;
      if (inside[i]) {
        const de = deltaE2000(labOf16(withRegion.px.rgb, i), [scanL[i], ra, rb]);
        insideDe.push(de);
        if (de <= 10) inGood++;
        const t = 2 * tenths(scanL[i]);
        if (deltaE2000(labOf16(withRegion.px.rgb, i), [scanL[i], fitted[t], fitted[t + 1]]) <= 10) shown++;
        inAll++;
      } else {
        const de = deltaE2000(labOf16(withRegion.px.rgb, i), labOf16(without.px.rgb, i));
        outside.push(de);
        outsideAll.push(de);
      }
    }
    cases.push({
      file,
      color: hex,
      outsideP99: quantile(outside, 0.99),
      outsideMax: outside.reduce((m, v) => Math.max(m, v), 0),
      insideShare: insideDe.filter((d) => d <= 10).length / Math.max(1, insideDe.length),
      insideMedian: quantile(insideDe, 0.5),
      insideShareShown: shown / Math.max(1, insideDe.length),
      millis: { without: without.ms, with: withRegion.ms },
    });
    inShown += shown;
    o.onImage?.(index);
  }
  return {
    cases,
    snap,
    outsideP99: quantile(outsideAll, 0.99),
    outsideWorstImageP99: cases.reduce((m, c) => Math.max(m, c.outsideP99), 0),
    insideShare: inGood / Math.max(1, inAll),
    insideWorstImage: cases.reduce((m, c) => Math.min(m, c.insideShare), 1),
    insideShareShown: inShown / Math.max(1, inAll),
    renderMedianMs: { without: quantile(cases.map((c) => c.millis.without), 0.5), with: quantile(cases.map((c) => c.millis.with), 0.5) },
  };
}
