// Opening a project: import a scan (or pick one from the library), fetch its display copy, build the
// compositor, and hand the project's saved state to the history.
import { useCallback, useState } from 'react';
import type { TintypeApi } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { ProjectState } from '../../../shared/project';
import type { ImageInfo } from '../../../shared/contract';
import { Compositor } from '../preview/compositor';

export interface OpenImage {
  info: ImageInfo;
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

  const show = useCallback(
    async (state: ProjectState) => {
      const info = state.image;
      const display = await api.getDisplayImage({ imageId: info.id });
      if (!display.ok) throw display.error;
      const compositor = new Compositor(await loadImage(display.value.png));
      onProject(state);
      setImage((previous) => {
        previous?.compositor.dispose();
        return { info, compositor, displayScale: display.value.width / info.width };
      });
    },
    [api, onProject],
  );

  const run = useCallback(async (label: string, work: () => Promise<void>) => {
    setLoading(label);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(isAppError(e) ? e : { code: 'internal', message: (e as Error).message });
    } finally {
      setLoading(null);
    }
  }, []);

  const openFile = useCallback(
    (file: File) =>
      run(`Opening ${file.name}…`, async () => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const imported = await api.importImage({ name: file.name, bytes });
        if (!imported.ok) throw imported.error;
        const project = await api.openImageProject({ imageId: imported.value.id });
        if (!project.ok) throw project.error;
        await show(project.value);
      }),
    [api, run, show],
  );

  /** Reopen a project from the library, at the history position it was left in. */
  const openProject = useCallback(
    (projectId: string, title: string) =>
      run(`Opening ${title}…`, async () => {
        const project = await api.openProject({ projectId });
        if (!project.ok) throw project.error;
        await show(project.value);
      }),
    [api, run, show],
  );

  /** A sidecar recipe replayed on the open original, as a new project. */
  const openRecipe = useCallback(
    (file: File, imageId: string) =>
      run(`Applying ${file.name}…`, async () => {
        const r = await api.importRecipe({ imageId, recipe: await file.text() });
        if (!r.ok) throw r.error;
        await show(r.value.state);
        if (r.value.warnings.length) setError({ code: 'recipe-mismatch', message: r.value.warnings.join(' ') });
      }),
    [api, run, show],
  );

  /** Back to the library view. */
  const close = useCallback(() => {
    setImage((previous) => {
      previous?.compositor.dispose();
      return null;
    });
  }, []);

  return { image, loading, error, setError, openFile, openProject, openRecipe, close };
}

function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}
