import { describe, expect, it } from 'vitest';
import { EMPTY_GUIDANCE, type Guidance } from '../../shared/model/guidance';
import { applyOperation, diffGuidance, OperationConflict, replay, type Operation } from '../../shared/model/history';
import type { Hint } from '../../shared/model/hints';

/** Points-only states, as most edits are. */
const diffHints = (before: Hint[], after: Hint[]) => diffGuidance({ ...EMPTY_GUIDANCE, hints: before }, { ...EMPTY_GUIDANCE, hints: after });

const hint = (id: string, patch: Partial<Hint> = {}): Hint => ({ id, x: 10, y: 20, radius: 2, a: 5, b: -5, ...patch });

describe('edits as operations', () => {
  it('names each single change by what the user did', () => {
    const before = [hint('a'), hint('b')];
    expect(diffHints(before, [...before, hint('c')])).toEqual({ kind: 'hint.add', hint: hint('c') });
    expect(diffHints(before, [hint('a')])).toEqual({ kind: 'hint.remove', id: 'b' });
    expect(diffHints(before, [hint('a', { x: 50, y: 60 }), hint('b')])).toEqual({ kind: 'hint.move', id: 'a', to: { x: 50, y: 60 } });
    expect(diffHints(before, [hint('a'), hint('b', { a: 40 })])).toEqual({ kind: 'hint.recolor', id: 'b', to: { a: 40 } });
    expect(diffHints(before, [hint('a', { radius: 9 }), hint('b')])?.kind).toBe('hint.resize');
    expect(diffHints(before, [hint('a', { note: 'records' }), hint('b')])?.kind).toBe('hint.note');
    expect(diffHints(before, [hint('a', { radius: 9, a: 1 }), hint('b')])?.kind).toBe('hint.update');
    expect(diffHints(before, before)).toBeNull();
  });

  it('replays every diff back to the state it came from', () => {
    const states: Hint[][] = [[], [hint('a')], [hint('a'), hint('b')], [hint('a', { x: 3 }), hint('b')], [hint('b')], [hint('c'), hint('d')]];
    const ops = states.slice(1).map((s, i) => diffHints(states[i], s) as Operation);
    expect(ops.map((o) => o.kind)).toEqual(['hint.add', 'hint.add', 'hint.move', 'hint.remove', 'hints.set']);
    expect(replay(ops).hints).toEqual(states.at(-1));
  });

  it('records strokes and regions as their own operations, and replays mixed logs', () => {
    const stroke = { id: 's1', points: [{ x: 1, y: 2 }, { x: 30, y: 40 }], width: 6, a: 10, b: 20 };
    const region = { id: 'r1', polygon: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }], a: 0, b: 0, keep: true };
    const states: Guidance[] = [
      EMPTY_GUIDANCE,
      { ...EMPTY_GUIDANCE, strokes: [stroke] },
      { ...EMPTY_GUIDANCE, strokes: [{ ...stroke, a: -30 }] },
      { hints: [hint('a')], strokes: [{ ...stroke, a: -30 }], regions: [] },
      { hints: [hint('a')], strokes: [{ ...stroke, a: -30 }], regions: [region] },
      { hints: [hint('a', { x: 5 })], strokes: [], regions: [{ ...region, keep: false, a: 40 }] },
    ];
    const ops = states.slice(1).map((s, i) => diffGuidance(states[i], s) as Operation);
    expect(ops.map((o) => o.kind)).toEqual(['stroke.add', 'stroke.update', 'hint.add', 'region.add', 'guidance.set']);
    expect(ops[1]).toEqual({ kind: 'stroke.update', id: 's1', to: { a: -30 } });
    expect(replay(ops)).toEqual(states.at(-1));
  });

  it('records the hint reach as its own step and replays it', () => {
    const limited: Guidance = { ...EMPTY_GUIDANCE, reach: 0.25 };
    const op = diffGuidance(EMPTY_GUIDANCE, limited);
    expect(op).toEqual({ kind: 'reach.set', reach: 0.25 });
    expect(applyOperation(EMPTY_GUIDANCE, op as Operation)).toEqual(limited);
    expect(diffGuidance(limited, limited)).toBeNull();
  });

  it('records vividness as its own step and replays it', () => {
    const vivid: Guidance = { ...EMPTY_GUIDANCE, vividness: 0.8 };
    const op = diffGuidance(EMPTY_GUIDANCE, vivid);
    expect(op).toEqual({ kind: 'vividness.set', vividness: 0.8 });
    expect(replay([op as Operation])).toEqual(vivid);
    expect(diffGuidance(vivid, vivid)).toBeNull();
  });

  it('refuses operations that do not fit the state', () => {
    expect(() => applyOperation(EMPTY_GUIDANCE, { kind: 'hint.remove', id: 'x' })).toThrow(OperationConflict);
    expect(() => applyOperation({ ...EMPTY_GUIDANCE, hints: [hint('a')] }, { kind: 'hint.add', hint: hint('a') })).toThrow(OperationConflict);
    expect(() => applyOperation(EMPTY_GUIDANCE, { kind: 'hint.move', id: 'a', to: { x: 1 } })).toThrow(OperationConflict);
    expect(() => applyOperation(EMPTY_GUIDANCE, { kind: 'stroke.remove', id: 's' })).toThrow(OperationConflict);
  });
});
