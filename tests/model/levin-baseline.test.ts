// The model card compares the network with Levin et al. 2004 on identical hint draws
// (models/train/compare_levin.py). That comparison is only worth something if its Levin is the one
// val-baselines.md measured: on the recipe's protocol draws it must reproduce that table's row.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract1Model } from '../support/models';
import { ROOT, SHARED, VAL } from '../support/paths';

const PYTHON = process.env.TINTYPE_PYTHON ?? '/usr/bin/python3';

/** A row of val-baselines.md's table by its label, keyed by the header's hint counts. */
function baselineRow(label: string): Map<number, number> {
  const lines = readFileSync(path.join(SHARED, 'protocols', 'val-baselines.md'), 'utf8').split('\n');
  const cells = (line: string) => line.split('|').slice(2, -1).map((c) => c.trim());
  const header = cells(lines.find((l) => l.startsWith('| N hints'))!).map(Number);
  const row = cells(lines.find((l) => l.startsWith(`| ${label} |`))!).map(Number);
  return new Map(header.map((n, i) => [n, row[i]]));
}

describe('Levin baseline on identical draws', () => {
  it('reproduces val-baselines.md\'s Levin row, and the shipped model beats it on the same draws', async () => {
    const shipped = await contract1Model();
    const r = spawnSync(PYTHON, [path.join(ROOT, 'models', 'train', 'compare_levin.py'), shipped.path, '--data', VAL, '--counts', '10'],
      { encoding: 'utf8', timeout: 900_000 });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const [seeding, n, levin, model] = r.stdout.trim().split('\n').at(-1)!.split('\t').map(Number);
    expect([seeding, n]).toEqual([0, 10]);
    expect(Math.abs(levin - baselineRow('Levin 2004 (subset)').get(10)!)).toBeLessThanOrEqual(0.02);
    expect(model).toBeGreaterThan(levin);
  }, 900_000);
});
