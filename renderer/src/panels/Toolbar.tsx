import type { ExportFormat } from '../../../shared/model/recipe';
import type { ExportChoice } from '../state/useExport';
import type { Tool } from '../stage/StudioStage';
import { ToolPicker } from './ToolPicker';

const FORMATS: [ExportFormat, string][] = [
  ['tiff16', 'TIFF 16-bit'],
  ['png16', 'PNG 16-bit'],
  ['png8', 'PNG 8-bit'],
  ['jpeg', 'JPEG'],
];

interface Props {
  tool: Tool;
  onTool: (t: Tool) => void;
  onHelp: () => void;
  exportChoice: ExportChoice;
  onExportChoice: (c: ExportChoice) => void;
  onRecipe: () => void;
  onSigning: () => void;
  canUndo: boolean;
  canRedo: boolean;
  hasImage: boolean;
  split: boolean;
  hideHints: boolean;
  onOpen: () => void;
  onLibrary: () => void;
  onExport: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onToggleSplit: () => void;
  onToggleHints: () => void;
  onZoom: (kind: 'fit' | 'actual' | 'in' | 'out') => void;
}

export function Toolbar(p: Props) {
  return (
    <header className="toolbar">
      <strong className="brand">Tintype</strong>
      <button type="button" onClick={p.onLibrary} disabled={!p.hasImage} title="Back to the library (Ctrl+L)" data-testid="to-library">Library</button>
      <button type="button" onClick={p.onOpen} title="Open a scan (Ctrl+O)">Open…</button>
      <button type="button" onClick={p.onExport} disabled={!p.hasImage} title="Export at full resolution with provenance and a recipe (Ctrl+E)" data-testid="export">Export</button>
      <select value={p.exportChoice.format} onChange={(e) => p.onExportChoice({ ...p.exportChoice, format: e.target.value as ExportFormat })} aria-label="Export format" data-testid="export-format">
        {FORMATS.map(([f, label]) => <option key={f} value={f}>{label}</option>)}
      </select>
      {p.exportChoice.format === 'jpeg' && (
        <label className="inline">Q <input type="number" min={1} max={100} value={p.exportChoice.quality} onChange={(e) => p.onExportChoice({ ...p.exportChoice, quality: Math.max(1, Math.min(100, Number(e.target.value) || 92)) })} /></label>
      )}
      <label className="inline" title="Mark the export as colorized with a small badge (recorded in its metadata)">
        <input type="checkbox" checked={p.exportChoice.badge} onChange={(e) => p.onExportChoice({ ...p.exportChoice, badge: e.target.checked })} data-testid="export-badge" /> Badge
      </label>
      <label className="inline" title="With the annotated proof sheet: original and result, the numbered hint map, its legend, catalog, history and model (PDF and PNG)">
        <input type="checkbox" checked={p.exportChoice.proof} onChange={(e) => p.onExportChoice({ ...p.exportChoice, proof: e.target.checked })} data-testid="export-proof" /> with proof sheet
      </label>
      <label className="inline" title='Embed signed C2PA Content Credentials: the original, the colorizing model and the recipe, signed with this library’s key'>
        <input type="checkbox" checked={p.exportChoice.c2pa} onChange={(e) => p.onExportChoice({ ...p.exportChoice, c2pa: e.target.checked })} data-testid="export-c2pa" /> Sign with Content Credentials
      </label>
      <button type="button" onClick={p.onSigning} title="Who signs Content Credentials; import the archive’s own key pair" data-testid="signing">Signing…</button>
      <button type="button" onClick={p.onRecipe} disabled={!p.hasImage} title="Replay a sidecar recipe (.tintype.json) on this original as a new project">Apply recipe…</button>
      <span className="sep" />
      <button type="button" onClick={p.onUndo} disabled={!p.canUndo} title="Undo (Ctrl+Z)">Undo</button>
      <button type="button" onClick={p.onRedo} disabled={!p.canRedo} title="Redo (Ctrl+Shift+Z)">Redo</button>
      <span className="sep" />
      <ToolPicker tool={p.tool} disabled={!p.hasImage} onTool={p.onTool} />
      <span className="sep" />
      <button type="button" onClick={p.onToggleSplit} className={p.split ? 'active' : ''} disabled={!p.hasImage} title="Before/after split (C); hold \ to see the original">Compare</button>
      <button type="button" onClick={p.onToggleHints} className={p.hideHints ? 'active' : ''} disabled={!p.hasImage} title="Hide hints (H)">Hide hints</button>
      <span className="sep" />
      <button type="button" onClick={() => p.onZoom('out')} disabled={!p.hasImage} title="Zoom out (−)">−</button>
      <button type="button" onClick={() => p.onZoom('fit')} disabled={!p.hasImage} title="Fit (0)">Fit</button>
      <button type="button" onClick={() => p.onZoom('actual')} disabled={!p.hasImage} title="100% (1)">100%</button>
      <button type="button" onClick={() => p.onZoom('in')} disabled={!p.hasImage} title="Zoom in (+)">+</button>
      <button type="button" onClick={p.onHelp} title="Keyboard shortcuts (?)" data-testid="help">?</button>
    </header>
  );
}
