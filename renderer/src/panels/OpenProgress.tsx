// What an open is doing ("Opening scan.tif… · Analysing the scan"), how far it is, and Cancel.
import type { ProgressEvent } from '../../../shared/ipc/contract';

interface Props {
  label: string;
  phase: ProgressEvent | null;
  onCancel: () => void;
}

export function OpenProgress({ label, phase, onCancel }: Props) {
  return (
    <span className="progress" data-testid="open-progress" data-phase={phase?.title ?? ''}>
      {label}
      {phase && (
        <>
          {' · '}
          {phase.title} <progress value={phase.value} max={1} />
        </>
      )}{' '}
      <button type="button" onClick={onCancel} data-testid="cancel-open">
        Cancel
      </button>
    </span>
  );
}
