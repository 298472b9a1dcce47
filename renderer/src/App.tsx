// The studio window: toolbar, stage, and the side panel with the colour picker and the selected hint.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TintypeApi } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/errors';
import type { ProjectState } from '../../shared/model/project';
import * as edits from '../../shared/model/edits';
import type { VersionNode } from '../../shared/model/project';
import { CompareView } from './panels/CompareView';
import { LibraryGrid } from './panels/LibraryGrid';
import { thumbnailOf } from './preview/thumbnail';
import { useProjectDetails } from './state/useProjectDetails';
import { useSuggestions } from './state/useSuggestions';
import { SigningSettings } from './panels/SigningSettings';
import { Toolbar } from './panels/Toolbar';
import { swatch } from './picker/ColorPicker';
import { StudioStage, type StageProps } from './stage/StudioStage';
import { HelpOverlay } from './panels/HelpOverlay';
import { OpenProgress } from './panels/OpenProgress';
import { useReferenceTransfer } from './state/useReferenceTransfer';
import { useExport, type ExportChoice } from './state/useExport';
import { useEditor } from './state/useEditor';
import { SidePanel, type SideTab } from './panels/SidePanel';
import { StatusBar } from './panels/StatusBar';
import { useProjectHistory } from './state/useProjectHistory';
import { useImageSession } from './state/useImageSession';
import { usePreview } from './state/usePreview';
import { exposePreview } from './preview/probe';
import { useShortcuts } from './state/useShortcuts';
import { useSelection } from './state/useSelection';
import { COMMAND_IDS, COMMANDS, isCommandId, type CommandId, type CommandWhen } from '../../shared/ui/commands';

export function App({ api }: { api: TintypeApi }) {
  const [sideTab, setSideTab] = useState<SideTab>('hints');
  const [comparing, setComparing] = useState<[VersionNode, VersionNode] | null>(null);
  const [editError, setEditError] = useState<AppError | null>(null);
  const history = useProjectHistory(api, setEditError);
  const details = useProjectDetails(api, setEditError);
  const { guidance } = history;
  const { hints, strokes, regions } = guidance;
  const [help, setHelp] = useState(false);
  const [signing, setSigning] = useState(false);
  const onProject = useCallback((state: ProjectState) => (history.load(state), details.load(state)), [history.load, details.load]);
  const session = useImageSession(api, onProject);
  const { image } = session;
  const preview = usePreview(api, image?.info.id ?? null, image?.compositor ?? null, guidance);
  const exporter = useExport(api);
  const wand = useSelection(image);
  const transfer = useReferenceTransfer(api, image?.info.id ?? null, setEditError);
  const editor = useEditor({ api, history, image, transfer, wand, onError: setEditError, paletteTitle: () => details.project?.meta.title || image?.info.name || 'palette' });
  const { tool, setTool, brushWidth, setBrushWidth, color, setRadius, selectedId, setSelectedId, eyedropper, setEyedropper, selected, selectedStroke, selectedRegion } = editor;
  const { addStroke, addRegion, fillSelection, remove, add, pick, shiftObject, acceptProposals, brushing } = editor;
  // The guide's default vividness; null: the model has no vividness control (contract 1).
  const [vividnessDefault, setVividnessDefault] = useState<number | null>(null);
  useEffect(() => {
    if (image) void api.modelInfo({}).then((r) => r.ok && setVividnessDefault(r.value.vividnessDefault));
  }, [api, image]);
  const [exportChoice, setExportChoice] = useState<ExportChoice>({ format: 'png16', quality: 92, badge: false, proof: false, c2pa: false });
  const recipeInput = useRef<HTMLInputElement>(null);
  const suggestions = useSuggestions(api, image?.info.id ?? null, guidance);
  const [showOriginal, setShowOriginal] = useState(false);
  const [hideHints, setHideHints] = useState(false);
  const [split, setSplit] = useState<number | null>(null);
  const [zoom, setZoom] = useState<StageProps['zoomCommand']>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // Selecting a hint or stroke shows the network's suggestions for that spot, as resting the pointer does.
  const suggestAt = suggestions.hover;
  // Leave-one-out: the selected object's own colour is left out, so they say what the network would put there.
  const regionAnchor = selectedRegion && !selectedRegion.keep ? { x: selectedRegion.polygon.reduce((t, q) => t + q.x, 0) / selectedRegion.polygon.length, y: selectedRegion.polygon.reduce((t, q) => t + q.y, 0) / selectedRegion.polygon.length } : null;
  const anchor = selected ?? selectedStroke?.points[0] ?? regionAnchor;
  const anchorKind = selected ? 'hint' : selectedStroke ? 'stroke' : regionAnchor ? 'region' : null;
  useEffect(() => {
    if (anchor && anchorKind && selectedId) suggestAt(anchor.x, anchor.y, { kind: anchorKind, id: selectedId });
  }, [anchor?.x, anchor?.y, anchorKind, selectedId, suggestAt]);

  // The preview's L* follows the restored tones.
  const dust = useMemo(() => strokes.filter((s) => s.purpose === 'dust'), [strokes]);
  useEffect(() => image?.compositor.setRestoration(image.info, guidance.tone, dust), [image, guidance.tone, dust]);
  // Regions are masks the preview lays over the network's colour, as the export does.
  const erasers = useMemo(() => strokes.filter((s) => s.purpose === 'erase'), [strokes]);
  useEffect(() => image?.compositor.setRegions(image.info, regions, erasers), [image, regions, erasers]);
  useEffect(() => exposePreview(image?.compositor ?? null), [image]);

  // The library card shows the latest preview.
  const projectId = history.projectId;
  useEffect(() => {
    if (!image || !projectId || preview.painted === 0) return;
    const t = setTimeout(() => void thumbnailOf(image.compositor.canvas).then((png) => png && api.setThumbnail({ projectId, png })), 1500);
    return () => clearTimeout(t);
  }, [api, image, projectId, preview.painted]);

  const doExport = (): void => {
    const id = history.projectId;
    if (image && id && !exporter.state.jobId) void history.settled().then(() => exporter.start(id, exportChoice));
  };
  const nameVersion = (name: string): void => {
    if (!image) return;
    void thumbnailOf(image.compositor.canvas).then((png) => history.createVersion(name, png));
  };
  const toLibrary = (): void => {
    void history.settled().then(() => {
      session.close();
      history.unload();
    });
    setComparing(null);
    setSideTab('hints');
    setSelectedId(null);
  };
  const zoomBy = (kind: 'fit' | 'actual' | 'in' | 'out') => setZoom((z) => ({ kind, n: (z?.n ?? 0) + 1 }));

  // The command table (shared/ui/commands.ts) drives the keys, the menu and the help; this says what each does.
  const can: Record<CommandWhen, boolean> = {
    always: true,
    image: Boolean(image),
    canUndo: Boolean(image) && history.view.canUndo,
    canRedo: Boolean(image) && history.view.canRedo,
    selection: selectedId !== null,
  };
  const run: Record<CommandId, () => void> = {
    open: () => fileInput.current?.click(),
    export: doExport,
    signing: () => setSigning(true),
    undo: history.undo,
    redo: history.redo,
    nameVersion: () => setSideTab('history'),
    library: toLibrary,
    remove: () => selectedId && remove(selectedId),
    escape: () => (session.loading && session.cancelOpen(), setEyedropper(false), setSelectedId(null), wand.clear(), setComparing(null), setHelp(false), setSigning(false)),
    toolPoint: () => setTool('point'),
    toolBrush: () => setTool('brush'),
    toolLasso: () => setTool('lasso'),
    toolWand: () => setTool('wand'),
    toolMagnetic: () => setTool('magnetic'),
    fillSelection: () => fillSelection(false),
    toolKeep: () => setTool('keep'),
    toolDust: () => setTool('dust'),
    toolErase: () => setTool('erase'),
    smaller: () => (brushing ? setBrushWidth((w) => Math.max(1, Math.round(w / 1.25))) : setRadius((r) => Math.max(0, r - 1))),
    larger: () => (brushing ? setBrushWidth((w) => Math.round(w * 1.25) + 1) : setRadius((r) => r + 1)),
    eyedropper: () => setEyedropper((v) => !v),
    hideHints: () => setHideHints((v) => !v),
    split: () => setSplit((s) => (s === null ? 0.5 : null)),
    original: () => setShowOriginal(true),
    zoomIn: () => zoomBy('in'),
    zoomOut: () => zoomBy('out'),
    zoomFit: () => zoomBy('fit'),
    zoomActual: () => zoomBy('actual'),
    help: () => setHelp((v) => !v),
  };
  const command = (id: CommandId): void => {
    if (can[COMMANDS[id].when]) run[id]();
  };
  const commandRef = useRef(command);
  commandRef.current = command;
  useShortcuts(
    Object.fromEntries(COMMAND_IDS.flatMap((id) => COMMANDS[id].keys.map((key) => [key, () => command(id)]))),
    (e) => e.key === '\\' && setShowOriginal(false),
  );
  useEffect(() => api.onMenu?.((id) => isCommandId(id) && commandRef.current(id)), [api]);

  const onDrop = (e: React.DragEvent): void => {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) void session.openFile(file);
  };
  const error = session.error ?? editError ?? preview.error ?? exporter.state.error;
  const hintL = selected && image ? image.compositor.lightnessAt(selected.x * image.displayScale, selected.y * image.displayScale) : 60;

  return (
    <div className="app" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <input ref={recipeInput} type="file" accept=".json,application/json" hidden data-testid="recipe-input" onChange={(e) => { const f = e.target.files?.[0]; if (f && image) void session.openRecipe(f, image.info.id); e.target.value = ''; }} />
      <input ref={fileInput} type="file" accept=".jpg,.jpeg,.png,.tif,.tiff,image/jpeg,image/png,image/tiff" hidden data-testid="file-input" onChange={(e) => { const f = e.target.files?.[0]; if (f) void session.openFile(f); e.target.value = ''; }} />
      <Toolbar
        canUndo={Boolean(image) && history.view.canUndo}
        canRedo={Boolean(image) && history.view.canRedo}
        hasImage={Boolean(image)}
        split={split !== null}
        hideHints={hideHints}
        onOpen={() => fileInput.current?.click()}
        onLibrary={toLibrary}
        tool={tool}
        onTool={setTool}
        onHelp={() => setHelp((v) => !v)}
        onExport={doExport}
        exportChoice={exportChoice}
        onExportChoice={setExportChoice}
        onRecipe={() => recipeInput.current?.click()}
        onSigning={() => command('signing')}
        onUndo={history.undo}
        onRedo={history.redo}
        onToggleSplit={() => setSplit((s) => (s === null ? 0.5 : null))}
        onToggleHints={() => setHideHints((v) => !v)}
        onZoom={zoomBy}
      />
      <main className="workspace">
        {image ? (
          <StudioStage
            compositor={image.compositor}
            tool={tool}
            strokes={strokes}
            regions={regions}
            brushWidth={brushWidth}
            drawColor={swatch(60, color)}
            onStroke={addStroke}
            onShift={shiftObject}
            onRegion={(polygon, keep) => addRegion(polygon, keep)}
            onWand={wand.click}
            selection={tool === 'wand' ? wand.outline : null}
            displayScale={image.displayScale}
            hints={hints}
            proposals={transfer.review?.proposals ?? []}
            onProposal={(id, accept) => (accept ? acceptProposals([id]) : transfer.drop([id]))}
            selectedId={selectedId}
            revision={preview.painted}
            showOriginal={showOriginal}
            hideHints={hideHints}
            split={split}
            eyedropper={eyedropper}
            zoomCommand={zoom}
            onAdd={add}
            onMove={(id, x, y) => history.apply(edits.moveHint(id, x, y))}
            onSelect={setSelectedId}
            onRemove={remove}
            onPick={pick}
            onSplit={setSplit}
            onHover={suggestions.hover}
          />
        ) : (
          <div className="empty" data-testid="empty">
            <p>{session.loading ? <OpenProgress label={session.loading} phase={session.phase} onCancel={session.cancelOpen} /> : 'Drop a black-and-white scan here, or open one (Ctrl+O).'}</p>
            <p className="hint">JPEG, PNG or TIFF, 8 or 16 bit. The original is never altered.</p>
            {!session.loading && <LibraryGrid api={api} onOpen={(p) => void session.openProject(p.id, p.meta.title)} />}
          </div>
        )}
        <SidePanel
          api={api}
          editor={editor}
          image={image}
          history={history}
          details={details}
          suggestions={suggestions}
          transfer={transfer}
          wand={wand}
          tab={sideTab}
          onTab={setSideTab}
          vividnessDefault={vividnessDefault}
          hintL={hintL}
          onNameVersion={nameVersion}
          onCompare={(a, b) => setComparing([a, b])}
        />
        {help && <HelpOverlay onClose={() => setHelp(false)} />}
        {signing && <SigningSettings api={api} onClose={() => setSigning(false)} />}
        {comparing && projectId && <CompareView api={api} projectId={projectId} versions={comparing} onClose={() => setComparing(null)} />}
      </main>
      <StatusBar
        image={image}
        preview={preview}
        session={session}
        exporter={exporter}
        projectId={projectId}
        error={error}
        onDismiss={() => (session.setError(null), setEditError(null))}
        counts={{ hints: hints.length, strokes: strokes.length, regions: regions.length, selection: wand.outline ? wand.outline.length : 0 }}
        tool={tool}
        head={history.view.head ?? 0}
      />
    </div>
  );
}
