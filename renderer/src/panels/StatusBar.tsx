// The status bar: the open scan, the preview's state and time, the open's and the export's progress
// (with Cancel), the last export of this project, and the error to act on. Its data-* attributes are
// what the end-to-end tests and the bench read.
import type { Tool } from '../stage/StudioStage';
import type { AppError } from '../../../shared/ipc/errors';
import type { useExport } from '../state/useExport';
import type { useImageSession } from '../state/useImageSession';
import type { usePreview } from '../state/usePreview';
import { OpenProgress } from './OpenProgress';

export interface StatusBarProps {
  image: ReturnType<typeof useImageSession>['image'];
  preview: ReturnType<typeof usePreview>;
  session: ReturnType<typeof useImageSession>;
  exporter: ReturnType<typeof useExport>;
  projectId: string | null;
  error: AppError | null;
  onDismiss: () => void;
  counts: { hints: number; strokes: number; regions: number; selection: number };
  tool: Tool;
  head: number;
}

export function StatusBar({ image, preview, session, exporter, projectId, error, onDismiss, counts, tool, head }: StatusBarProps) {
  return (
    <footer className="status" data-testid="status" data-busy={preview.busy} data-painted={preview.painted} data-composite={image?.compositor.path} data-composite-ms={preview.compositeMillis?.toFixed(1)} data-preview-ms={preview.millis?.toFixed(1)} data-hints={counts.hints} data-strokes={counts.strokes} data-regions={counts.regions} data-tool={tool} data-selection={counts.selection} data-head={head}>
      {image && <span>{image.info.name} · {image.info.width}×{image.info.height} · {image.info.bitDepth}-bit</span>}
      <span>{!image ? '' : preview.busy ? 'Colorizing…' : preview.millis !== null ? `Preview ${preview.millis.toFixed(0)} ms` : ''}</span>
      {session.loading && image && <OpenProgress label={session.loading} phase={session.phase} onCancel={session.cancelOpen} />}
      {exporter.state.progress && (
        <span className="progress" data-testid="export-progress">
          {exporter.state.progress.title} <progress value={exporter.state.progress.value} max={1} />
          <button type="button" onClick={exporter.cancel}>Cancel</button>
        </span>
      )}
      {exporter.state.done && exporter.state.doneFor === projectId && <span data-testid="export-done">Exported {exporter.state.done}{exporter.state.signedBy && `, signed with Content Credentials by ${exporter.state.signedBy}`}</span>}
      {error && (
        <span className="error" role="alert" data-testid="error" data-code={error.code}>
          {error.message} <button type="button" onClick={onDismiss}>Dismiss</button>
        </span>
      )}
    </footer>
  );
}
