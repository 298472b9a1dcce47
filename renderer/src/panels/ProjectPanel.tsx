// Catalog metadata archivists record for a project, and its provenance notes (on the project, the
// version on screen, or the selected hint), each with author, time and source.
import { useEffect, useState } from 'react';
import type { CatalogMeta, Note, NoteTarget, ProjectSummary } from '../../../shared/model/project';

interface Props {
  project: ProjectSummary;
  notes: Note[];
  currentVersion: { id: number; name: string } | null;
  /** Every named version, so a note on one is labelled with its name. */
  versions: readonly { id: number; name: string }[];
  /** The provenance notes written on hints, strokes and regions themselves (Hints tab). */
  itemNotes: readonly { id: string; kind: 'hint' | 'stroke' | 'region'; note: string }[];
  selectedHint: string | null;
  onSave: (meta: CatalogMeta) => void;
  onNote: (target: NoteTarget, text: string, author: string, source: string) => void;
}

const FIELDS: [Exclude<keyof CatalogMeta, 'tags'>, string][] = [
  ['title', 'Title'],
  ['collection', 'Collection'],
  ['accession', 'Accession / identifier'],
  ['photographer', 'Photographer'],
  ['date', 'Date'],
  ['source', 'Source'],
  ['rights', 'Rights'],
];

export function ProjectPanel({ project, notes, currentVersion, versions, itemNotes, selectedHint, onSave, onNote }: Props) {
  const describe = (t: NoteTarget): string => {
    if (t.kind === 'project') return 'project';
    if (t.kind === 'hint') return `hint ${t.id}`;
    const name = versions.find((v) => v.id === t.id)?.name;
    return name ? `version “${name}”` : `version ${t.id}`;
  };
  const [meta, setMeta] = useState<CatalogMeta>(project.meta);
  const [tags, setTags] = useState(project.meta.tags.join(', '));
  const [text, setText] = useState('');
  const [author, setAuthor] = useState(() => localStorage.getItem('tintype.author') ?? '');
  const [source, setSource] = useState('');
  const [on, setOn] = useState<'project' | 'version' | 'hint'>('project');
  useEffect(() => {
    setMeta(project.meta);
    setTags(project.meta.tags.join(', '));
  }, [project]);

  const save = (): void => onSave({ ...meta, title: meta.title.trim() || project.meta.title, tags: tags.split(',').map((t) => t.trim()).filter(Boolean) });
  const target = (): NoteTarget | null =>
    on === 'project' ? { kind: 'project' } : on === 'version' ? (currentVersion ? { kind: 'version', id: currentVersion.id } : null) : selectedHint ? { kind: 'hint', id: selectedHint } : null;
  const addNote = (): void => {
    const t = target();
    if (!t || !text.trim()) return;
    localStorage.setItem('tintype.author', author);
    onNote(t, text.trim(), author.trim(), source.trim());
    setText('');
    setSource('');
  };

  return (
    <section className="project-panel" data-testid="project-panel">
      <h3>Catalog</h3>
      {FIELDS.map(([key, label]) => (
        <label key={key}>
          {label}
          <input value={meta[key]} onChange={(e) => setMeta({ ...meta, [key]: e.target.value })} data-testid={`meta-${key}`} />
        </label>
      ))}
      <label>
        Tags (comma separated)
        <input value={tags} onChange={(e) => setTags(e.target.value)} data-testid="meta-tags" />
      </label>
      <button type="button" onClick={save} data-testid="meta-save">Save catalog</button>
      <h3>Provenance notes</h3>
      <ul className="notes" data-testid="notes">
        {notes.map((n) => (
          <li key={n.id}>
            <p>{n.text}</p>
            <p className="dim">
              {describe(n.target)} · {n.author || 'anonymous'} · {new Date(n.createdAt).toLocaleString()}
              {n.source && <> · source: {n.source}</>}
            </p>
          </li>
        ))}
        {itemNotes.map((n) => (
          <li key={`${n.kind}-${n.id}`} data-testid="item-note">
            <p>{n.note}</p>
            <p className="dim">on the {n.kind} {n.id} (its note in the Hints tab)</p>
          </li>
        ))}
      </ul>
      <label>
        Note on
        <select value={on} onChange={(e) => setOn(e.target.value as typeof on)} data-testid="note-on">
          <option value="project">the project</option>
          <option value="version" disabled={!currentVersion}>{currentVersion ? `version “${currentVersion.name}”` : 'a version (restore one first)'}</option>
          <option value="hint" disabled={!selectedHint}>the selected hint</option>
        </select>
      </label>
      <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} placeholder="e.g. uniform colour from regimental records" data-testid="note-text" />
      <input value={source} onChange={(e) => setSource(e.target.value)} placeholder="Source citation or URL" data-testid="note-source" />
      <input value={author} onChange={(e) => setAuthor(e.target.value)} placeholder="Author" data-testid="note-author" />
      <button type="button" onClick={addNote} disabled={!text.trim() || !target()} data-testid="note-add">Add note</button>
    </section>
  );
}
