// Every keyboard shortcut in one place (? toggles it).
export const SHORTCUTS: [string, string][] = [
  ['P', 'Point tool: click to add a hint, drag to move'],
  ['B', 'Brush tool: paint a stroke of the current colour'],
  ['L', 'Lasso tool: outline a region to fill with the current colour'],
  ['K', 'Keep-original tool: outline a region the export leaves as scanned'],
  ['D', 'Dust & scratches: paint over specks and scratches to repair them in the scan\'s tones'],
  ['E', 'Eraser: paint to take pixels out of strokes and regions; click a hint to remove it'],
  ['[ / ]', 'Smaller / larger hint or brush'],
  ['I', 'Eyedropper from the preview'],
  ['H', 'Hide or show hints, strokes and regions'],
  ['C', 'Before/after split'],
  ['\\ (hold)', 'Show the original'],
  ['Delete, right-click', 'Remove the selected item'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
  ['Ctrl+O', 'Open a scan'],
  ['Esc', 'Cancel opening a scan; deselect; close a dialog'],
  ['Ctrl+E', 'Export'],
  ['Ctrl+S', 'Name a version (History tab)'],
  ['Ctrl+L', 'Back to the library'],
  ['+ / − / 0 / 1', 'Zoom in / out / fit / 100%'],
  ['Space-drag, middle-drag, wheel', 'Pan and zoom'],
  ['?', 'This help'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="help-overlay" role="dialog" aria-label="Keyboard shortcuts" data-testid="help-overlay" onClick={onClose}>
      <div className="help-card">
        <h3>Keyboard shortcuts</h3>
        <table>
          <tbody>
            {SHORTCUTS.map(([key, what]) => (
              <tr key={key}>
                <td><kbd>{key}</kbd></td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="dim">Press ? or Esc, or click, to close.</p>
      </div>
    </div>
  );
}
