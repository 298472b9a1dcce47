// A slider whose every gesture is one history step: `onChange(v, true)` while it moves, then
// `onChange(v, false)` once when the gesture ends — at pointer-up for a drag; for the keyboard, when the
// arrow keys (held, or pressed in a run) pause for KEY_GESTURE_MS or focus leaves the slider.
import { useEffect, useRef, type InputHTMLAttributes } from 'react';

export const KEY_GESTURE_MS = 700;

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  value: number;
  onChange: (v: number, live: boolean) => void;
};

export function RangeInput({ value, onChange, ...rest }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keyed = useRef(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  const stop = (): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  /** The end of a keyboard gesture: one step with the value the slider shows now. */
  const endKeys = (): void => {
    stop();
    if (!keyed.current) return;
    keyed.current = false;
    if (input.current) latest.current(Number(input.current.value), false);
  };
  useEffect(() => endKeys, []); // a gesture still open when the slider goes away ends with it
  return (
    <input
      {...rest}
      ref={input}
      type="range"
      value={value}
      onChange={(e) => onChange(Number(e.target.value), true)}
      onPointerUp={(e) => {
        stop();
        keyed.current = false;
        onChange(Number(e.currentTarget.value), false);
      }}
      onKeyDown={() => {
        stop();
        keyed.current = true;
      }}
      onKeyUp={() => {
        stop();
        if (keyed.current) timer.current = setTimeout(endKeys, KEY_GESTURE_MS);
      }}
      onBlur={endKeys}
    />
  );
}
