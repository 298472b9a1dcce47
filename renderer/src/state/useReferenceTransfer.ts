// "Suggest hints from reference" as a job in the services (progress, cancel), and its proposals while
// the user reviews them on the stage. Nothing is applied here: an accepted proposal becomes an ordinary
// hint through the caller's edit (shared/model/edits.ts), a rejected one is only dropped from the review.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressEvent, TintypeApi } from '../../../shared/ipc/contract';
import type { AppError } from '../../../shared/ipc/errors';
import type { Guidance } from '../../../shared/model/guidance';
import type { Hint } from '../../../shared/model/hints';

export interface TransferReview {
  referenceId: string;
  proposals: Hint[];
  millis: number;
  features: 'prior' | 'classical';
}

export function useReferenceTransfer(api: TintypeApi, imageId: string | null, onError: (e: AppError) => void) {
  const [review, setReview] = useState<TransferReview | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const job = useRef<string | null>(null);

  useEffect(() => api.onProgress((e) => (e.jobId === job.current ? setProgress(e) : undefined)), [api]);
  // Another scan: its proposals are not this one's.
  useEffect(() => setReview(null), [imageId]);

  const suggest = useCallback(
    async (referenceId: string, guidance: Guidance) => {
      if (!imageId || job.current) return;
      const jobId = `transfer-${Date.now().toString(36)}`;
      job.current = jobId;
      setProgress({ jobId, value: 0, title: 'Starting' });
      const r = await api.suggestFromReference({ imageId, referenceId, guidance, jobId });
      job.current = null;
      setProgress(null);
      if (!r.ok) {
        if (r.error.code !== 'cancelled') onError(r.error);
        return;
      }
      setReview({ referenceId, ...r.value });
    },
    [api, imageId, onError],
  );

  const cancel = useCallback(() => {
    if (job.current) void api.cancelJob({ jobId: job.current });
  }, [api]);

  /** Take proposals out of the review (accepted or rejected); the review ends with the last. */
  const drop = useCallback((ids: readonly string[] | 'all') => {
    setReview((r) => {
      if (!r) return r;
      const left = ids === 'all' ? [] : r.proposals.filter((p) => !ids.includes(p.id));
      return left.length ? { ...r, proposals: left } : null;
    });
  }, []);

  return { review, progress, running: progress !== null, suggest, cancel, drop };
}
