// One project's history in memory: the operation tree, the state at the head, and the moves a user
// makes in it. Undo walks to the parent; editing an earlier state starts a branch (later work stays in
// the log); redo walks back towards the branch tip.
import { z } from 'zod';
import { OperationSchema } from '../../../shared/ipc/contract';
import { AppFailure } from '../../../shared/ipc/errors';
import {
  applyOperation,
  EMPTY_STATE,
  OPERATION_VERSION,
  OperationConflict,
  describeOperation,
  replay,
  type EditState,
  type Operation,
} from '../../../shared/model/history';
import { LISTED_STEPS, type BranchTip, type HistoryStep, type HistoryView, type VersionNode } from '../../../shared/model/project';
import type { HistoryLog, StoredOperation, StoredVersion } from '../library/history-log';

export interface HistoryNode {
  id: number;
  parent: number | null;
  op: Operation;
  createdAt: string;
}

/** The ranges HintSchema allows, per patchable field. */
const RANGES: Record<string, [number, number]> = { x: [-1e6, 1e6], y: [-1e6, 1e6], a: [-128, 128], b: [-128, 128], radius: [0, 512] };
const inRange = (key: string, v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= RANGES[key][0] && v <= RANGES[key][1];

/** The commonest steps (a hint moved, recoloured, resized) checked by hand: opening a long project
 * spends most of its time validating, and these shapes are small enough to check directly. */
function quickHintPatch(kind: string, params: Record<string, unknown>): Operation | null {
  if (kind !== 'hint.move' && kind !== 'hint.recolor' && kind !== 'hint.resize') return null;
  const { id, to } = params as { id?: unknown; to?: Record<string, unknown> };
  if (typeof id !== 'string' || id.length === 0 || id.length > 64 || typeof to !== 'object' || to === null) return null;
  const keys = Object.keys(to);
  if (keys.length === 0 || !keys.every((k) => k in RANGES && inRange(k, to[k]))) return null;
  return { kind, id, to } as Operation;
}

/** A stored operation back to data, refusing parameters from a newer release. */
export function parseStored(row: StoredOperation): Operation {
  if (row.paramsVersion > OPERATION_VERSION) {
    throw new AppFailure('io-failed', `This project was edited by a newer Tintype (operation version ${row.paramsVersion}); update the app.`);
  }
  const params = JSON.parse(row.paramsJson) as Record<string, unknown>;
  const quick = quickHintPatch(row.kind, params);
  if (quick) return quick;
  const parsed = OperationSchema.safeParse({ kind: row.kind, ...params });
  if (!parsed.success) throw new AppFailure('io-failed', `Step ${row.id} of this project is unreadable: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export class ProjectHistory {
  private readonly nodes = new Map<number, HistoryNode>();
  private readonly children = new Map<number | null, number[]>();
  private state: EditState;

  constructor(
    private readonly log: HistoryLog,
    readonly projectId: string,
    private head: number | null,
    private tip: number | null,
  ) {
    for (const row of log.operations(projectId)) {
      this.addNode({ id: row.id, parent: row.parentId, op: parseStored(row), createdAt: row.createdAt });
    }
    this.state = this.stateAt(head);
  }

  private addNode(n: HistoryNode): void {
    this.nodes.set(n.id, n);
    const siblings = this.children.get(n.parent) ?? [];
    siblings.push(n.id);
    this.children.set(n.parent, siblings);
  }

  /** Operation ids from the root down to `id`. */
  private path(id: number | null): number[] {
    const out: number[] = [];
    for (let at = id; at !== null; at = this.node(at).parent) out.push(at);
    return out.reverse();
  }

  private node(id: number): HistoryNode {
    const n = this.nodes.get(id);
    if (!n) throw new AppFailure('not-found', `No step ${id} in this project's history.`);
    return n;
  }

  stateAt(id: number | null): EditState {
    return replay(this.path(id).map((i) => this.node(i).op), EMPTY_STATE);
  }

  get current(): EditState {
    return this.state;
  }

  get headId(): number | null {
    return this.head;
  }

  /** Record an edit on top of the head. `base` must be the head the editor saw. */
  apply(op: Operation, base: number | null, at: string): number {
    if (base !== this.head) throw new AppFailure('conflict', 'The project changed in another window; it has been reloaded.');
    let next: EditState;
    try {
      next = applyOperation(this.state, op);
    } catch (e) {
      if (e instanceof OperationConflict) throw new AppFailure('conflict', `That edit no longer applies: ${e.message}.`);
      throw e;
    }
    const id = this.log.append(this.projectId, this.head, op, at);
    this.addNode({ id, parent: this.head, op, createdAt: at });
    this.head = id;
    this.tip = id;
    this.state = next;
    return id;
  }

  undo(at: string): boolean {
    if (this.head === null) return false;
    this.moveTo(this.node(this.head).parent, this.tip, at);
    return true;
  }

  private redoTarget(): number | null {
    for (let at = this.tip; at !== null; at = this.node(at).parent) {
      if (this.node(at).parent === this.head) return at;
    }
    return null;
  }

  redo(at: string): boolean {
    const target = this.redoTarget();
    if (target === null) return false;
    this.moveTo(target, this.tip, at);
    return true;
  }

  /** Show any earlier or later state; the tip stays unless the target lies off the current branch. */
  checkout(id: number | null, at: string): void {
    if (id !== null) this.node(id);
    const onBranch = id === null || this.path(this.tip).includes(id);
    this.moveTo(id, onBranch ? this.tip : id, at);
  }

  private moveTo(head: number | null, tip: number | null, at: string): void {
    const state = this.stateAt(head);
    this.log.move(this.projectId, head, tip, at);
    this.head = head;
    this.tip = tip;
    this.state = state;
  }

  /** The steps from the empty state to `to` (the head by default), oldest first: what exports record. */
  lineage(to: number | null = this.head): HistoryNode[] {
    return this.path(to).map((i) => this.node(i));
  }

  view(stored: StoredVersion[]): HistoryView {
    const byOp = new Map<number | null, StoredVersion[]>();
    for (const v of stored) byOp.set(v.opId, [...(byOp.get(v.opId) ?? []), v]);
    const nearestVersion = (from: number | null): number | null => {
      for (let at = from; at !== null; at = this.node(at).parent) {
        const named = byOp.get(at);
        if (named) return named[named.length - 1].id;
      }
      return byOp.get(null)?.at(-1)?.id ?? null;
    };
    const versions: VersionNode[] = stored.map((v) => {
      const earlier = (byOp.get(v.opId) ?? []).filter((s) => s.id < v.id).at(-1);
      const up = v.opId === null ? null : nearestVersion(this.node(v.opId).parent);
      const segment = earlier ? { edits: 0, steps: [] } : this.segment(v.opId, byOp, true);
      return { ...v, parentVersionId: earlier?.id ?? up, ...segment };
    });
    return {
      head: this.head,
      canUndo: this.head !== null,
      canRedo: this.redoTarget() !== null,
      versions,
      tips: this.tips(byOp, nearestVersion),
      currentVersionId: byOp.get(this.head)?.at(-1)?.id ?? null,
    };
  }

  /** Branch ends that no version names, with how many edits they hold past their nearest version. */
  private tips(byOp: Map<number | null, StoredVersion[]>, nearestVersion: (from: number | null) => number | null): BranchTip[] {
    const tips: BranchTip[] = [];
    for (const n of this.nodes.values()) {
      if (this.children.has(n.id) || byOp.has(n.id)) continue;
      const { edits, steps } = this.segment(n.id, byOp, false);
      tips.push({ opId: n.id, parentVersionId: nearestVersion(n.id), edits, lastEdit: n.createdAt, lastKind: n.op.kind, steps });
    }
    return tips;
  }

  /** The edits from `from` up to (not including) the nearest step a version names, counted, and the
   * newest LISTED_STEPS of them listed oldest first. `named`: `from` itself is a version's step. */
  private segment(from: number | null, byOp: Map<number | null, StoredVersion[]>, named: boolean): { edits: number; steps: HistoryStep[] } {
    const steps: HistoryStep[] = [];
    let edits = 0;
    for (let at = from; at !== null && (!byOp.has(at) || (named && at === from)); at = this.node(at).parent) {
      edits++;
      if (steps.length < LISTED_STEPS) {
        const n = this.node(at);
        steps.push({ opId: n.id, kind: n.op.kind, label: describeOperation(n.op), at: n.createdAt });
      }
    }
    return { edits, steps: steps.reverse() };
  }
}
