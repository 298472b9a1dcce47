// Every keyboard shortcut (? toggles it), from the command table in shared/ui/commands.ts.
import { shortcutRows } from '../../../shared/ui/commands';

const SHORTCUTS = shortcutRows();

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
