// Leave-one-out suggestions, measured (issue 17): on protocol images, a 5×5 hint with a deliberately
// wrong colour (the true colour's opposite hue, chroma at least 40) among a few true hints elsewhere.
// How often is the top suggestion at that spot within ΔE00 15 of the truth: computed with the hint
// (what the studio did: it echoes the hint), without it (leave-one-out), and the hint's own colour.
import { deltaE2000 } from '../../../shared/imaging/color';
import { protocolHints, seededRandom } from '../../../shared/eval/eval-protocol';
import { suggestColors } from '../../../shared/network/suggest';
import type { Colorizer } from '../inference/colorizer';
import { loadProtocolImage, PROTOCOL_SIZE } from './protocol-image';

export interface SuggestionReport {
  trials: number;
  /** Shares of trials whose colour is within ΔE00 15 of the truth. */
  leaveOneOut: number;
  withHint: number;
  hintItself: number;
  /** Mean probability the suggestion list gives its top colour, each way. */
  topProbability: { leaveOneOut: number; withHint: number };
}

const PATCH = 5;
const TRIALS_PER_IMAGE = 4;
const OTHER_HINTS = 10;

export async function suggestionAccuracy(colorizer: Colorizer, files: string[], onImage?: (i: number) => void): Promise<SuggestionReport> {
  const size = PROTOCOL_SIZE;
  const n = size * size;
  let trials = 0;
  const good = { leaveOneOut: 0, withHint: 0, hintItself: 0 };
  const topP = { leaveOneOut: 0, withHint: 0 };
  for (const [index, file] of files.entries()) {
    const image = await loadProtocolImage(file);
    const prior = await colorizer.computePrior({ width: size, height: size, l: image.l });
    const random = seededRandom(33_000 + index);
    const others = protocolHints(image.ab, size, OTHER_HINTS, 44_000 + index);
    for (let t = 0; t < TRIALS_PER_IMAGE; t++) {
      const x0 = 8 + Math.floor(random() * (size - 16 - PATCH));
      const y0 = 8 + Math.floor(random() * (size - 16 - PATCH));
      let ta = 0;
      let tb = 0;
      let tl = 0;
      for (let y = y0; y < y0 + PATCH; y++) {
        for (let x = x0; x < x0 + PATCH; x++) {
          ta += image.ab[y * size + x];
          tb += image.ab[n + y * size + x];
          tl += image.lightness[y * size + x];
        }
      }
      const k = PATCH * PATCH;
      const truth = [tl / k, ta / k, tb / k] as const;
      const chroma = Math.hypot(truth[1], truth[2]);
      const angle = chroma > 5 ? Math.atan2(truth[2], truth[1]) + Math.PI : 2 * Math.PI * random();
      const c = Math.max(40, chroma);
      const wrong = [truth[0], c * Math.cos(angle), c * Math.sin(angle)] as const;
      // The other hints, less any that touch the trial's patch (they would tell the answer).
      const hintAb = new Float32Array(2 * n);
      const mask = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const x = i % size;
        const y = (i / size) | 0;
        if (others.mask[i] && (x < x0 - 4 || x >= x0 + PATCH + 4 || y < y0 - 4 || y >= y0 + PATCH + 4)) {
          mask[i] = 1;
          hintAb[i] = others.hintAb[i];
          hintAb[n + i] = others.hintAb[n + i];
        }
      }
      const withWrong = { hintAb: hintAb.slice(), mask: mask.slice() };
      for (let y = y0; y < y0 + PATCH; y++) {
        for (let x = x0; x < x0 + PATCH; x++) {
          withWrong.mask[y * size + x] = 1;
          withWrong.hintAb[y * size + x] = wrong[1] / 110;
          withWrong.hintAb[n + y * size + x] = wrong[2] / 110;
        }
      }
      const top = async (h: { hintAb: Float32Array; mask: Float32Array }) => {
        const out = await colorizer.guide({ width: size, height: size, l: image.l, ...h, wantLogits: true }, { prior: prior ?? undefined });
        if (!out.logits) throw new Error('the model returned no ab_logits');
        const grid = { logits: out.logits, width: size / 4, height: size / 4, bins: colorizer.model.abGrid };
        return suggestColors(grid, (x0 + PATCH / 2) / 4, (y0 + PATCH / 2) / 4, 6)[0];
      };
      const loo = await top({ hintAb, mask });
      const echo = await top(withWrong);
      const near = (a: number, b: number) => deltaE2000([truth[0], a, b], truth) <= 15;
      if (near(loo.a, loo.b)) good.leaveOneOut++;
      if (near(echo.a, echo.b)) good.withHint++;
      if (near(wrong[1], wrong[2])) good.hintItself++;
      topP.leaveOneOut += loo.p;
      topP.withHint += echo.p;
      trials++;
    }
    onImage?.(index);
  }
  return {
    trials,
    leaveOneOut: good.leaveOneOut / trials,
    withHint: good.withHint / trials,
    hintItself: good.hintItself / trials,
    topProbability: { leaveOneOut: topP.leaveOneOut / trials, withHint: topP.withHint / trials },
  };
}
