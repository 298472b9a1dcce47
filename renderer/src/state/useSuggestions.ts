// Suggested colours under the pointer, asked for once the pointer rests for a moment.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TintypeApi } from '../../../shared/ipc/contract';
import type { Guidance } from '../../../shared/model/guidance';
import type { SuggestExclude } from '../../../shared/network/leave-one-out';
import type { Suggestion } from '../../../shared/network/suggest';

const REST_MS = 250;

export function useSuggestions(api: TintypeApi, imageId: string | null, guidance: Guidance) {
  const [colors, setColors] = useState<Suggestion[]>([]);
  const [forSelected, setForSelected] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const asked = useRef(0);
  const latest = useRef(guidance);
  latest.current = guidance;

  useEffect(() => setColors([]), [imageId]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const hover = useCallback(
    /** `exclude`: the selected object, whose own colour the suggestions leave out. */
    (x: number, y: number, exclude?: SuggestExclude) => {
      if (!imageId) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const ticket = ++asked.current;
        void api.suggestColors({ imageId, guidance: latest.current, x, y, count: 6, ...(exclude ? { exclude } : {}) }).then((r) => {
          if (r.ok && ticket === asked.current) {
            setColors(r.value.colors);
            setForSelected(Boolean(exclude));
          }
        });
      }, REST_MS);
    },
    [api, imageId],
  );

  return { colors, forSelected, hover };
}
