// Opening a project: import a scan (or pick one from the library), fetch its display copy, ready the
// network's view of it (with a contract-2 model, its per-image prior: the phase shown as "Analysing
// the scan"), build the compositor, and hand the project's saved state to the history. Opening a large
// scan takes seconds; Cancel abandons it at once (a stored original is harmless: content-addressed,
// never altered; a prior under way is kept for the next open).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressEvent, TintypeApi } from '../../../shared/ipc/contract';
import type { AppError } from '../../../shared/ipc/errors';
import type { ProjectState } from '../../../shared/model/project';
import type { ImageInfo } from '../../../shared/ipc/contract';
import { Compositor } from '../preview/compositor';

export interface OpenImage {
  info: ImageInfo;
  projectId: string;
  compositor: Compositor;
  displayScale: number;
}

function loadImage(png: Uint8Array): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the display image could not be shown'));
    img.src = url;
  }).finally(() => URL.revokeObjectURL(url)) as Promise<HTMLImageElement>;
}

export function useImageSession(api: TintypeApi, onProject: (state: ProjectState) => void) {
  const [image, setImage] = useState<OpenImage | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  /** The open's current phase, from the services' progress events. */
  const [phase, setPhase] = useState<ProgressEvent | null>(null);

  /** Each open gets a number; a cancelled or superseded open sees it change and stops quietly. */
  const generation = useRef(0);
  const job = useRef<string | null>(null);

  useEffect(() => api.onProgress((e) => (e.jobId === job.current ? setPhase(e) : undefined)), [api]);

  /** Let go of the project on screen: its compositor here, its history and caches in the services. */
  const release = useCallback(
    (previous: OpenImage | null, next: string | null) => {
      previous?.compositor.dispose();
      if (previous && previous.projectId !== next) void api.closeProject({ projectId: previous.projectId });
    },
    [api],
  );

  const show = useCallback(
    async (state: ProjectState, current: () => boolean) => {
      const info = state.image;
      const jobId = `open-${generation.current}-${Math.random().toString(36).slice(2, 8)}`;
      job.current = jobId;
      // The prior runs while the display copy loads; its failure (a missing model, say) is the
      // preview's to report, so the scan still opens.
      const prepared = api.prepareImage({ imageId: info.id, guidance: state.guidance, jobId });
      const display = await api.getDisplayImage({ imageId: info.id });
      if (!display.ok) throw display.error;
      await prepared;
      if (job.current === jobId) job.current = null;
      const picture = await loadImage(display.value.png);
      if (!current()) return;
      const compositor = new Compositor(picture);
      onProject(state);
      setImage((previous) => {
        release(previous, state.project.id);
        return { info, projectId: state.project.id, compositor, displayScale: display.value.width / info.width };
      });
    },
    [api, onProject, release],
  );

  const run = useCallback(async (label: string, work: (current: () => boolean) => Promise<void>) => {
    const mine = ++generation.current;
    const current = (): boolean => generation.current === mine;
    setLoading(label);
    setPhase(null);
    setError(null);
    try {
      await work(current);
    } catch (e) {
      if (current()) setError(isAppError(e) ? e : { code: 'internal', message: (e as Error).message });
    } finally {
      if (current()) {
        setLoading(null);
        setPhase(null);
      }
    }
  }, []);

  const cancelOpen = useCallback(() => {
    generation.current++;
    if (job.current) void api.cancelJob({ jobId: job.current });
    job.current = null;
    setLoading(null);
    setPhase(null);
  }, [api]);

  const openFile = useCallback(
    (file: File) =>
      run(`Opening ${file.name}…`, async (current) => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (!current()) return;
        const imported = await api.importImage({ name: file.name, bytes });
        if (!imported.ok) throw imported.error;
        if (!current()) return;
        const project = await api.openImageProject({ imageId: imported.value.id });
        if (!project.ok) throw project.error;
        if (current()) await show(project.value, current);
      }),
    [api, run, show],
  );

  /** Reopen a project from the library, at the history position it was left in. */
  const openProject = useCallback(
    (projectId: string, title: string) =>
      run(`Opening ${title}…`, async (current) => {
        const project = await api.openProject({ projectId });
        if (!project.ok) throw project.error;
        if (current()) await show(project.value, current);
      }),
    [api, run, show],
  );

  /** A sidecar recipe replayed on the open original, as a new project. */
  const openRecipe = useCallback(
    (file: File, imageId: string) =>
      run(`Applying ${file.name}…`, async (current) => {
        const r = await api.importRecipe({ imageId, recipe: await file.text() });
        if (!r.ok) throw r.error;
        if (!current()) return;
        await show(r.value.state, current);
        if (r.value.warnings.length && current()) setError({ code: 'recipe-mismatch', message: r.value.warnings.join(' ') });
      }),
    [api, run, show],
  );

  /** Back to the library view. */
  const close = useCallback(() => {
    setImage((previous) => {
      release(previous, null);
      return null;
    });
  }, [release]);

  return { image, loading, phase, error, setError, openFile, openProject, openRecipe, cancelOpen, close };
}

function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}
