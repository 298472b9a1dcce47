// Selection figures for `npm run bench` (issue 17): the magic wand on a synthetic 24 MP scan (6000 x
// 4000: discs and bars of several tones over a shaded ground, with grain), on its L* pyramid.
//   pyramid: built once per scan
//   update: one wand click (grow at the interactive level + the outline shown), median and p95 over
//     clicks that start, add to and take out of a selection; also at the display copy's size (2048 long)
//   commit: the refinement at the 24 MP base and its outline, then the export's own edge snapping of
//     the region made of it (shared/region-mask.ts, guided filter on full-resolution L*)
import { regionMasks } from '../../shared/imaging/region-mask';
import { seededRandom } from '../../shared/eval/eval-protocol';
import { lightnessPyramid, refineSelection, selectionPolygon, wandSelect, type Selection, type SelectMode } from '../../shared/imaging/selection';

export interface SelectionFigures {
  size: { width: number; height: number };
  level: { width: number; height: number };
  pyramidMs: number;
  update: { median: number; p95: number; n: number };
  displayUpdate: { median: number; p95: number; n: number };
  commitMs: number;
  /** The same commit from the display copy's pyramid, as the studio's worker does it. */
  displayCommitMs: number;
  outlinePoints: number;
  snapMs: number;
  /** The same in CPU time of this process. */
  cpu: { pyramidMs: number; update: { median: number; p95: number }; displayUpdate: { median: number; p95: number }; commitMs: number; snapMs: number };
}

/** CPU milliseconds of this process since `from` (the machine may be shared; wall time is reported beside it). */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

const stats = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))], n: s.length };
};

/** L* of the synthetic scan. */
function scan(w: number, h: number): Float32Array {
  const random = seededRandom(24);
  const discs = Array.from({ length: 12 }, (_, k) => ({ x: random() * w, y: random() * h, r: (0.05 + 0.1 * random()) * h, l: 20 + ((k * 37) % 60) }));
  const l = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = 40 + (20 * y) / h;
      for (const d of discs) if ((x - d.x) ** 2 + (y - d.y) ** 2 < d.r * d.r) v = d.l;
      if (x % 1500 < 120) v = 85; // bars
      l[y * w + x] = v + (random() - 0.5) * 6;
    }
  }
  return l;
}

function clicks(levels: ReturnType<typeof lightnessPyramid>, w: number, h: number, n: number): { wall: number[]; cpu: number[] } {
  const random = seededRandom(7);
  const wall: number[] = [];
  const cpu: number[] = [];
  let sel: Selection | null = null;
  for (let i = 0; i < n; i++) {
    const mode: SelectMode = i % 3 === 0 ? 'new' : i % 3 === 1 ? 'add' : 'subtract';
    const t = performance.now();
    const c = process.cpuUsage();
    sel = wandSelect(levels, sel, random() * w, random() * h, 12, mode);
    selectionPolygon(sel.mask, sel.level);
    cpu.push(cpuMs(c));
    wall.push(performance.now() - t);
  }
  return { wall, cpu };
}

export function selectionBench(): SelectionFigures {
  const width = 6000;
  const height = 4000;
  const l = scan(width, height);
  let t = performance.now();
  let c = process.cpuUsage();
  const levels = lightnessPyramid(l, { width, height });
  const pyramidMs = performance.now() - t;
  const pyramidCpu = cpuMs(c);
  clicks(levels, width, height, 3); // warm-up, and the levels' smoothed L*
  const up = clicks(levels, width, height, 30);
  const update = stats(up.wall);
  // The studio's pyramid: the display copy (here the 1500-long level; the app's is at most 2048 long), in original pixels.
  const dl = levels[1].width > 2048 ? levels[2] : levels[1];
  const shown = lightnessPyramid(dl.l, { width: dl.width, height: dl.height }, dl.scale);
  clicks(shown, width, height, 3);
  const down = clicks(shown, width, height, 30);
  const displayUpdate = stats(down.wall);

  // Commit: a selection of two clicks, refined at 24 MP.
  const a = wandSelect(levels, null, 750, 2000, 12, 'new'); // a bar
  const sel = wandSelect(levels, a, 3000, 2000, 12, 'add');
  t = performance.now();
  c = process.cpuUsage();
  const polygon = selectionPolygon(refineSelection(levels, sel), levels[0]);
  const commitMs = performance.now() - t;
  const commitCpu = cpuMs(c);
  t = performance.now();
  selectionPolygon(refineSelection(shown, wandSelect(shown, wandSelect(shown, null, 750, 2000, 12, 'new'), 3000, 2000, 12, 'add')), shown[0]);
  const displayCommitMs = performance.now() - t;
  if (!polygon) throw new Error('the bench selection is empty');
  t = performance.now();
  c = process.cpuUsage();
  const lightness = (y0: number, y1: number): Float32Array => l.subarray(y0 * width, y1 * width);
  regionMasks({ hints: [], strokes: [], regions: [{ id: 'r', polygon, a: 30, b: 20, keep: false, snap: true }] }, { width, height }, { width, height }, lightness);
  const snapMs = performance.now() - t;
  const snapCpu = cpuMs(c);
  const level = sel.level;
  const cs = (v: number[]) => ({ median: stats(v).median, p95: stats(v).p95 });
  return {
    size: { width, height },
    level: { width: level.width, height: level.height },
    pyramidMs,
    update,
    displayUpdate,
    commitMs,
    displayCommitMs,
    outlinePoints: polygon.length,
    snapMs,
    cpu: { pyramidMs: pyramidCpu, update: cs(up.cpu), displayUpdate: cs(down.cpu), commitMs: commitCpu, snapMs: snapCpu },
  };
}

export function formatSelection(s: SelectionFigures): string[] {
  const f = (v: number): string => v.toFixed(1);
  return [
    `magic wand on a ${s.size.width}x${s.size.height} (24 MP) scan, wall ms (CPU ms of this process): pyramid ${f(s.pyramidMs)} (${f(s.cpu.pyramidMs)}) once;`,
    `  update at ${s.level.width}x${s.level.height}: median ${f(s.update.median)} (${f(s.cpu.update.median)}), p95 ${f(s.update.p95)} (${f(s.cpu.update.p95)}) over ${s.update.n} clicks (target < 50 ms)`,
    `  from a display copy 1500 long (the studio's is at most 2048): median ${f(s.displayUpdate.median)} (${f(s.cpu.displayUpdate.median)}), p95 ${f(s.displayUpdate.p95)} (${f(s.cpu.displayUpdate.p95)}); its commit (the studio's, in a worker) ${f(s.displayCommitMs)} wall`,
    `  commit: refined at 24 MP + outline ${f(s.commitMs)} (${f(s.cpu.commitMs)}), ${s.outlinePoints} points; the region's edge snapping at 24 MP (export) ${f(s.snapMs)} (${f(s.cpu.snapMs)})`,
  ];
}
