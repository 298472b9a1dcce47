// The drawing tools, with their shortcut keys.
import type { Tool } from '../stage/StudioStage';

const TOOLS: [Tool, string, string][] = [
  ['point', 'Point', 'P'],
  ['brush', 'Brush', 'B'],
  ['lasso', 'Region', 'L'],
  ['wand', 'Magic wand', 'W'],
  ['magnetic', 'Magnetic lasso', 'M'],
  ['keep', 'Keep original', 'K'],
  ['dust', 'Dust & scratches', 'D'],
  ['erase', 'Eraser', 'E'],
];

export function ToolPicker({ tool, disabled, onTool }: { tool: Tool; disabled: boolean; onTool: (t: Tool) => void }) {
  return (
    <span className="tools" role="radiogroup" aria-label="Tool">
      {TOOLS.map(([t, label, key]) => (
        <button type="button" key={t} role="radio" aria-checked={tool === t} className={tool === t ? 'active' : ''} disabled={disabled} onClick={() => onTool(t)} title={`${label} (${key})`} data-testid={`tool-${t}`}>
          {label}
        </button>
      ))}
    </span>
  );
}
