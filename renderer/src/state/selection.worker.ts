// Commits the magic wand's selection off the UI thread: replays its clicks at the display copy's own
// resolution (shared/imaging/selection.ts, refineSelection) and traces the outline the region takes.
import type { Point } from '../../../shared/model/guidance';
import { lightnessPyramid, refineSelection, selectionPolygon, wandSelect, type Level, type Selection } from '../../../shared/imaging/selection';

export type SelectionRequest =
  | { kind: 'image'; width: number; height: number; l: Float32Array; scale: number }
  | { kind: 'commit'; id: number; steps: Selection['steps'] };

export interface SelectionResponse {
  id: number;
  polygon: Point[] | null;
}

let levels: Level[] | null = null;

self.onmessage = (e: MessageEvent<SelectionRequest>) => {
  const msg = e.data;
  if (msg.kind === 'image') {
    levels = lightnessPyramid(msg.l, { width: msg.width, height: msg.height }, msg.scale);
    return;
  }
  if (!levels || msg.steps.length === 0) return void self.postMessage({ id: msg.id, polygon: null } satisfies SelectionResponse);
  // The clicks again at the coarse level (cheap), then refined at the base.
  let sel: Selection | null = null;
  for (const s of msg.steps) sel = wandSelect(levels, sel, s.x, s.y, s.tolerance, s.mode);
  const polygon = sel ? selectionPolygon(refineSelection(levels, sel), levels[0]) : null;
  self.postMessage({ id: msg.id, polygon } satisfies SelectionResponse);
};
