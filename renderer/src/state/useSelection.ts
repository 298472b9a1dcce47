// The magic wand's selection and the magnetic lasso (shared/imaging/selection.ts), on a pyramid of the display
// copy's L*: a click grows the selection at the coarse level (Shift adds, Alt takes out) here, well
// within a blink; committing refines it at the display copy's own resolution in a worker
// (selection.worker.ts) and hands its outline on as a region.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Point } from '../../../shared/model/guidance';
import { DEFAULT_TOLERANCE, gradientMagnitude, lightnessPyramid, selectionPolygon, snapOutline, wandSelect, type Level, type Selection, type SelectMode } from '../../../shared/imaging/selection';
import type { SelectionRequest, SelectionResponse } from './selection.worker';
import type { OpenImage } from './useImageSession';

export interface WandSelection {
  /** The selection's outline in original pixels (shown while it is pending). */
  outline: Point[] | null;
  /** Milliseconds the last update took. */
  millis: number | null;
  tolerance: number;
  setTolerance: (t: number) => void;
  /** A click of the wand at (x, y) original pixels. */
  click: (x: number, y: number, mode: SelectMode) => void;
  /** The refined outline in original pixels, clearing the selection; null when nothing is selected. */
  commit: () => Promise<Point[] | null>;
  clear: () => void;
  /** A lasso outline (original pixels) moved onto the scan's nearest strong edges. */
  snap: (points: Point[]) => Point[];
}

export function useSelection(image: OpenImage | null): WandSelection {
  const pyramid = useRef<{ image: OpenImage; levels: Level[]; gradient: Float32Array | null } | null>(null);
  const worker = useRef<{ image: OpenImage; worker: Worker; next: number; waiting: Map<number, (p: Point[] | null) => void> } | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [outline, setOutline] = useState<Point[] | null>(null);
  const [millis, setMillis] = useState<number | null>(null);
  const [tolerance, setTolerance] = useState(DEFAULT_TOLERANCE);

  useEffect(() => {
    setSelection(null);
    setOutline(null);
    return () => {
      worker.current?.worker.terminate();
      worker.current = null;
    };
  }, [image]);

  /** The commit worker of the open image, holding its own pyramid. */
  const committer = useCallback(() => {
    if (!image) return null;
    if (worker.current?.image !== image) {
      worker.current?.worker.terminate();
      const w = new Worker(new URL('./selection.worker.ts', import.meta.url), { type: 'module' });
      const entry = { image, worker: w, next: 1, waiting: new Map<number, (p: Point[] | null) => void>() };
      w.onmessage = (e: MessageEvent<SelectionResponse>) => {
        entry.waiting.get(e.data.id)?.(e.data.polygon);
        entry.waiting.delete(e.data.id);
      };
      const c = image.compositor;
      w.postMessage({ kind: 'image', width: c.width, height: c.height, l: c.scannedLightness.slice(), scale: 1 / image.displayScale } satisfies SelectionRequest);
      worker.current = entry;
    }
    return worker.current;
  }, [image]);

  /** The pyramid of the open image, built at the first use. */
  const levels = useCallback((): Level[] | null => {
    if (!image) return null;
    if (pyramid.current?.image !== image) {
      const c = image.compositor;
      pyramid.current = { image, levels: lightnessPyramid(c.scannedLightness, { width: c.width, height: c.height }, 1 / image.displayScale), gradient: null };
    }
    return pyramid.current.levels;
  }, [image]);

  const click = useCallback(
    (x: number, y: number, mode: SelectMode) => {
      const lv = levels();
      if (!lv) return;
      const t = performance.now();
      const next = wandSelect(lv, mode === 'new' ? null : selection, x, y, tolerance, mode);
      setSelection(next);
      setOutline(selectionPolygon(next.mask, next.level));
      setMillis(performance.now() - t);
    },
    [levels, selection, tolerance],
  );

  const clear = useCallback(() => {
    setSelection(null);
    setOutline(null);
  }, []);

  const commit = useCallback((): Promise<Point[] | null> => {
    const w = committer();
    if (!w || !selection) return Promise.resolve(null);
    const id = w.next++;
    const done = new Promise<Point[] | null>((resolve) => w.waiting.set(id, resolve));
    w.worker.postMessage({ kind: 'commit', id, steps: selection.steps } satisfies SelectionRequest);
    clear();
    return done;
  }, [committer, selection, clear]);

  const snap = useCallback(
    (points: Point[]): Point[] => {
      const lv = levels();
      const p = pyramid.current;
      if (!lv || !p) return points;
      p.gradient ??= gradientMagnitude(lv[0]);
      return snapOutline(points, lv[0], p.gradient);
    },
    [levels],
  );

  return { outline, millis, tolerance, setTolerance, click, commit, clear, snap };
}
