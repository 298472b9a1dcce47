// The network's answer for a guidance state with the hint reach applied (shared/hint-reach.ts): away
// from the hints, the result is pulled toward the network's automatic colour, its answer with no hints.
// That answer and the step costs depend only on the restored lightness, so they are kept for the
// current tone and dust repairs and recomputed only when those change.
import type { Guidance } from '../../../shared/guidance';
import { limitReach, stepCosts, UNLIMITED_REACH, type StepCosts } from '../../../shared/hint-reach';
import type { NetworkInput } from '../../../shared/network-input';
import type { Colorizer } from './colorizer';

interface Automatic {
  auto: Float32Array;
  costs: StepCosts;
}

/** What the restored lightness depends on. */
const lightnessKey = (g: Guidance): string => JSON.stringify([g.tone ?? null, g.strokes.filter((s) => s.purpose === 'dust')]);

export class GuidedRun {
  private cached: { key: string; value: Promise<Automatic> } | null = null;

  constructor(private readonly model: () => Promise<Colorizer>) {}

  async run(input: NetworkInput, guidance: Guidance): Promise<{ ab: Float32Array; millis: number }> {
    const model = await this.model();
    const out = await model.run(input);
    const reach = guidance.reach ?? UNLIMITED_REACH;
    if (reach < UNLIMITED_REACH) {
      const { auto, costs } = await this.automatic(model, input, guidance);
      limitReach(out.ab, auto, costs, input.mask, reach);
    }
    return out;
  }

  private automatic(model: Colorizer, input: NetworkInput, guidance: Guidance): Promise<Automatic> {
    const key = lightnessKey(guidance);
    if (this.cached?.key !== key) {
      const n = input.width * input.height;
      const value = model.run({ ...input, hintAb: new Float32Array(2 * n), mask: new Float32Array(n) }).then((out) => ({ auto: out.ab, costs: stepCosts(input.l, input) }));
      value.catch(() => (this.cached = null));
      this.cached = { key, value };
    }
    return this.cached.value;
  }
}
