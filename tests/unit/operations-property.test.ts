// Property test of edits as operations: random sequences of the studio's edits (shared/model/edits.ts) through
// a real project history in a real library file; undoing all of them gives the empty state, redoing all
// gives the state again, every operation passes the contract's schema, and none changes a field of the
// state that its kind does not name (so removing a hint cannot reset the tone, the palette or the reach).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibraryDb } from '../../electron/services/library/library-db';
import { ProjectService } from '../../electron/services/project-service';
import * as edits from '../../shared/model/edits';
import type { Guidance, Point } from '../../shared/model/guidance';
import { applyOperation, changesState, diffGuidance, EMPTY_STATE, OPERATION_FIELDS, replay, type EditState, type Operation } from '../../shared/model/history';
import { OperationSchema } from '../../shared/model/operation-schema';
import { tempDir } from '../support/paths';

const IMAGE = { id: 'f'.repeat(64), name: 'property.tif', width: 1000, height: 800, format: 'tiff', bitDepth: 16, channels: 1, importedAt: '2026-11-22T00:00:00.000Z' };
const FIELDS: (keyof EditState)[] = ['hints', 'strokes', 'regions', 'color', 'palette', 'tone', 'reach', 'vividness'];

/** mulberry32: a small seeded generator, so a failing sequence can be replayed from its seed. */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed: number) {
  const r = rng(seed);
  let n = 0;
  const id = (prefix: string): string => `${prefix}${seed}-${n++}`;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const ab = (): number => int(-100, 100);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const point = (): Point => ({ x: int(0, 999), y: int(0, 799) });
  const points = (k: number): Point[] => Array.from({ length: k }, point);

  /** One edit a user could make in state `s`. */
  return (s: Guidance): Operation => {
    const items = [...s.hints, ...s.strokes, ...s.regions].map((x) => x.id);
    const choices: (() => Operation | null)[] = [
      () => edits.addHint({ id: id('h'), ...point(), radius: int(0, 20), a: ab(), b: ab() }),
      () => edits.addStroke({ id: id('s'), points: points(int(1, 6)), width: int(1, 40), a: ab(), b: ab(), ...(r() < 0.3 ? { purpose: pick(['dust', 'erase'] as const) } : {}) }),
      () => edits.addRegion({ id: id('r'), polygon: points(int(3, 7)), a: ab(), b: ab(), keep: r() < 0.3, ...(r() < 0.3 ? { feather: int(0, 16), snap: r() < 0.5 } : {}) }),
      () => edits.setColor({ saturation: int(0, 30) / 10, vibrance: int(-10, 10) / 10, warmth: int(-40, 40) }),
      () => edits.setTone({ black: int(0, 40), white: int(50, 100), gamma: int(3, 30) / 10, contrast: int(-10, 10) / 10, ...(r() < 0.5 ? { denoise: int(0, 10) / 10 } : {}) }),
      () => edits.setReach(pick([1, 0.5, 0.25, 0.1])),
      () => edits.setVividness(int(0, 20) / 20),
      () => edits.addPaletteColor({ id: id('c'), name: `colour ${n}`, a: ab(), b: ab(), ...(r() < 0.5 ? { note: 'ledger' } : {}) }),
    ];
    if (items.length > 0) {
      choices.push(
        () => edits.removeItem(s, pick(items)),
        () => edits.removeItem(s, pick(items)),
        () => edits.recolorItem(s, pick(items), ab(), ab()),
        () => edits.noteItem(s, pick(items), `note ${n++}`),
        () => edits.shiftItem(s, pick(items), int(-50, 50), int(-50, 50)),
      );
    }
    if (s.hints.length > 0) {
      const hint = () => pick(s.hints).id;
      choices.push(() => edits.moveHint(hint(), int(0, 999), int(0, 799)), () => edits.resizeHint(hint(), int(0, 30)));
    }
    if (s.regions.length > 0) {
      const region = () => pick(s.regions).id;
      // A region's soft edge (issue 17): its feather width and snap to the scan's edges.
      choices.push(() => edits.edgeRegion(region(), { feather: int(0, 32) / 2 }), () => edits.edgeRegion(region(), { snap: r() < 0.5 }));
    }
    if ((s.palette ?? []).length > 0) choices.push(() => edits.removePaletteColor(pick(s.palette ?? []).id));
    for (;;) {
      const op = pick(choices)();
      if (op && changesState(s, op)) return op;
    }
  };
}

function openService(file: string) {
  const lib = new LibraryDb(file);
  lib.addImage(IMAGE);
  return { lib, service: new ProjectService(lib.db, () => IMAGE) };
}

/** A random sequence of `length` edits from the empty state, with the state after each. */
function sequence(seed: number, length: number): { ops: Operation[]; states: EditState[] } {
  const next = generator(seed);
  const states: EditState[] = [EMPTY_STATE];
  const ops: Operation[] = [];
  for (let step = 0; step < length; step++) {
    const before = states.at(-1) as EditState;
    const op = next(before);
    ops.push(op);
    states.push(applyOperation(before, op));
  }
  return { ops, states };
}

const ALL_KINDS = ['hint.add', 'hint.remove', 'hint.move', 'hint.recolor', 'hint.resize', 'hint.note', 'stroke.add', 'stroke.remove', 'stroke.update', 'region.add', 'region.remove', 'region.update', 'color.set', 'tone.set', 'reach.set', 'vividness.set', 'palette.add', 'palette.remove'];

describe('edits as operations (property test)', () => {
  it('no operation changes a field it does not name; replaying every prefix gives each state (120 sequences of 50)', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 120; seed++) {
      const { ops, states } = sequence(seed, 50);
      ops.forEach((op, step) => {
        const [before, after] = [states[step], states[step + 1]];
        expect(OperationSchema.safeParse(op).success, JSON.stringify(op)).toBe(true);
        for (const field of FIELDS) {
          if (!OPERATION_FIELDS[op.kind].includes(field)) expect(after[field], `${op.kind} left ${field} alone (seed ${seed}, step ${step})`).toEqual(before[field]);
        }
        // A diff of one edit names that edit again: coalescing a gesture records what was done.
        expect(diffGuidance(before, after)?.kind.split('.')[0], `seed ${seed}, step ${step}`).toBe(op.kind.split('.')[0]);
        kinds.add(op.kind);
      });
      // The history's undo and redo are replays of a prefix of the log (ProjectHistory.stateAt).
      for (let i = 0; i <= ops.length; i++) expect(replay(ops.slice(0, i)), `prefix ${i}, seed ${seed}`).toEqual(states[i]);
    }
    for (const k of ALL_KINDS) expect(kinds, k).toContain(k);
  });

  it('undo all then redo all, through a real project history in a library file, gives every state back', () => {
    const { lib, service } = openService(path.join(tempDir('ops-property'), 'library.sqlite'));
    for (let seed = 1; seed <= 3; seed++) {
      const { ops, states } = sequence(1000 + seed, 40);
      const image = { ...IMAGE, id: seed.toString(16).padStart(64, '0') };
      lib.addImage(image);
      const project = service.forImage(image).project.id;
      let head: number | null = null;
      for (const op of ops) head = service.apply(project, head, op).head;
      expect(service.state(project).guidance).toEqual(states.at(-1));
      for (let i = states.length - 2; i >= 0; i--) expect(service.move(project, (h, at) => h.undo(at)).guidance, `undo to step ${i}, seed ${seed}`).toEqual(states[i]);
      expect(service.state(project).guidance).toEqual(EMPTY_STATE);
      for (let i = 1; i < states.length; i++) expect(service.move(project, (h, at) => h.redo(at)).guidance, `redo to step ${i}, seed ${seed}`).toEqual(states[i]);
      expect(service.state(project).guidance).toEqual(states.at(-1));
    }
    lib.close();
  }, 120_000);

  it('removing a hint, stroke or region keeps the tone, colour, palette, reach and vividness', () => {
    const s: Guidance = {
      hints: [{ id: 'h1', x: 1, y: 2, radius: 3, a: 10, b: 20 }],
      strokes: [{ id: 's1', points: [{ x: 1, y: 1 }], width: 4, a: 5, b: 5 }],
      regions: [{ id: 'r1', polygon: [{ x: 0, y: 0 }, { x: 9, y: 0 }, { x: 9, y: 9 }], a: 1, b: 1, keep: false }],
      color: { saturation: 1.4, vibrance: 0.2, warmth: 8 },
      tone: { black: 10, white: 90, gamma: 1.2, contrast: 0.3 },
      palette: [{ id: 'c1', name: 'Union blue', a: 5, b: -35 }],
      reach: 0.25,
      vividness: 0.8,
    };
    for (const id of ['h1', 's1', 'r1']) {
      const after = applyOperation(s, edits.removeItem(s, id) as Operation);
      expect({ ...after, hints: [], strokes: [], regions: [] }).toEqual({ ...s, hints: [], strokes: [], regions: [] });
      expect([...after.hints, ...after.strokes, ...after.regions].map((x) => x.id)).not.toContain(id);
    }
    expect(edits.removeItem(s, 'nothing')).toBeNull();
  });
});
