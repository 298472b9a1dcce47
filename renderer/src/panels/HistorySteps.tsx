// The steps inside one segment of the history tree (the edits that led to a version, or a branch's
// unnamed work), each restorable, with a thumbnail of the state after it on hover. Thumbnails are
// rendered by the library from the step's stored state at a small size, once per step (a step's state
// never changes), and only after the pointer rests on it.
import { useEffect, useRef, useState } from 'react';
import type { TintypeApi } from '../../../shared/ipc/contract';
import type { HistoryStep } from '../../../shared/model/project';
import { PngImage } from './PngImage';

const THUMB_LONG_SIDE = 160;
const HOVER_DELAY_MS = 200;

/** Thumbnails by project and step, kept for the session. */
export type StepThumbnails = Map<string, Promise<Uint8Array | null>>;

interface Props {
  api: TintypeApi;
  projectId: string;
  steps: HistoryStep[];
  edits: number;
  head: number | null;
  /** What the segment is, for the summary line ("before this version", "on this branch"). */
  where: string;
  thumbnails: StepThumbnails;
  onRestore: (opId: number) => void;
}

const time = (iso: string): string => new Date(iso).toLocaleTimeString();

export function HistorySteps({ api, projectId, steps, edits, head, where, thumbnails, onRestore }: Props) {
  const [hover, setHover] = useState<{ opId: number; left: number; top: number } | null>(null);
  const [png, setPng] = useState<Uint8Array | null>(null);
  const timer = useRef<number | null>(null);

  useEffect(() => {
    setPng(null);
    if (!hover) return;
    let live = true;
    const key = `${projectId}:${hover.opId}`;
    let thumb = thumbnails.get(key);
    if (!thumb) {
      thumb = api.renderStep({ projectId, opId: hover.opId, longSide: THUMB_LONG_SIDE }).then((r) => (r.ok ? r.value.png : null));
      thumbnails.set(key, thumb);
    }
    void thumb.then((p) => live && setPng(p));
    return () => {
      live = false;
    };
  }, [api, projectId, hover, thumbnails]);

  const enter = (opId: number, el: HTMLElement): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    const r = el.getBoundingClientRect();
    timer.current = window.setTimeout(() => setHover({ opId, left: r.left, top: r.top }), HOVER_DELAY_MS);
  };
  const leave = (): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    setHover(null);
  };
  useEffect(() => leave, []);

  return (
    <details className="steps" data-testid="history-steps">
      <summary>
        {edits} step{edits === 1 ? '' : 's'} {where}
      </summary>
      <ol>
        {edits > steps.length && <li className="more">… {edits - steps.length} earlier</li>}
        {steps.map((s) => (
          <li key={s.opId}>
            <button
              type="button"
              className={head === s.opId ? 'current' : ''}
              data-testid="history-step"
              data-op={s.opId}
              title={`Restore the state after this step (${time(s.at)})`}
              onClick={() => onRestore(s.opId)}
              onMouseEnter={(e) => enter(s.opId, e.currentTarget)}
              onMouseLeave={leave}
              onFocus={(e) => enter(s.opId, e.currentTarget)}
              onBlur={leave}
            >
              {s.label}
            </button>
          </li>
        ))}
      </ol>
      {hover && (
        <div className="step-preview" data-testid="step-thumbnail" data-op={hover.opId} data-ready={png ? 'true' : 'false'} style={{ left: hover.left - 8, top: hover.top }}>
          <PngImage png={png} alt="The state after this step" />
        </div>
      )}
    </details>
  );
}
