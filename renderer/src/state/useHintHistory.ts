// Hint edits with undo/redo. A whole gesture (a drag, say) is committed once, at its end.
import { useCallback, useState } from 'react';
import type { Hint } from '../../../shared/hints';

interface History {
  past: Hint[][];
  present: Hint[];
  future: Hint[][];
}

const LIMIT = 500;

export function useHintHistory() {
  const [h, setH] = useState<History>({ past: [], present: [], future: [] });
  const commit = useCallback((next: Hint[]) => {
    setH((s) => ({ past: [...s.past, s.present].slice(-LIMIT), present: next, future: [] }));
  }, []);
  /** Replace without an undo step (loading an image's saved hints is not an edit). */
  const reset = useCallback((next: Hint[]) => setH({ past: [], present: next, future: [] }), []);
  const undo = useCallback(() => {
    setH((s) => (s.past.length ? { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present, ...s.future] } : s));
  }, []);
  const redo = useCallback(() => {
    setH((s) => (s.future.length ? { past: [...s.past, s.present], present: s.future[0], future: s.future.slice(1) } : s));
  }, []);
  return { hints: h.present, commit, reset, undo, redo, canUndo: h.past.length > 0, canRedo: h.future.length > 0 };
}
