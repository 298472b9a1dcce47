// Edits as data: every change to a project is one operation, replayed in order from an empty state.
// Operations carry a params version so a project written today replays in later releases.
import type { z } from 'zod';
import { EMPTY_GUIDANCE, type Guidance, type PaletteColor } from './guidance';
import type { HintPatchSchema, OperationSchema } from './operation-schema';
import type { Hint } from './hints';

/** Version of the operation parameters below; bump it and add an upgrade when their shape changes. */
export const OPERATION_VERSION = 1;

/** One edit, as shared/model/operation-schema.ts defines it. */
export type Operation = z.infer<typeof OperationSchema>;
export type HintPatch = z.infer<typeof HintPatchSchema>;

export type OperationKind = Operation['kind'];

/** The fields of the state each kind of operation may change; every other field it leaves as it is. */
export const OPERATION_FIELDS: Record<OperationKind, readonly (keyof EditState)[]> = {
  'hint.add': ['hints'],
  'hint.remove': ['hints'],
  'hint.move': ['hints'],
  'hint.recolor': ['hints'],
  'hint.resize': ['hints'],
  'hint.note': ['hints'],
  'hint.update': ['hints'],
  'hints.set': ['hints'],
  'hints.add': ['hints'],
  'stroke.add': ['strokes'],
  'stroke.remove': ['strokes'],
  'stroke.update': ['strokes'],
  'region.add': ['regions'],
  'region.remove': ['regions'],
  'region.update': ['regions'],
  'guidance.set': ['hints', 'strokes', 'regions', 'color', 'palette', 'tone', 'reach', 'vividness', 'references'],
  'color.set': ['color'],
  'tone.set': ['tone'],
  'reach.set': ['reach'],
  'vividness.set': ['vividness'],
  'palette.add': ['palette'],
  'palette.remove': ['palette'],
  'palette.update': ['palette'],
  'palette.import': ['palette'],
  'reference.add': ['references'],
  'reference.remove': ['references'],
  'reference.update': ['references'],
};

/** The project state an operation log produces. */
export type EditState = Guidance;

export const EMPTY_STATE: EditState = EMPTY_GUIDANCE;

export class OperationConflict extends Error {}

interface Keyed {
  id: string;
}

function requireItem<T extends Keyed>(items: readonly T[], id: string, what: string): void {
  if (!items.some((x) => x.id === id)) throw new OperationConflict(`no ${what} ${id}`);
}

function added<T extends Keyed>(items: readonly T[], item: T, what: string): T[] {
  if (items.some((x) => x.id === item.id)) throw new OperationConflict(`${what} ${item.id} already exists`);
  return [...items, item];
}

function removed<T extends Keyed>(items: readonly T[], id: string, what: string): T[] {
  requireItem(items, id, what);
  return items.filter((x) => x.id !== id);
}

function patched<T extends Keyed>(items: readonly T[], id: string, to: Partial<Omit<T, 'id'>>, what: string): T[] {
  requireItem(items, id, what);
  return items.map((x) => (x.id === id ? { ...x, ...to } : x));
}

/** A hint with a patch laid over it; a `null` field is taken away. */
function patchHint(h: Hint, to: HintPatch): Hint {
  const out = { ...h, ...to } as Record<string, unknown>;
  for (const k of Object.keys(to)) if (out[k] === null) delete out[k];
  return out as Hint;
}

export function applyOperation(s: EditState, op: Operation): EditState {
  switch (op.kind) {
    case 'hint.add':
      return { ...s, hints: added(s.hints, op.hint, 'hint') };
    case 'hint.remove':
      return { ...s, hints: removed(s.hints, op.id, 'hint') };
    case 'hints.set':
      return { ...s, hints: op.hints };
    case 'hints.add':
      return { ...s, hints: op.hints.reduce<EditState['hints']>((all, h) => added(all, h, 'hint'), s.hints) };
    case 'stroke.add':
      return { ...s, strokes: added(s.strokes, op.stroke, 'stroke') };
    case 'stroke.remove':
      return { ...s, strokes: removed(s.strokes, op.id, 'stroke') };
    case 'stroke.update':
      return { ...s, strokes: patched(s.strokes, op.id, op.to, 'stroke') };
    case 'region.add':
      return { ...s, regions: added(s.regions, op.region, 'region') };
    case 'region.remove':
      return { ...s, regions: removed(s.regions, op.id, 'region') };
    case 'region.update':
      return { ...s, regions: patched(s.regions, op.id, op.to, 'region') };
    case 'guidance.set':
      return op.guidance;
    case 'color.set':
      return { ...s, color: op.color };
    case 'tone.set':
      return { ...s, tone: op.tone };
    case 'reach.set':
      return { ...s, reach: op.reach };
    case 'vividness.set':
      return { ...s, vividness: op.vividness };
    case 'palette.add':
      return { ...s, palette: added(s.palette ?? [], op.color, 'palette colour') };
    case 'palette.remove':
      return { ...s, palette: removed(s.palette ?? [], op.id, 'palette colour') };
    case 'palette.update':
      return { ...s, palette: patched(s.palette ?? [], op.id, op.to, 'palette colour') };
    case 'palette.import':
      return { ...s, palette: op.colors.reduce<PaletteColor[]>((all, c) => added(all, c, 'palette colour'), s.palette ?? []) };
    case 'reference.add':
      return { ...s, references: added(s.references ?? [], op.reference, 'reference') };
    case 'reference.remove':
      return { ...s, references: removed(s.references ?? [], op.id, 'reference') };
    case 'reference.update':
      return { ...s, references: patched(s.references ?? [], op.id, op.to, 'reference') };
    default:
      requireItem(s.hints, op.id, 'hint');
      return { ...s, hints: s.hints.map((h) => (h.id === op.id ? patchHint(h, op.to) : h)) };
  }
}

const same = (p: unknown, q: unknown): boolean => JSON.stringify(p ?? null) === JSON.stringify(q ?? null);

/** Whether `op` would change `s` at all (an edit that changes nothing is not worth a history step).
 * Assumes `op` applies (see applyOperation). */
export function changesState(s: EditState, op: Operation): boolean {
  switch (op.kind) {
    case 'hint.add':
    case 'hint.remove':
    case 'stroke.add':
    case 'stroke.remove':
    case 'region.add':
    case 'region.remove':
    case 'palette.add':
    case 'palette.remove':
    case 'palette.import':
    case 'hints.add':
    case 'reference.add':
    case 'reference.remove':
      return true;
    case 'stroke.update':
    case 'region.update':
    case 'palette.update':
    case 'reference.update': {
      const items: readonly Keyed[] = op.kind === 'stroke.update' ? s.strokes : op.kind === 'region.update' ? s.regions : op.kind === 'palette.update' ? (s.palette ?? []) : (s.references ?? []);
      const item = items.find((x) => x.id === op.id) as Record<string, unknown> | undefined;
      return !item || Object.entries(op.to).some(([k, v]) => !same(item[k], v));
    }
    case 'hints.set':
      return !same(s.hints, op.hints);
    case 'guidance.set':
      return !same(s, op.guidance);
    case 'color.set':
      return !same(s.color, op.color);
    case 'tone.set':
      return !same(s.tone, op.tone);
    case 'reach.set':
      return s.reach !== op.reach;
    case 'vividness.set':
      return s.vividness !== op.vividness;
    default: {
      const item = s.hints.find((h) => h.id === op.id) as Record<string, unknown> | undefined;
      return !item || Object.entries(op.to).some(([k, v]) => !same(item[k], v));
    }
  }
}

/** Every operation in order. Hint edits, by far the most common, work on one mutable copy, so a
 * 10,000-step project opens in milliseconds. */
export function replay(ops: Iterable<Operation>, from: EditState = EMPTY_STATE): EditState {
  let rest: EditState = { ...from, hints: [] };
  let hints = [...from.hints];
  let index = new Map(hints.map((h, i) => [h.id, i]));
  const at = (id: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new OperationConflict(`no hint ${id}`);
    return i;
  };
  const reindex = (): void => void (index = new Map(hints.map((h, i) => [h.id, i])));
  for (const op of ops) {
    if (op.kind === 'hint.add') {
      if (index.has(op.hint.id)) throw new OperationConflict(`hint ${op.hint.id} already exists`);
      index.set(op.hint.id, hints.push(op.hint) - 1);
    } else if (op.kind === 'hint.remove') {
      at(op.id);
      hints = hints.filter((h) => h.id !== op.id);
      reindex();
    } else if (op.kind === 'hints.add') {
      for (const h of op.hints) {
        if (index.has(h.id)) throw new OperationConflict(`hint ${h.id} already exists`);
        index.set(h.id, hints.push(h) - 1);
      }
    } else if (op.kind === 'hints.set' || op.kind === 'guidance.set') {
      hints = [...(op.kind === 'hints.set' ? op.hints : op.guidance.hints)];
      if (op.kind === 'guidance.set') rest = { ...op.guidance, hints: [] };
      reindex();
    } else if (op.kind.startsWith('hint.')) {
      const i = at((op as { id: string }).id);
      hints[i] = patchHint(hints[i], (op as { to: HintPatch }).to);
    } else {
      rest = applyOperation(rest, op);
    }
  }
  return { ...rest, hints };
}

const HINT_KINDS: [keyof HintPatch, OperationKind][] = [
  ['x', 'hint.move'],
  ['y', 'hint.move'],
  ['a', 'hint.recolor'],
  ['b', 'hint.recolor'],
  ['radius', 'hint.resize'],
  ['note', 'hint.note'],
];

function patchOf<T extends Keyed>(before: T, after: T): Partial<T> {
  const to: Partial<T> = {};
  for (const key of Object.keys({ ...before, ...after }) as (keyof T)[]) {
    if (key !== 'id' && JSON.stringify(before[key]) !== JSON.stringify(after[key])) to[key] = after[key];
  }
  return to;
}

interface Change<T> {
  added: T[];
  removed: T[];
  changed: { item: T; to: Partial<T> }[];
}

function changes<T extends Keyed>(before: readonly T[], after: readonly T[]): Change<T> {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  const changed = after
    .filter((x) => old.has(x.id))
    .map((item) => ({ item, to: patchOf(old.get(item.id) as T, item) }))
    .filter((c) => Object.keys(c.to).length > 0);
  return { added: after.filter((x) => !old.has(x.id)), removed: before.filter((x) => !now.has(x.id)), changed };
}

const size = <T>(c: Change<T>): number => c.added.length + c.removed.length + c.changed.length;

function hintKind(to: HintPatch): OperationKind {
  const kinds = new Set(HINT_KINDS.filter(([key]) => key in to).map(([, kind]) => kind));
  return kinds.size === 1 ? [...kinds][0] : 'hint.update';
}

/** The one operation that turns `before` into `after`, or null when nothing changed. */
export function diffGuidance(before: EditState, after: EditState): Operation | null {
  const h = changes(before.hints, after.hints);
  const s = changes(before.strokes, after.strokes);
  const r = changes(before.regions, after.regions);
  const p = changes(before.palette ?? [], after.palette ?? []);
  const refs = changes(before.references ?? [], after.references ?? []);
  const colorChanged = JSON.stringify(before.color ?? null) !== JSON.stringify(after.color ?? null) ? 1 : 0;
  const toneChanged = JSON.stringify(before.tone ?? null) !== JSON.stringify(after.tone ?? null) ? 1 : 0;
  const reachChanged = (before.reach ?? null) !== (after.reach ?? null) ? 1 : 0;
  const vividChanged = (before.vividness ?? null) !== (after.vividness ?? null) ? 1 : 0;
  const total = size(h) + size(s) + size(r) + size(p) + size(refs) + colorChanged + toneChanged + reachChanged + vividChanged;
  if (total === 0) return null;
  if (total > 1) return size(h) === total ? { kind: 'hints.set', hints: [...after.hints] } : { kind: 'guidance.set', guidance: after };
  if (colorChanged && after.color) return { kind: 'color.set', color: after.color };
  if (colorChanged) return { kind: 'guidance.set', guidance: after };
  if (toneChanged && after.tone) return { kind: 'tone.set', tone: after.tone };
  if (toneChanged) return { kind: 'guidance.set', guidance: after };
  if (reachChanged && after.reach !== undefined) return { kind: 'reach.set', reach: after.reach };
  if (reachChanged) return { kind: 'guidance.set', guidance: after };
  if (vividChanged && after.vividness !== undefined) return { kind: 'vividness.set', vividness: after.vividness };
  if (vividChanged) return { kind: 'guidance.set', guidance: after };
  if (refs.added.length) return { kind: 'reference.add', reference: refs.added[0] };
  if (refs.removed.length) return { kind: 'reference.remove', id: refs.removed[0].id };
  if (refs.changed.length) return { kind: 'reference.update', id: refs.changed[0].item.id, to: refs.changed[0].to };
  if (p.added.length) return { kind: 'palette.add', color: p.added[0] };
  if (p.removed.length) return { kind: 'palette.remove', id: p.removed[0].id };
  if (p.changed.length) return { kind: 'palette.update', id: p.changed[0].item.id, to: p.changed[0].to };
  if (h.added.length) return { kind: 'hint.add', hint: h.added[0] };
  if (h.removed.length) return { kind: 'hint.remove', id: h.removed[0].id };
  if (h.changed.length) {
    const to: HintPatch = { ...h.changed[0].to };
    if ('source' in to && to.source === undefined) to.source = null; // a source taken away, as the log must say
    return { kind: hintKind(to), id: h.changed[0].item.id, to } as Operation;
  }
  if (s.added.length) return { kind: 'stroke.add', stroke: s.added[0] };
  if (s.removed.length) return { kind: 'stroke.remove', id: s.removed[0].id };
  if (s.changed.length) return { kind: 'stroke.update', id: s.changed[0].item.id, to: s.changed[0].to };
  if (r.added.length) return { kind: 'region.add', region: r.added[0] };
  if (r.removed.length) return { kind: 'region.remove', id: r.removed[0].id };
  return { kind: 'region.update', id: r.changed[0].item.id, to: r.changed[0].to };
}

const DESCRIPTIONS: Record<OperationKind, string> = {
  'hint.add': 'Added a hint',
  'hint.remove': 'Removed a hint',
  'hint.move': 'Moved a hint',
  'hint.recolor': 'Recolored a hint',
  'hint.resize': 'Resized a hint',
  'hint.note': 'Noted a hint',
  'hint.update': 'Changed a hint',
  'hints.set': 'Set the hints',
  'hints.add': 'Added hints',
  'stroke.add': 'Painted a stroke',
  'stroke.remove': 'Removed a stroke',
  'stroke.update': 'Changed a stroke',
  'region.add': 'Outlined a region',
  'region.remove': 'Removed a region',
  'region.update': 'Changed a region',
  'guidance.set': 'Set all guidance',
  'color.set': 'Adjusted saturation and warmth',
  'tone.set': 'Restored the tones (levels, gamma, contrast)',
  'reach.set': 'Changed how far hints reach',
  'vividness.set': 'Changed vividness (faithful to vivid)',
  'palette.add': 'Added a palette colour',
  'palette.remove': 'Removed a palette colour',
  'palette.update': 'Changed a palette colour',
  'palette.import': 'Imported palette colours',
  'reference.add': 'Attached a colour reference',
  'reference.remove': 'Removed a colour reference',
  'reference.update': 'Changed a colour reference',
};

/** A short human description for history lists and exported XMP events. */
export function describeOperation(op: Operation): string {
  if (op.kind === 'hints.set') return `Set ${op.hints.length} hints`;
  if (op.kind === 'region.add' && op.region.keep) return 'Marked a region to keep original';
  if (op.kind === 'palette.add') return `Added "${op.color.name}" to the palette`;
  if (op.kind === 'palette.import') return `Imported ${op.colors.length} palette colour${op.colors.length === 1 ? '' : 's'}`;
  if (op.kind === 'reference.add') return `Attached reference "${op.reference.title}" (sha256 ${op.reference.id.slice(0, 12)}…)`;
  if (op.kind === 'hints.add') {
    const refs = [...new Set(op.hints.flatMap((h) => (h.source ? [h.source.reference.slice(0, 12)] : [])))];
    return `Added ${op.hints.length} hint${op.hints.length === 1 ? '' : 's'}${refs.length ? ` from reference ${refs.map((r) => `sha256 ${r}…`).join(', ')}` : ''}`;
  }
  return DESCRIPTIONS[op.kind];
}
