// The command table drives the shortcuts, the help, the Electron menu and the README: the README's table
// matches it, no key is bound twice, and every menu item names a command.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accelerator, COMMAND_IDS, COMMANDS, isCommandId, keyLabel, shortcutRows, type CommandSpec } from '../../shared/ui/commands';
import { ROOT } from '../support/paths';

describe('the command table', () => {
  it('binds no key twice', () => {
    const keys = COMMAND_IDS.flatMap((id) => COMMANDS[id].keys as readonly string[]);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(twice).toEqual([]);
  });

  it("is the README's shortcut table, row for row", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- shortcuts:begin -->\n([\s\S]*?)\n<!-- shortcuts:end -->/.exec(readme)?.[1];
    expect(block, 'the README has a shortcut table between its markers').toBeDefined();
    const rows = (block as string)
      .split('\n')
      .slice(2)
      .map((line) => line.replace(/^\| | \|$/g, '').split(/ (?<!\\)\| /).map((cell) => cell.replace(/\\\|/g, '|')));
    expect(rows).toEqual(shortcutRows());
  });

  it('writes keys as people read them, and menu accelerators as Electron does', () => {
    expect(keyLabel('Mod+Shift+z')).toBe('Ctrl+Shift+Z');
    expect(keyLabel('Escape')).toBe('Esc');
    expect(keyLabel('+')).toBe('+');
    expect(accelerator('Mod+e')).toBe('CmdOrCtrl+E');
    expect(accelerator('Mod+Shift+z')).toBe('CmdOrCtrl+Shift+Z');
  });

  it('gives every menu item a command the renderer knows (the menu sends command ids)', () => {
    const menu = COMMAND_IDS.filter((id) => (COMMANDS[id] as CommandSpec).menu);
    expect(menu).toEqual(expect.arrayContaining(['open', 'export', 'undo', 'redo']));
    for (const id of menu) expect(isCommandId(id)).toBe(true);
    expect(isCommandId('export-png')).toBe(false);
    expect(isCommandId('toString')).toBe(false);
  });
});
