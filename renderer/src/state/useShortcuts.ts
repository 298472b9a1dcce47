// Keyboard shortcuts. Keys typed into a text field belong to the field; a slider, checkbox, select or
// button keeps only the keys it uses itself (arrows, space…), so Ctrl+E or Ctrl+Z still work there.
import { useEffect, useRef } from 'react';

export type ShortcutMap = Record<string, (e: KeyboardEvent) => void>;

function keyName(e: KeyboardEvent): string {
  const mod = e.ctrlKey || e.metaKey ? 'Mod+' : '';
  const shift = e.shiftKey && e.key.length > 1 ? 'Shift+' : e.shiftKey && mod ? 'Shift+' : '';
  return `${mod}${shift}${e.key.length === 1 ? e.key.toLowerCase() : e.key}`;
}

/** Input types that take no typed text. */
const NOT_TEXT = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image']);
const CONTROL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', ' ', 'Enter']);

/** Whether the focused element, not the studio, should have this key. */
export function fieldOwnsKey(target: EventTarget | null, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>): boolean {
  if (target instanceof HTMLTextAreaElement || (target instanceof HTMLElement && target.isContentEditable)) return true;
  if (target instanceof HTMLInputElement && !NOT_TEXT.has(target.type)) return true;
  const control = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLButtonElement;
  if (!control || e.ctrlKey || e.metaKey) return false;
  return CONTROL_KEYS.has(e.key) || (target instanceof HTMLSelectElement && e.key.length === 1); // a select's type-ahead
}

export function useShortcuts(map: ShortcutMap, onKeyUp?: (e: KeyboardEvent) => void): void {
  const ref = useRef(map);
  ref.current = map;
  const up = useRef(onKeyUp);
  up.current = onKeyUp;
  useEffect(() => {
    const down = (e: KeyboardEvent): void => {
      if (fieldOwnsKey(e.target, e)) return;
      const action = ref.current[keyName(e)];
      if (action) {
        e.preventDefault();
        action(e);
      }
    };
    const release = (e: KeyboardEvent): void => up.current?.(e);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', release);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', release);
    };
  }, []);
}
