// Faithful ↔ Vivid: the contract-2 guide's vividness input (0..1), for colour the hints do not set. A
// drag previews live and is one history step when it ends. A model without the control (contract 1)
// shows it disabled, saying why.
import { RangeInput } from './RangeInput';

interface Props {
  /** The project's value; absent means the guide's default. */
  value: number | undefined;
  /** The guide's vividness_default; null when the installed model has no vividness control. */
  modelDefault: number | null;
  onChange: (v: number, live: boolean) => void;
}

const UNSUPPORTED = 'The installed model (contract 1) has no vividness control: it needs a prior/guide model (tintype-colorizer/2).';

export function VividnessControl({ value, modelDefault, onChange }: Props) {
  const enabled = modelDefault !== null;
  const v = value ?? modelDefault ?? 0.5;
  const title = enabled ? `How vivid the automatic colour is, where no hint says otherwise. Hints keep their own colour. Model default: ${Math.round((modelDefault ?? 0) * 100)}%.` : UNSUPPORTED;
  return (
    <section className="hint-panel" data-testid="vividness-control" title={title}>
      <label>
        Faithful ↔ Vivid {enabled ? `${Math.round(v * 100)}%` : '(not available)'}
        <RangeInput
          min={0}
          max={1}
          step={0.05}
          value={v}
          disabled={!enabled}
          title={title}
          aria-label="Vividness, faithful to vivid"
          data-testid="vividness"
          onChange={onChange}
        />
      </label>
      {enabled && (
        <button type="button" onClick={() => onChange(modelDefault, false)} disabled={value === undefined || value === modelDefault}>
          Model default
        </button>
      )}
      <p className="help">{enabled ? 'Only unhinted colour changes; recorded in the history and the recipe.' : UNSUPPORTED}</p>
    </section>
  );
}
