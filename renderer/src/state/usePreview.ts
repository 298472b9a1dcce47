// Sends the newest hint state for colorization and paints only the newest answer; older answers and
// answers the host dropped as stale are ignored.
import { useEffect, useRef, useState } from 'react';
import type { TintypeApi } from '../../../shared/ipc/contract';
import type { AppError } from '../../../shared/ipc/errors';
import type { Guidance } from '../../../shared/model/guidance';
import type { Compositor } from '../preview/compositor';

export interface PreviewState {
  /** The revision last painted (0 before the first preview). */
  painted: number;
  busy: boolean;
  /** Edit -> result on the canvas, of the last painted revision. */
  millis: number | null;
  /** The composite's share of it (see Compositor.lastMillis). */
  compositeMillis: number | null;
  error: AppError | null;
}

export function usePreview(api: TintypeApi, imageId: string | null, compositor: Compositor | null, guidance: Guidance): PreviewState {
  const latest = useRef(0);
  const inFlight = useRef(0);
  const [state, setState] = useState<PreviewState>({ painted: 0, busy: false, millis: null, compositeMillis: null, error: null });

  useEffect(() => {
    if (!imageId || !compositor) return;
    const revision = ++latest.current;
    inFlight.current++;
    setState((s) => ({ ...s, busy: true }));
    const started = performance.now();
    void api.colorize({ imageId, revision, guidance }).then((r) => {
      inFlight.current--;
      const busy = inFlight.current > 0;
      if (!r.ok) return setState((s) => ({ ...s, busy, error: r.error }));
      if (r.value.stale || r.value.revision !== latest.current) return setState((s) => ({ ...s, busy }));
      // Stays busy until the result is on the canvas.
      inFlight.current++;
      void compositor.update({ gridWidth: r.value.width, gridHeight: r.value.height, ab: r.value.ab, l: r.value.l }).then(() => {
        inFlight.current--;
        if (revision !== latest.current) return;
        setState({ painted: revision, busy: inFlight.current > 0, millis: performance.now() - started, compositeMillis: compositor.lastMillis, error: null });
      });
    });
  }, [api, imageId, compositor, guidance]);

  return state;
}
