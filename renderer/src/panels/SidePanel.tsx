// The side panel: its tabs (hints, references, adjust, history, catalog & notes) and what each shows,
// reading and editing through the editor (state/useEditor.ts).
import type { TintypeApi } from '../../../shared/ipc/contract';
import * as edits from '../../../shared/model/edits';
import type { VersionNode } from '../../../shared/model/project';
import { autoLevels } from '../../../shared/imaging/tone';
import { ColorPicker } from '../picker/ColorPicker';
import type { Editor } from '../state/useEditor';
import type { OpenImage } from '../state/useImageSession';
import type { useProjectDetails } from '../state/useProjectDetails';
import type { useProjectHistory } from '../state/useProjectHistory';
import type { useReferenceTransfer } from '../state/useReferenceTransfer';
import type { WandSelection } from '../state/useSelection';
import type { useSuggestions } from '../state/useSuggestions';
import { ColorControls } from './ColorControls';
import { HintPanel } from './HintPanel';
import { HistoryPanel } from './HistoryPanel';
import { ObjectPanel } from './ObjectPanel';
import { PalettePanel } from './PalettePanel';
import { ProjectPanel } from './ProjectPanel';
import { ReachControl } from './ReachControl';
import { ReferencesPanel } from './ReferencesPanel';
import { SelectionPanel } from './SelectionPanel';
import { SuggestionPanel } from './SuggestionPanel';
import { ToneControls } from './ToneControls';
import { VividnessControl } from './VividnessControl';

export type SideTab = 'hints' | 'references' | 'adjust' | 'history' | 'catalog';

export interface SidePanelProps {
  api: TintypeApi;
  editor: Editor;
  image: OpenImage | null;
  history: ReturnType<typeof useProjectHistory>;
  details: ReturnType<typeof useProjectDetails>;
  suggestions: ReturnType<typeof useSuggestions>;
  transfer: ReturnType<typeof useReferenceTransfer>;
  wand: WandSelection;
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  /** The guide's default vividness; null: the model has none (contract 1). */
  vividnessDefault: number | null;
  /** L* at the selected hint, for the colour picker's plane. */
  hintL: number;
  onNameVersion: (name: string) => void;
  onCompare: (a: VersionNode, b: VersionNode) => void;
}

export function SidePanel({ api, editor, image, history, details, suggestions, transfer, wand, tab: sideTab, onTab: setSideTab, vividnessDefault, hintL, onNameVersion: nameVersion, onCompare }: SidePanelProps) {
  const { guidance } = history;
  const { hints, strokes, regions } = guidance;
  const projectId = history.projectId;
  const { tool, color, colorSource, recent, radius, setRadius, brushWidth, setBrushWidth, selectedId, eyedropper, setEyedropper, references, brushing } = editor;
  const { selected, selectedStroke, selectedRegion, selectedColor } = editor;
  const { chooseColor, usePaletteColor, addToPalette, removeFromPalette, savePalette, loadPalette, attachReference, used, acceptProposals, note, remove, setRegionEdge, setReach, setTone, setVividness, setAdjust, fillSelection } = editor;
  const { apply } = history;
  return (
    <aside className="side">
      <nav className="tabs" role="tablist">
        {(['hints', 'references', 'adjust', 'history', 'catalog'] as const).map((t) => (
          <button type="button" role="tab" key={t} aria-selected={sideTab === t} className={sideTab === t ? 'active' : ''} onClick={() => setSideTab(t)} disabled={t !== 'hints' && !image} data-testid={`tab-${t}`}>
            {t === 'hints' ? 'Hints' : t === 'references' ? 'References' : t === 'adjust' ? 'Adjust' : t === 'history' ? 'History' : 'Catalog & notes'}
          </button>
        ))}
      </nav>
      {sideTab === 'hints' && (
        <>
          <ColorPicker lightness={hintL} value={selectedColor ?? color} recent={recent} eyedropper={eyedropper} onChange={chooseColor} onEyedropper={() => setEyedropper((v) => !v)} />
          <SuggestionPanel lightness={hintL} colors={suggestions.colors} forSelected={suggestions.forSelected} onPick={chooseColor} />
          {image && <PalettePanel palette={guidance.palette ?? []} lightness={hintL} current={selectedColor ?? color} onUse={usePaletteColor} onAdd={addToPalette} onExport={savePalette} onImport={loadPalette} references={references} currentSource={colorSource} onRemove={removeFromPalette} />}
          {selectedStroke && <ObjectPanel item={{ kind: 'stroke', value: selectedStroke }} onNote={(text, live) => note(selectedStroke.id, text, live)} onRemove={() => remove(selectedStroke.id)} />}
          {selectedRegion && <ObjectPanel item={{ kind: 'region', value: selectedRegion }} onNote={(text, live) => note(selectedRegion.id, text, live)} onEdge={(edge, live) => setRegionEdge(selectedRegion.id, edge, live)} onRemove={() => remove(selectedRegion.id)} />}
          {image && tool === 'wand' && <SelectionPanel tolerance={wand.tolerance} onTolerance={wand.setTolerance} selected={wand.outline !== null} millis={wand.millis} onFill={fillSelection} onClear={wand.clear} />}
          {image && <ReachControl value={guidance.reach} onChange={setReach} />}
          <HintPanel hint={selected} radius={radius} count={hints.length} onRadius={(r, live) => (selected ? apply(edits.resizeHint(selected.id, r), live) : setRadius(r))} onNote={(text, live) => selected && note(selected.id, text, live)} onRemove={() => selected && remove(selected.id)} brush={brushing ? { width: brushWidth, onWidth: setBrushWidth } : null} />
        </>
      )}
      {sideTab === 'references' && image && (
        <ReferencesPanel
          api={api}
          references={references}
          used={used}
          current={{ color, source: colorSource }}
          review={transfer.review}
          progress={transfer.progress}
          onAdd={attachReference}
          onUpdate={(id, to, live) => apply(edits.updateReference(id, to), live)}
          onRemove={(id) => apply(edits.detachReference(id))}
          onPick={(c, source) => chooseColor(c, false, source)}
          onSuggest={(id) => void history.settled().then(() => transfer.suggest(id, guidance))}
          onCancel={transfer.cancel}
          onAccept={acceptProposals}
          onReject={transfer.drop}
        />
      )}
      {sideTab === 'adjust' && image && (
        <>
          <ToneControls value={guidance.tone} onChange={setTone} onAuto={() => setTone(autoLevels(image.compositor.scannedLightness), false)} />
          <VividnessControl value={guidance.vividness} modelDefault={vividnessDefault} onChange={setVividness} />
          <ColorControls value={guidance.color} onChange={setAdjust} />
        </>
      )}
      {sideTab === 'history' && image && projectId && <HistoryPanel api={api} projectId={projectId} view={history.view} onRestore={history.checkout} onName={nameVersion} onCompare={onCompare} />}
      {sideTab === 'catalog' && image && details.project && (
        <ProjectPanel
          project={details.project}
          notes={details.notes}
          currentVersion={history.view.versions.find((v) => v.id === history.view.currentVersionId) ?? null}
          versions={history.view.versions}
          itemNotes={[
            ...hints.filter((h) => h.note).map((h) => ({ id: h.id, kind: 'hint' as const, note: h.note ?? '' })),
            ...strokes.filter((s) => s.note).map((s) => ({ id: s.id, kind: 'stroke' as const, note: s.note ?? '' })),
            ...regions.filter((r) => r.note).map((r) => ({ id: r.id, kind: 'region' as const, note: r.note ?? '' })),
          ]}
          selectedHint={selectedId}
          onSave={details.saveMeta}
          onNote={details.addNote}
        />
      )}
    </aside>
  );
}
