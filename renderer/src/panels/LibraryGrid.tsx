// The library: every project as a thumbnail card, searchable over titles, catalog fields and notes,
// sortable, and deletable to the trash with an undo.
import { useCallback, useEffect, useState } from 'react';
import type { TintypeApi } from '../../../shared/ipc/contract';
import type { ProjectSummary } from '../../../shared/model/project';
import { PngImage } from './PngImage';

type Sort = 'updated' | 'created' | 'title';

interface Props {
  api: TintypeApi;
  onOpen: (project: ProjectSummary) => void;
}

export function LibraryGrid({ api, onOpen }: Props) {
  const [projects, setProjects] = useState<ProjectSummary[]>([]);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('updated');
  const [trashed, setTrashed] = useState<ProjectSummary | null>(null);

  const refresh = useCallback(async () => {
    const r = await api.listProjects({ query, sort });
    if (r.ok) setProjects(r.value);
  }, [api, query, sort]);

  useEffect(() => {
    const t = setTimeout(() => void refresh(), 150);
    return () => clearTimeout(t);
  }, [refresh]);

  const trash = async (p: ProjectSummary): Promise<void> => {
    const r = await api.trashProject({ projectId: p.id });
    if (r.ok) setTrashed(p);
    await refresh();
  };
  const undoTrash = async (): Promise<void> => {
    if (!trashed) return;
    await api.restoreProject({ projectId: trashed.id });
    setTrashed(null);
    await refresh();
  };

  return (
    <section className="library" data-testid="library">
      <div className="library-bar">
        <input type="search" placeholder="Search titles, collections, notes…" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="library-search" />
        <select value={sort} onChange={(e) => setSort(e.target.value as Sort)} aria-label="Sort">
          <option value="updated">Recently edited</option>
          <option value="created">Recently imported</option>
          <option value="title">Title</option>
        </select>
      </div>
      {trashed && (
        <p className="toast" data-testid="trash-toast">
          Moved “{trashed.meta.title}” to the trash. <button type="button" onClick={() => void undoTrash()}>Undo</button>
        </p>
      )}
      <ul className="cards">
        {projects.map((p) => (
          <li key={p.id} className="card" data-testid="project-card">
            <button type="button" className="open" onClick={() => onOpen(p)} title={`Open ${p.meta.title}`}>
              <PngImage png={p.thumbnail} alt="" className="thumb" />
              <strong>{p.meta.title}</strong>
              <span className="dim">{[p.meta.collection, p.meta.accession].filter(Boolean).join(' · ') || `${p.edits} edits`}</span>
            </button>
            <button type="button" className="trash" onClick={() => void trash(p)} aria-label={`Move ${p.meta.title} to the trash`}>×</button>
          </li>
        ))}
      </ul>
      {projects.length === 0 && query && <p className="dim">Nothing matches “{query}”.</p>}
    </section>
  );
}
