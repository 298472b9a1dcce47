// The history tree: named versions nested under the version they grew from, branch ends that hold
// unnamed work, and a field to name the current state. Each segment lists its steps (HistorySteps).
// Clicking any node or step restores it; nothing is lost.
import { useMemo, useState } from 'react';
import type { TintypeApi } from '../../../shared/ipc/contract';
import type { BranchTip, HistoryView, VersionNode } from '../../../shared/model/project';
import { HistorySteps, type StepThumbnails } from './HistorySteps';
import { PngImage } from './PngImage';

interface Props {
  api: TintypeApi;
  projectId: string;
  view: HistoryView;
  onRestore: (opId: number | null) => void;
  onName: (name: string) => void;
  onCompare: (a: VersionNode, b: VersionNode) => void;
}

const time = (iso: string): string => new Date(iso).toLocaleString();

export function HistoryPanel({ api, projectId, view, onRestore, onName, onCompare }: Props) {
  const [name, setName] = useState('');
  const thumbnails = useMemo<StepThumbnails>(() => new Map(), []);
  const [picked, setPicked] = useState<number[]>([]);
  const save = (): void => {
    if (!name.trim()) return;
    onName(name.trim());
    setName('');
  };
  const toggle = (id: number): void => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const versionsUnder = (parent: number | null): VersionNode[] => view.versions.filter((v) => v.parentVersionId === parent);
  const tipsUnder = (parent: number | null): BranchTip[] => view.tips.filter((t) => t.parentVersionId === parent);
  const byId = (id: number): VersionNode | undefined => view.versions.find((v) => v.id === id);

  const renderLevel = (parent: number | null) => (
    <ul className="tree">
      {versionsUnder(parent).map((v) => (
        <li key={`v${v.id}`}>
          <div className={`node version${view.currentVersionId === v.id ? ' current' : ''}`} data-testid="history-version">
            <input type="checkbox" checked={picked.includes(v.id)} onChange={() => toggle(v.id)} aria-label={`Pick ${v.name} to compare`} />
            <button type="button" onClick={() => onRestore(v.opId)} title={`Restore “${v.name}” (${time(v.createdAt)})`}>
              <PngImage png={v.thumbnail} alt="" className="mini" />
              <span>{v.name}</span>
            </button>
          </div>
          {v.edits > 0 && <HistorySteps api={api} projectId={projectId} steps={v.steps} edits={v.edits} head={view.head} where="to this version" thumbnails={thumbnails} onRestore={onRestore} />}
          {renderLevel(v.id)}
        </li>
      ))}
      {tipsUnder(parent).map((t) => (
        <li key={`t${t.opId}`}>
          <div className={`node tip${view.head === t.opId ? ' current' : ''}`} data-testid="history-tip">
            <button type="button" onClick={() => onRestore(t.opId)} title={`Restore this branch's latest state (${time(t.lastEdit)})`}>
              Unnamed: {t.steps.at(-1)?.label ?? 'edit'}, {time(t.lastEdit)}
            </button>
          </div>
          <HistorySteps api={api} projectId={projectId} steps={t.steps} edits={t.edits} head={view.head} where="on this branch" thumbnails={thumbnails} onRestore={onRestore} />
        </li>
      ))}
    </ul>
  );

  const pair = picked.map(byId).filter((v): v is VersionNode => Boolean(v));
  return (
    <section className="history-panel" data-testid="history-panel">
      <h3>History</h3>
      <div className="row">
        <input value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && save()} placeholder="Name this version…" data-testid="version-name" />
        <button type="button" onClick={save} disabled={!name.trim()} data-testid="version-save">Save version</button>
      </div>
      <div className={`node root${view.head === null ? ' current' : ''}`}>
        <button type="button" onClick={() => onRestore(null)}>Start (no hints)</button>
      </div>
      {renderLevel(null)}
      {pair.length === 2 && (
        <button type="button" onClick={() => onCompare(pair[0], pair[1])} data-testid="compare-versions">
          Compare “{pair[0].name}” and “{pair[1].name}”
        </button>
      )}
    </section>
  );
}
