// The latency anchor of issue 16: a siggraph17-shape network (Zhang et al. 2017, ~34 M parameters,
// random seeded weights) exported to ONNX by tests/support/anchor_net.py. Its weights are never
// committed: they are generated on demand into tests/.cache/anchor/<hash of the script>/ (git-ignored),
// so changing the script rebuilds it and an unchanged script reuses the cached file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

const SCRIPT = path.join(ROOT, 'tests', 'support', 'anchor_net.py');
const CACHE = path.join(ROOT, 'tests', '.cache', 'anchor');
const PYTHON = process.env.TINTYPE_PYTHON ?? '/usr/bin/python3';

/** The parameter count the issue names for the anchor (34 M), with the tolerance it is checked against. */
export const ANCHOR_PARAMETERS = { min: 30e6, max: 38e6 };

export interface Anchor {
  /** The anchor's ONNX file: inputs l, hint_ab, hint_mask; outputs ab, ab_logits (529 bins at 1/4). */
  onnx: string;
  parameters: number;
  /** A tiny contract-2 prior/guide pair with random weights (manifest included), for tests of the bench. */
  toyPairDir: string;
}

function read(dir: string): Anchor {
  const { parameters } = JSON.parse(readFileSync(path.join(dir, 'anchor.json'), 'utf8')) as { parameters: number };
  return { onnx: path.join(dir, 'anchor.onnx'), parameters, toyPairDir: path.join(dir, 'toy-pair') };
}

/** Build (or reuse) the anchor, print its parameter count and check it is 30-38 M. */
export function ensureAnchor(log: (line: string) => void = console.log): Anchor {
  const hash = createHash('sha256').update(readFileSync(SCRIPT)).digest('hex').slice(0, 16);
  const dir = path.join(CACHE, hash);
  if (!existsSync(path.join(dir, 'anchor.json'))) {
    mkdirSync(CACHE, { recursive: true });
    // Build beside the final folder and rename, so a concurrent or interrupted build never leaves a
    // half-written anchor where another process would take it for complete.
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    const r = spawnSync(PYTHON, [SCRIPT, tmp], { encoding: 'utf8' });
    if (r.status !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      throw new Error(`building the latency anchor failed (${PYTHON} ${SCRIPT}): ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
    }
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process finished first: use its build
    }
  }
  const anchor = read(dir);
  log(`latency anchor (siggraph17 shape, random weights): ${anchor.parameters.toLocaleString('en-US')} parameters, ${path.relative(ROOT, anchor.onnx)}`);
  if (!(anchor.parameters >= ANCHOR_PARAMETERS.min && anchor.parameters <= ANCHOR_PARAMETERS.max)) {
    throw new Error(`the latency anchor has ${anchor.parameters} parameters, outside 30-38 M`);
  }
  return anchor;
}
