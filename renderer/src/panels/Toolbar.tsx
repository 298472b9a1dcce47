interface Props {
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
      <button type="button" onClick={p.onExport} disabled={!p.hasImage} title="Export PNG at full resolution (Ctrl+E)" data-testid="export">Export PNG</button>
      <span className="sep" />
      <button type="button" onClick={p.onUndo} disabled={!p.canUndo} title="Undo (Ctrl+Z)">Undo</button>
      <button type="button" onClick={p.onRedo} disabled={!p.canRedo} title="Redo (Ctrl+Shift+Z)">Redo</button>
      <span className="sep" />
      <button type="button" onClick={p.onToggleSplit} className={p.split ? 'active' : ''} disabled={!p.hasImage} title="Before/after split (C); hold B to see the original">Compare</button>
      <button type="button" onClick={p.onToggleHints} className={p.hideHints ? 'active' : ''} disabled={!p.hasImage} title="Hide hints (H)">Hide hints</button>
      <span className="sep" />
      <button type="button" onClick={() => p.onZoom('out')} disabled={!p.hasImage} title="Zoom out (−)">−</button>
      <button type="button" onClick={() => p.onZoom('fit')} disabled={!p.hasImage} title="Fit (0)">Fit</button>
      <button type="button" onClick={() => p.onZoom('actual')} disabled={!p.hasImage} title="100% (1)">100%</button>
      <button type="button" onClick={() => p.onZoom('in')} disabled={!p.hasImage} title="Zoom in (+)">+</button>
    </header>
  );
}
