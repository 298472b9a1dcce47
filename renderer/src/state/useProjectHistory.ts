// The open project's guidance (points, strokes, regions) and history. Each edit is an operation
// (shared/model/edits.ts), applied here with the services' own applyOperation and sent to the library as it is,
// in order; undo, redo and restoring a version come back from the library, which owns the log.
// A gesture (a drag, a colour scrub, arrow keys on a slider) applies its operations live without
// recording them and becomes one step when it ends: only there is a diff taken, to coalesce it.
import { useCallback, useRef, useState } from 'react';
import type { HistoryMove, TintypeApi } from '../../../shared/ipc/contract';
import type { AppError, Result } from '../../../shared/ipc/errors';
import { EMPTY_GUIDANCE, type Guidance } from '../../../shared/model/guidance';
import { applyOperation, changesState, diffGuidance, OperationConflict, type Operation } from '../../../shared/model/history';
import type { HistoryView, ProjectState } from '../../../shared/model/project';

const EMPTY_VIEW: HistoryView = { head: null, canUndo: false, canRedo: false, versions: [], tips: [], currentVersionId: null };

export function useProjectHistory(api: TintypeApi, onError: (e: AppError) => void) {
  const [projectId, setProjectId] = useState<string | null>(null);
  const [guidance, setGuidance] = useState<Guidance>(EMPTY_GUIDANCE);
  const [view, setView] = useState<HistoryView>(EMPTY_VIEW);
  /** The state the library has (or will have, once the queue drains), and the state on screen; they
   * differ while a gesture is under way. */
  const committed = useRef<Guidance>(EMPTY_GUIDANCE);
  const shown = useRef<Guidance>(EMPTY_GUIDANCE);
  const pending = useRef(false);
  const head = useRef<number | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const project = useRef<string | null>(null);

  const load = useCallback((state: ProjectState) => {
    project.current = state.project.id;
    committed.current = state.guidance;
    shown.current = state.guidance;
    pending.current = false;
    head.current = state.history.head;
    setProjectId(state.project.id);
    setGuidance(state.guidance);
    setView(state.history);
  }, []);

  /** Close the project: later undo/redo presses have nothing to act on. */
  const unload = useCallback(() => {
    project.current = null;
    committed.current = EMPTY_GUIDANCE;
    shown.current = EMPTY_GUIDANCE;
    pending.current = false;
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

  const send = useCallback((op: Operation) => {
    enqueue(async (id) => {
      const r = await api.applyEdit({ projectId: id, base: head.current, op });
      if (!r.ok) return failed(id, r.error);
      head.current = r.value.head;
      setView(r.value.history);
    });
  }, [api, enqueue, failed]);

  /** Record a gesture's live changes as one step (a diff of before and after the gesture). */
  const flush = useCallback(() => {
    if (!pending.current) return;
    pending.current = false;
    const op = diffGuidance(committed.current, shown.current);
    if (op) send(op);
    committed.current = shown.current;
  }, [send]);

  /** Apply one edit. `live`: part of a gesture, shown but recorded only when the gesture ends, which is
   * the next edit that is not live: if it continues the gesture (the same one thing changed), the whole
   * gesture is one step; otherwise the gesture is one step and this edit another. */
  const apply = useCallback((op: Operation | null, live = false) => {
    if (!op) return;
    let next: Guidance;
    try {
      next = applyOperation(shown.current, op);
    } catch (e) {
      if (e instanceof OperationConflict) return; // an edit of something already gone: nothing to do
      throw e;
    }
    const before = shown.current;
    shown.current = next;
    setGuidance(next);
    if (live) {
      pending.current = true;
      return;
    }
    if (pending.current) {
      const whole = diffGuidance(committed.current, next);
      if (whole?.kind !== 'guidance.set' && whole?.kind !== 'hints.set') {
        pending.current = false;
        if (whole) send(whole);
        committed.current = next;
        return;
      }
      shown.current = before;
      flush();
      shown.current = next;
    }
    if (changesState(before, op)) send(op);
    committed.current = next;
  }, [flush, send]);

  const move = useCallback((call: (id: string) => Promise<Result<HistoryMove>>) => {
    flush();
    enqueue(async (id) => {
      const r = await call(id);
      if (!r.ok) return failed(id, r.error);
      committed.current = r.value.guidance;
      shown.current = r.value.guidance;
      head.current = r.value.history.head;
      setGuidance(r.value.guidance);
      setView(r.value.history);
    });
  }, [enqueue, failed, flush]);

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
  const settled = useCallback(() => (flush(), queue.current), [flush]);

  return { projectId, guidance, view, load, unload, apply, undo, redo, checkout, createVersion, settled };
}

export type ProjectHistoryApi = ReturnType<typeof useProjectHistory>;
