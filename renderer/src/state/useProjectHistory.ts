// The open project's guidance (points, strokes, regions) and history. Edits show at once and are sent to the library in order, one
// operation each; undo, redo and restoring a version come back from the library, which owns the log.
// A gesture (a drag, a colour scrub) previews without recording and commits once at its end.
import { useCallback, useRef, useState } from 'react';
import type { HistoryMove, TintypeApi } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/errors';
import { EMPTY_GUIDANCE, type Guidance } from '../../../shared/guidance';
import { diffGuidance } from '../../../shared/history';
import type { HistoryView, ProjectState } from '../../../shared/project';

const EMPTY_VIEW: HistoryView = { head: null, canUndo: false, canRedo: false, versions: [], tips: [], currentVersionId: null };

export function useProjectHistory(api: TintypeApi, onError: (e: AppError) => void) {
  const [projectId, setProjectId] = useState<string | null>(null);
  const [guidance, setGuidance] = useState<Guidance>(EMPTY_GUIDANCE);
  const [view, setView] = useState<HistoryView>(EMPTY_VIEW);
  const committed = useRef<Guidance>(EMPTY_GUIDANCE);
  const head = useRef<number | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const project = useRef<string | null>(null);

  const load = useCallback((state: ProjectState) => {
    project.current = state.project.id;
    committed.current = state.guidance;
    head.current = state.history.head;
    setProjectId(state.project.id);
    setGuidance(state.guidance);
    setView(state.history);
  }, []);

  /** Close the project: later undo/redo presses have nothing to act on. */
  const unload = useCallback(() => {
    project.current = null;
    committed.current = EMPTY_GUIDANCE;
    head.current = null;
    setProjectId(null);
    setGuidance(EMPTY_GUIDANCE);
    setView(EMPTY_VIEW);
  }, []);

  /** Run library calls one after another, so each edit is based on the head the previous one made. */
  const enqueue = useCallback((work: (id: string) => Promise<void>) => {
    const id = project.current;
    if (!id) return;
    queue.current = queue.current.then(() => (project.current === id ? work(id) : undefined));
  }, []);

  const reload = useCallback(async (id: string) => {
    const r = await api.openProject({ projectId: id });
    if (r.ok && project.current === id) load(r.value);
  }, [api, load]);

  const failed = useCallback(async (id: string, error: AppError) => {
    onError(error);
    await reload(id);
  }, [onError, reload]);

  const preview = useCallback((next: Guidance) => setGuidance(next), []);

  const commit = useCallback((next: Guidance) => {
    const op = diffGuidance(committed.current, next);
    setGuidance(next);
    if (!op) return;
    committed.current = next;
    enqueue(async (id) => {
      const r = await api.applyEdit({ projectId: id, base: head.current, op });
      if (!r.ok) return failed(id, r.error);
      head.current = r.value.head;
      setView(r.value.history);
    });
  }, [api, enqueue, failed]);

  const move = useCallback((call: (id: string) => Promise<Result<HistoryMove>>) => {
    enqueue(async (id) => {
      const r = await call(id);
      if (!r.ok) return failed(id, r.error);
      committed.current = r.value.guidance;
      head.current = r.value.history.head;
      setGuidance(r.value.guidance);
      setView(r.value.history);
    });
  }, [enqueue, failed]);

  const undo = useCallback(() => move((projectId) => api.undo({ projectId })), [api, move]);
  const redo = useCallback(() => move((projectId) => api.redo({ projectId })), [api, move]);
  const checkout = useCallback((opId: number | null) => move((projectId) => api.checkout({ projectId, opId })), [api, move]);

  const createVersion = useCallback((name: string, thumbnail: Uint8Array<ArrayBuffer> | null) => {
    enqueue(async (projectId) => {
      const r = await api.createVersion({ projectId, name, thumbnail });
      if (!r.ok) return onError(r.error);
      setView(r.value.history);
    });
  }, [api, enqueue, onError]);

  /** Resolves once every edit sent so far is in the library. */
  const settled = useCallback(() => queue.current, []);

  return { projectId, guidance, view, load, unload, preview, commit, undo, redo, checkout, createVersion, settled };
}

export type ProjectHistoryApi = ReturnType<typeof useProjectHistory>;
