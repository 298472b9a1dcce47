// Colour references as provenance: the words every record (the studio, the XMP, the proof sheet) uses
// for a colour taken from one, and which references a project's colours actually use.
import type { ColorSource, Guidance, Reference } from './guidance';

/** "from reference <title>, (x, y)", with the transfer's confidence when it proposed the colour. */
export function describeSource(source: ColorSource, references: readonly Reference[]): string {
  const ref = references.find((r) => r.id === source.reference);
  const title = ref ? ref.title : `sha256 ${source.reference.slice(0, 12)}…`;
  const at = `(${Math.round(source.x)}, ${Math.round(source.y)})`;
  return `from reference ${title}, ${at}${source.confidence === undefined ? '' : `, confidence ${source.confidence.toFixed(2)}`}`;
}

/** The SHA-256s of the references that at least one hint or palette colour was taken from. */
export function referencesUsed(g: Pick<Guidance, 'hints' | 'palette'>): Set<string> {
  const used = new Set<string>();
  for (const item of [...g.hints, ...(g.palette ?? [])]) if (item.source) used.add(item.source.reference);
  return used;
}
