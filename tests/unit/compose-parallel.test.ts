// Large exports are composed by worker threads reading shared memory; the result must be the very
// pixels the single-threaded path gives, whether L* comes from the samples or from a restored plane.
import os from 'node:os';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { composeColor } from '../../electron/services/export/compose';
import { composeRows, planCompose, type AbField, type LightSource } from '../../shared/imaging/compose';
import { fullSamples } from '../../electron/services/images/decode';
import { Jobs } from '../../electron/services/jobs';
import { samplesLightness } from '../../shared/imaging/lightness';
import { denoise } from '../../shared/imaging/restore';
import type { ToneAdjust } from '../../shared/imaging/tone';

const W = 2600;
const H = 1700; // 4.4 MP: above the size where workers take over

/** A textured RGB scan (mostly gray, some tinted pixels) and a smooth low-resolution colour field. */
async function scene(): Promise<{ jpeg: Buffer; field: AbField }> {
  const rgb = Buffer.alloc(W * H * 3);
  for (let i = 0; i < W * H; i++) {
    const v = (((i % W) * 7) ^ (((i / W) | 0) * 13)) & 255;
    rgb[3 * i] = v;
    rgb[3 * i + 1] = i % 11 === 0 ? 255 - v : v;
    rgb[3 * i + 2] = v;
  }
  const jpeg = await sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
  const low = { width: 96, height: 64 };
  const n = low.width * low.height;
  const ab = Float32Array.from({ length: 2 * n }, (_, i) => 0.3 * Math.sin(i / 97));
  const l = Float32Array.from({ length: n }, (_, i) => (i % low.width) / low.width);
  return { jpeg, field: { ...low, ab, l } };
}

function singleThreaded(field: AbField, source: LightSource, tone?: ToneAdjust): Uint16Array {
  const out = new Uint16Array(W * H * 3);
  composeRows(planCompose(field, W, H, tone), source, 0, H, { kind: 'rgb16', data: out });
  return out;
}

const differing = (a: Uint16Array, b: Uint16Array): number => a.reduce((n, v, i) => n + (v === b[i] ? 0 : 1), 0);

describe.skipIf(os.availableParallelism() < 2)('parallel composition', () => {
  it('gives the single-threaded pixels when L* comes from the samples', async () => {
    const { jpeg, field } = await scene();
    const tone = { black: 5, white: 95, gamma: 1.1, contrast: 0.1 };
    const parallel = await composeColor(jpeg, field, Jobs.detached(), { restore: { spatial: null, tone } });
    const samples = await fullSamples(jpeg);
    expect(differing(parallel.rgb, singleThreaded(field, { kind: 'samples', samples }, tone))).toBe(0);
  });

  it('gives the single-threaded pixels when spatial repairs restore the whole plane first', async () => {
    const { jpeg, field } = await scene();
    const spatial = (l: Float32Array, size: { width: number; height: number }) => denoise(l, size.width, size.height, 0.6);
    const parallel = await composeColor(jpeg, field, Jobs.detached(), { restore: { spatial } });
    const l = samplesLightness(await fullSamples(jpeg));
    spatial(l, { width: W, height: H });
    const plain = await composeColor(jpeg, field, Jobs.detached());
    expect(differing(parallel.rgb, singleThreaded(field, { kind: 'plane', l }))).toBe(0);
    expect(differing(parallel.rgb, plain.rgb)).toBeGreaterThan(W * H * 0.1); // the repair did change L*
  });
});
