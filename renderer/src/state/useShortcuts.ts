// Keyboard shortcuts. Keys typed into a field belong to the field.
import { useEffect, useRef } from 'react';

export type ShortcutMap = Record<string, (e: KeyboardEvent) => void>;

function keyName(e: KeyboardEvent): string {
  const mod = e.ctrlKey || e.metaKey ? 'Mod+' : '';
  const shift = e.shiftKey && e.key.length > 1 ? 'Shift+' : e.shiftKey && mod ? 'Shift+' : '';
  return `${mod}${shift}${e.key.length === 1 ? e.key.toLowerCase() : e.key}`;
}

export function useShortcuts(map: ShortcutMap, onKeyUp?: (e: KeyboardEvent) => void): void {
  const ref = useRef(map);
  ref.current = map;
  const up = useRef(onKeyUp);
  up.current = onKeyUp;
  useEffect(() => {
    const down = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
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
