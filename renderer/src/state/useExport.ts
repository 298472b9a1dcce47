// Export as a job: progress, cancel, then hand the file to the user as a download.
import { useCallback, useEffect, useState } from 'react';
import type { ProgressEvent, TintypeApi } from '../../../shared/ipc/contract';
import type { AppError } from '../../../shared/ipc/errors';
import type { ExportFormat } from '../../../shared/model/recipe';

export interface ExportChoice {
  format: ExportFormat;
  quality: number;
  badge: boolean;
  /** Also make the annotated proof sheet (PDF and PNG) from the same recipe. */
  proof: boolean;
  /** Sign with Content Credentials (C2PA); JPEG and PNG only. */
  c2pa: boolean;
}

/** The formats whose exports can carry Content Credentials. */

const MIME: Record<string, string> = { png: 'image/png', tif: 'image/tiff', jpg: 'image/jpeg', json: 'application/json', pdf: 'application/pdf' };

export interface ExportState {
  jobId: string | null;
  progress: ProgressEvent | null;
  done: string | null;
  /** Who signed the last export's Content Credentials, when it was signed. */
  signedBy: string | null;
  /** The project `done` was exported from: the status bar names the file only while that project is open. */
  doneFor: string | null;
  error: AppError | null;
}

/** Hand bytes to the user as a file download (the browser's or Electron's save path, never one we name). */
export function download(bytes: Uint8Array, name: string): void {
  const type = MIME[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useExport(api: TintypeApi) {
  const [state, setState] = useState<ExportState>({ jobId: null, progress: null, done: null, doneFor: null, signedBy: null, error: null });

  useEffect(
    () => api.onProgress((e) => setState((s) => (s.jobId === e.jobId ? { ...s, progress: e } : s))),
    [api],
  );

  const start = useCallback(
    async (projectId: string, choice: ExportChoice) => {
      const jobId = `export-${Date.now().toString(36)}`;
      setState({ jobId, progress: { jobId, value: 0, title: 'Starting' }, done: null, doneFor: null, signedBy: null, error: null });
      const quality = choice.format === 'jpeg' ? choice.quality : undefined;
      const r = await api.exportImage({ projectId, format: choice.format, quality, badge: choice.badge, proof: choice.proof, c2pa: choice.c2pa, jobId });
      if (!r.ok) {
        setState({ jobId: null, progress: null, done: null, doneFor: null, signedBy: null, error: r.error.code === 'cancelled' ? null : r.error });
        return;
      }
      const signer = r.value.c2pa?.signer;
      const signedBy = signer ? `${signer.subject.replace(/^CN=/, '').split(',')[0]}${signer.publiclyTrusted ? '' : ' (not publicly trusted)'}` : null;
      setState({ jobId: null, progress: null, done: r.value.fileName, doneFor: projectId, signedBy, error: null });
      const proof = r.value.proof ? [r.value.proof.pdfName, r.value.proof.pngName] : [];
      for (const name of [r.value.fileName, r.value.sidecarName, ...proof]) {
        const file = await api.readExport({ fileName: name });
        if (file.ok) download(file.value.bytes, name);
      }
    },
    [api],
  );

  const cancel = useCallback(() => {
    if (state.jobId) void api.cancelJob({ jobId: state.jobId });
  }, [api, state.jobId]);

  return { state, start, cancel };
}
