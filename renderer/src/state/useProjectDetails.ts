// The open project's catalog record and provenance notes.
import { useCallback, useRef, useState } from 'react';
import type { TintypeApi } from '../../../shared/ipc/contract';
import type { AppError } from '../../../shared/ipc/errors';
import type { CatalogMeta, Note, NoteTarget, ProjectState, ProjectSummary } from '../../../shared/model/project';

export function useProjectDetails(api: TintypeApi, onError: (e: AppError) => void) {
  const [project, setProject] = useState<ProjectSummary | null>(null);
  const [notes, setNotes] = useState<Note[]>([]);
  const id = useRef<string | null>(null);

  const load = useCallback((state: ProjectState) => {
    id.current = state.project.id;
    setProject(state.project);
    setNotes(state.notes);
  }, []);

  const saveMeta = useCallback(async (meta: CatalogMeta) => {
    if (!id.current) return;
    const r = await api.updateProject({ projectId: id.current, meta });
    if (r.ok) setProject(r.value);
    else onError(r.error);
  }, [api, onError]);

  const addNote = useCallback(async (target: NoteTarget, text: string, author: string, source: string) => {
    if (!id.current) return;
    const r = await api.addNote({ projectId: id.current, target, text, author, source });
    if (r.ok) setNotes(r.value.notes);
    else onError(r.error);
  }, [api, onError]);

  return { project, notes, load, saveMeta, addNote };
}
