// The shipped network honours what the user tells it: colour at each hint's centre close to the hint,
// and more hints give a better colorization, on real validation photos.
import { afterAll, describe, expect, it } from 'vitest';
import { deltaE2000 } from '../../shared/imaging/color';
import { protocolHints } from '../../shared/eval/eval-protocol';
import { psnr } from '../../shared/eval/metrics';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { verifyShippedModel } from '../../electron/services/inference/model-file';
import { recombine } from '../../electron/services/evaluation/evaluate';
import { loadProtocolImage, PROTOCOL_SIZE } from '../../electron/services/evaluation/protocol-image';
import { listImages, MODELS, VAL } from '../support/paths';

const files = listImages(VAL).filter((_, i) => i % 3 === 0).slice(0, 8);
let colorizer: Colorizer;
afterAll(() => colorizer?.close());

describe('hints are honoured (validation photos)', async () => {
  colorizer = new Colorizer(await verifyShippedModel(MODELS), 2);
  const size = PROTOCOL_SIZE;
  const n = size * size;

  it('puts the hint colour at most hint centres (ΔE00 < 10)', async () => {
    let near = 0;
    let total = 0;
    for (const [index, file] of files.entries()) {
      const image = await loadProtocolImage(file);
      const hints = protocolHints(image.ab, size, 10, index * 1000 + 10);
      const out = await colorizer.run({ width: size, height: size, l: image.l, hintAb: hints.hintAb, mask: hints.mask });
      for (const [x0, y0] of hints.patches) {
        const i = (y0 + 2) * size + x0 + 2;
        const L = image.lightness[i];
        const dE = deltaE2000([L, hints.hintAb[i] * 110, hints.hintAb[n + i] * 110], [L, out.ab[i] * 110, out.ab[n + i] * 110]);
        near += dE < 10 ? 1 : 0;
        total++;
      }
    }
    expect(near / total).toBeGreaterThan(0.8);
  });

  it('scores higher PSNR with more hints', async () => {
    const counts = [0, 10, 100];
    const sums = counts.map(() => 0);
    for (const [index, file] of files.entries()) {
      const image = await loadProtocolImage(file);
      for (const [k, count] of counts.entries()) {
        const hints = protocolHints(image.ab, size, count, index * 1000 + count);
        const out = await colorizer.run({ width: size, height: size, l: image.l, hintAb: hints.hintAb, mask: hints.mask });
        sums[k] += psnr(recombine(image, out.ab), image.rgb) / files.length;
      }
    }
    expect(sums[1]).toBeGreaterThan(sums[0] + 0.5);
    expect(sums[2]).toBeGreaterThan(sums[1] + 0.5);
  });
});
