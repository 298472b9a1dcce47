// Every command of the studio in one table: its id, its keys, its label and when it is enabled. The
// renderer's shortcuts and menu handling, the help overlay (?), the Electron menu and the README's
// shortcut table are all made from it (tests/unit/commands.test.ts checks the README and that no key is
// bound twice). A command with no keys (Signing…) is in the menu and the toolbar only, not in the
// shortcut lists. Keys are written as the renderer names them: `Mod+` for Ctrl (Cmd on macOS), a
// lowercase letter, or a KeyboardEvent key name.

/** What must hold for a command to run. */
export type CommandWhen = 'always' | 'image' | 'canUndo' | 'canRedo' | 'selection';

export interface CommandSpec {
  keys: readonly string[];
  label: string;
  when: CommandWhen;
  /** The Electron menu that lists it, and the label there. */
  menu?: { in: 'File' | 'Edit' | 'View'; label: string };
  /** How the help and README write the keys when the plain list would mislead ("\ (hold)"). */
  shown?: string;
}

export const COMMANDS = {
  open: { keys: ['Mod+o'], label: 'Open a scan', when: 'always', menu: { in: 'File', label: 'Open Scan…' } },
  export: { keys: ['Mod+e'], label: 'Export at full resolution in the chosen format', when: 'image', menu: { in: 'File', label: 'Export…' } },
  signing: { keys: [], label: 'Who signs Content Credentials; import the archive’s key pair', when: 'always', menu: { in: 'File', label: 'Signing…' } },
  undo: { keys: ['Mod+z'], label: 'Undo', when: 'canUndo', menu: { in: 'Edit', label: 'Undo' } },
  redo: { keys: ['Mod+Shift+z', 'Mod+y'], label: 'Redo', when: 'canRedo', menu: { in: 'Edit', label: 'Redo' } },
  nameVersion: { keys: ['Mod+s'], label: 'Name a version (History tab)', when: 'image' },
  library: { keys: ['Mod+l'], label: 'Back to the library', when: 'image', menu: { in: 'View', label: 'Library' } },
  remove: { keys: ['Delete', 'Backspace'], label: 'Remove the selected hint, stroke or region (or right-click it)', when: 'selection' },
  escape: { keys: ['Escape'], label: 'Cancel opening a scan; deselect; clear the selection; close a dialog', when: 'always' },
  toolPoint: { keys: ['p'], label: 'Point tool: click to add a hint, drag to move', when: 'image' },
  toolBrush: { keys: ['b'], label: 'Brush tool: paint a stroke of the current colour', when: 'image' },
  toolLasso: { keys: ['l'], label: 'Lasso tool: outline a region to fill with the current colour', when: 'image' },
  toolWand: { keys: ['w'], label: 'Magic wand: click to select similar lightness up to edges (Shift adds, Alt takes out)', when: 'image' },
  toolMagnetic: { keys: ['m'], label: "Magnetic lasso: outline a region; the outline snaps to the scan's edges", when: 'image' },
  fillSelection: { keys: ['Enter'], label: "Fill the magic wand's selection with the current colour (a region)", when: 'image', menu: { in: 'Edit', label: 'Fill Selection' } },
  toolKeep: { keys: ['k'], label: 'Keep-original tool: outline a region the export leaves as scanned', when: 'image' },
  toolDust: { keys: ['d'], label: "Dust & scratches: paint over specks and scratches to repair them in the scan's tones", when: 'image' },
  toolErase: { keys: ['e'], label: 'Eraser: paint to take pixels out of strokes and regions; click a hint to remove it', when: 'image' },
  smaller: { keys: ['['], label: 'Smaller hint or brush', when: 'image' },
  larger: { keys: [']'], label: 'Larger hint or brush', when: 'image' },
  eyedropper: { keys: ['i'], label: 'Eyedropper from the preview', when: 'image' },
  hideHints: { keys: ['h'], label: 'Hide or show hints, strokes and regions', when: 'image' },
  split: { keys: ['c'], label: 'Before/after split', when: 'image' },
  original: { keys: ['\\'], shown: '\\ (hold)', label: 'Show the original while held', when: 'image' },
  zoomIn: { keys: ['+', '='], label: 'Zoom in', when: 'image' },
  zoomOut: { keys: ['-'], label: 'Zoom out', when: 'image' },
  zoomFit: { keys: ['0'], label: 'Zoom to fit', when: 'image' },
  zoomActual: { keys: ['1'], label: 'Zoom to 100%', when: 'image' },
  help: { keys: ['?'], label: 'This list of shortcuts', when: 'always', menu: { in: 'View', label: 'Keyboard Shortcuts' } },
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof COMMANDS;

export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];

export const isCommandId = (v: unknown): v is CommandId => typeof v === 'string' && Object.hasOwn(COMMANDS, v);

/** Pointer gestures the help lists beside the keys; they are not commands. */
export const GESTURES: readonly [string, string][] = [
  ['Space-drag, middle-drag, wheel', 'Pan and zoom'],
  ['Right-click', 'Remove the hint, stroke or region under the pointer'],
];

/** One key as people write it: Mod+Shift+z → Ctrl+Shift+Z, Escape → Esc. */
export function keyLabel(key: string): string {
  const [, mods, name] = /^((?:Mod\+|Shift\+)*)(.+)$/.exec(key) ?? ['', '', key];
  const shown = name === 'Escape' ? 'Esc' : name === '-' ? '−' : name.length === 1 ? name.toUpperCase() : name;
  return `${mods.replace('Mod+', 'Ctrl+')}${shown}`;
}

/** The rows of the help overlay and the README's shortcut table: keys, then what they do. */
export function shortcutRows(): [string, string][] {
  return [...COMMAND_IDS.flatMap((id): [string, string][] => {
    const c: CommandSpec = COMMANDS[id];
    return c.keys.length === 0 ? [] : [[c.shown ?? c.keys.map(keyLabel).join(' / '), c.label]];
  }), ...GESTURES];
}

/** A key as an Electron accelerator, shown in the menu (the renderer handles the key itself). */
export function accelerator(key: string): string {
  return key.replace(/^Mod\+/, 'CmdOrCtrl+').replace(/\+([a-z])$/, (_m, k: string) => `+${k.toUpperCase()}`);
}
