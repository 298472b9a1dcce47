// Opening an image: import its bytes, fetch the display copy, build the compositor, restore its hints.
import { useCallback, useState } from 'react';
import type { ImageInfo, TintypeApi } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { Hint } from '../../../shared/hints';
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

export function useImageSession(api: TintypeApi, onHints: (hints: Hint[]) => void) {
  const [image, setImage] = useState<OpenImage | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const show = useCallback(
    async (info: ImageInfo) => {
      const display = await api.getDisplayImage({ imageId: info.id });
      if (!display.ok) throw display.error;
      const compositor = new Compositor(await loadImage(display.value.png));
      const saved = await api.loadHints({ imageId: info.id });
      onHints(saved.ok ? saved.value.hints : []);
      setImage((previous) => {
        previous?.compositor.dispose();
        return { info, compositor, displayScale: display.value.width / info.width };
      });
    },
    [api, onHints],
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
        await show(imported.value);
      }),
    [api, run, show],
  );

  /** Reopen a scan already in the library, with its saved hints. */
  const openStored = useCallback((info: ImageInfo) => run(`Opening ${info.name}…`, () => show(info)), [run, show]);

  return { image, loading, error, setError, openFile, openStored };
}

function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}
