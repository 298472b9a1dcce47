// The network's answer for a guidance state with the hint reach applied (shared/imaging/hint-reach.ts): away
// from the hints (by default: beyond strong tonal edges), the result is pulled toward the network's
// automatic colour, its answer with no hints. Preview and export both render through here.
// That answer, the step costs and (contract 2) the image's prior depend only on the restored lightness,
// so they are kept for the current tone and dust repairs and recomputed only when those change.
import type { Guidance } from '../../../shared/model/guidance';
import { applyReach, DEFAULT_REACH, limitsReach, ReachField } from '../../../shared/imaging/hint-reach';
import type { NetworkInput } from '../../../shared/network/network-input';
import type { Colorizer, PriorKey } from './colorizer';
import type { ColorizeOutput } from './messages';

interface Automatic {
  auto: Float32Array;
  field: ReachField;
}

/** What the restored lightness depends on. */
export const lightnessKey = (g: Guidance): string => JSON.stringify([g.tone ?? null, g.strokes.filter((s) => s.purpose === 'dust')]);

/** The prior cache key of an image (its original's SHA-256) in a guidance state; null: not cached. */
export const priorKey = (image: string | null, g: Guidance): PriorKey | null => (image ? { image, lightness: lightnessKey(g) } : null);

export class GuidedRun {
  private cached: { key: string; value: Promise<Automatic> } | null = null;

  /** `image` is the original's SHA-256, under which the prior is cached (null: computed per run). */
  constructor(
    private readonly model: () => Promise<Colorizer>,
    private readonly image: string | null = null,
  ) {}

  async run(input: NetworkInput, guidance: Guidance, wantLogits = false): Promise<ColorizeOutput> {
    const model = await this.model();
    const options = { key: priorKey(this.image, guidance), vividness: guidance.vividness };
    const out = await model.guide({ ...input, wantLogits }, options);
    const reach = guidance.reach ?? DEFAULT_REACH;
    if (limitsReach(reach) && input.mask.some((v) => v > 0)) {
      const { auto, field } = await this.automatic(model, input, guidance);
      applyReach(out.ab, auto, field, input.mask, reach);
    }
    return out;
  }

  private automatic(model: Colorizer, input: NetworkInput, guidance: Guidance): Promise<Automatic> {
    const key = JSON.stringify([lightnessKey(guidance), guidance.vividness ?? null]);
    if (this.cached?.key !== key) {
      const n = input.width * input.height;
      const options = { key: priorKey(this.image, guidance), vividness: guidance.vividness };
      const value = model.guide({ ...input, hintAb: new Float32Array(2 * n), mask: new Float32Array(n) }, options).then((out) => ({ auto: out.ab, field: new ReachField(input.l, input) }));
      value.catch(() => (this.cached = null));
      this.cached = { key, value };
    }
    return this.cached.value;
  }
}
