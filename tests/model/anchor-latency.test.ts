// The latency anchor of issue 16 and the bench's comparison against it, on real sessions at a small
// size (the bench itself times 256²). Only structural facts are checked here, never timings.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANCHOR_PARAMETERS, ensureAnchor } from '../support/anchor';
import { MODELS, tempDir } from '../support/paths';
import { compareWithAnchor, formatAnchorReport, modelFiles, TARGETS } from '../bench/anchor-bench';

describe('latency anchor (siggraph17 shape)', () => {
  const anchor = ensureAnchor(() => {});

  it('has the published network size, about 34 M parameters', () => {
    expect(anchor.parameters).toBeGreaterThanOrEqual(ANCHOR_PARAMETERS.min);
    expect(anchor.parameters).toBeLessThanOrEqual(ANCHOR_PARAMETERS.max);
  });

  it('times a contract-2 pair against it, feeding the prior\'s outputs and vividness to the guide', async () => {
    const r = await compareWithAnchor({ modelDir: anchor.toyPairDir, anchorOnnx: anchor.onnx, size: 64, rounds: 2, warmup: 1 });
    expect(r.contract).toBe(2);
    for (const g of ['anchor', 'prior', 'guide'] as const) {
      expect(r.timings[g]!.n).toBe(2);
      expect(r.timings[g]!.median).toBeGreaterThan(0);
    }
    expect(r.ratios.map((x) => [x.graph, x.target])).toEqual([['prior', TARGETS.prior], ['guide', TARGETS.guide]]);
    for (const x of r.ratios) {
      expect(x.ratio).toBeCloseTo(r.timings.anchor!.median / r.timings[x.graph]!.median, 9);
      expect(x.meets).toBe(x.ratio >= x.target!);
    }
    const text = formatAnchorReport(r).join('\n');
    expect(text).toContain('target >= 20x');
    expect(text).toContain('target >= 3x');
  });

  it('times the shipped model against it', async () => {
    const r = await compareWithAnchor({ modelDir: MODELS, anchorOnnx: anchor.onnx, size: 64, rounds: 2, warmup: 1 });
    expect(r.ratios.length).toBe(r.contract === 1 ? 1 : 2);
    for (const x of r.ratios) {
      expect(r.timings[x.graph]!.median).toBeGreaterThan(0);
      expect(Number.isFinite(x.ratio) && x.ratio > 0).toBe(true);
    }
    expect(formatAnchorReport(r).join('\n')).toContain('faster than the anchor');
  });

  it('refuses a pair whose manifest does not match its files', () => {
    const dir = tempDir('anchor-pair');
    cpSync(anchor.toyPairDir, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    manifest.guide.sha256 = '0'.repeat(64);
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(() => modelFiles(dir)).toThrow(/guide\.onnx does not match its SHA-256/);
  });
});
