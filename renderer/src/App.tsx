// The studio window: toolbar, stage, and the side panel with the colour picker and the selected hint.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { rgbToLab } from '../../shared/imaging/color';
import type { TintypeApi } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/errors';
import type { ProjectState } from '../../shared/model/project';
import * as edits from '../../shared/model/edits';
import type { VersionNode } from '../../shared/model/project';
import { CompareView } from './panels/CompareView';
import { HintPanel } from './panels/HintPanel';
import { HistoryPanel } from './panels/HistoryPanel';
import { LibraryGrid } from './panels/LibraryGrid';
import { ProjectPanel } from './panels/ProjectPanel';
import { SuggestionPanel } from './panels/SuggestionPanel';
import { thumbnailOf } from './preview/thumbnail';
import { useProjectDetails } from './state/useProjectDetails';
import { useSuggestions } from './state/useSuggestions';
import { SigningSettings } from './panels/SigningSettings';
import { Toolbar } from './panels/Toolbar';
import { ColorPicker, swatch, type AbColor } from './picker/ColorPicker';
import { StudioStage, type StageProps, type Tool } from './stage/StudioStage';
import { HelpOverlay } from './panels/HelpOverlay';
import { ColorControls } from './panels/ColorControls';
import { ToneControls } from './panels/ToneControls';
import { autoLevels, type ToneAdjust } from '../../shared/imaging/tone';
import { ReachControl } from './panels/ReachControl';
import { OpenProgress } from './panels/OpenProgress';
import { VividnessControl } from './panels/VividnessControl';
import { PalettePanel } from './panels/PalettePanel';
import { ReferencesPanel } from './panels/ReferencesPanel';
import { useReferenceTransfer } from './state/useReferenceTransfer';
import { referencesUsed } from '../../shared/model/references';
import { exportPalette, paletteToImport, parsePalette } from '../../shared/model/collection-palette';
import type { ColorAdjust } from '../../shared/imaging/color-adjust';
import { ObjectPanel } from './panels/ObjectPanel';
import type { ColorSource, PaletteColor, Point } from '../../shared/model/guidance';
import { download, useExport, type ExportChoice } from './state/useExport';
import type { Reach } from '../../shared/model/guidance-schema';
import { useProjectHistory } from './state/useProjectHistory';
import { useImageSession } from './state/useImageSession';
import { usePreview } from './state/usePreview';
import { exposePreview } from './preview/probe';
import { useShortcuts } from './state/useShortcuts';
import { useSelection } from './state/useSelection';
import { SelectionPanel } from './panels/SelectionPanel';
import { COMMAND_IDS, COMMANDS, isCommandId, type CommandId, type CommandWhen } from '../../shared/ui/commands';

const newId = (): string => Math.random().toString(36).slice(2, 12);

export function App({ api }: { api: TintypeApi }) {
  const [sideTab, setSideTab] = useState<'hints' | 'references' | 'adjust' | 'history' | 'catalog'>('hints');
  const [comparing, setComparing] = useState<[VersionNode, VersionNode] | null>(null);
  const [editError, setEditError] = useState<AppError | null>(null);
  const history = useProjectHistory(api, setEditError);
  const details = useProjectDetails(api, setEditError);
  const { guidance } = history;
  const { hints, strokes, regions } = guidance;
  const [tool, setTool] = useState<Tool>('point');
  const [help, setHelp] = useState(false);
  const [signing, setSigning] = useState(false);
  const [brushWidth, setBrushWidth] = useState(12);
  const onProject = useCallback((state: ProjectState) => (history.load(state), details.load(state)), [history.load, details.load]);
  const session = useImageSession(api, onProject);
  const { image } = session;
  const preview = usePreview(api, image?.info.id ?? null, image?.compositor ?? null, guidance);
  const exporter = useExport(api);
  const wand = useSelection(image);
  // The guide's default vividness; null: the model has no vividness control (contract 1).
  const [vividnessDefault, setVividnessDefault] = useState<number | null>(null);
  useEffect(() => {
    if (image) void api.modelInfo({}).then((r) => r.ok && setVividnessDefault(r.value.vividnessDefault));
  }, [api, image]);
  const [exportChoice, setExportChoice] = useState<ExportChoice>({ format: 'png16', quality: 92, badge: false, proof: false, c2pa: false });
  const recipeInput = useRef<HTMLInputElement>(null);
  const suggestions = useSuggestions(api, image?.info.id ?? null, guidance);
  const [color, setColor] = useState<AbColor>({ a: 20, b: 30 });
  /** Where the current colour came from, when it was taken from a reference (or a palette colour that was). */
  const [colorSource, setColorSource] = useState<ColorSource | null>(null);
  const transfer = useReferenceTransfer(api, image?.info.id ?? null, setEditError);
  const references = guidance.references ?? [];
  const [recent, setRecent] = useState<AbColor[]>([]);
  const [radius, setRadius] = useState(2);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [eyedropper, setEyedropper] = useState(false);
  const [showOriginal, setShowOriginal] = useState(false);
  const [hideHints, setHideHints] = useState(false);
  const [split, setSplit] = useState<number | null>(null);
  const [zoom, setZoom] = useState<StageProps['zoomCommand']>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const selected = hints.find((h) => h.id === selectedId) ?? null;
  const selectedStroke = strokes.find((s) => s.id === selectedId) ?? null;
  const selectedRegion = regions.find((r) => r.id === selectedId) ?? null;
  const selectedColor = selected ?? (selectedStroke && (selectedStroke.purpose ?? 'color') === 'color' ? selectedStroke : null) ?? (selectedRegion && !selectedRegion.keep ? selectedRegion : null);

  // Default hint size: a 5-pixel patch at the network's working size.
  useEffect(() => {
    if (!image) return;
    const long = Math.max(image.info.width, image.info.height);
    setRadius(Math.max(1, Math.round((2 * long) / 256)));
    setBrushWidth(Math.max(2, Math.round((6 * long) / 256)));
  }, [image]);

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

  const remember = (c: AbColor): void => setRecent((r) => [c, ...r.filter((x) => Math.hypot(x.a - c.a, x.b - c.b) > 1)].slice(0, 12));
  const { apply } = history;
  // Every edit is one operation from shared/model/edits.ts; none rebuilds the state, so none drops another field.
  const setAdjust = (c: ColorAdjust, live: boolean): void => apply(edits.setColor(c), live);
  const setReach = (reach: Reach): void => apply(edits.setReach(reach));
  const setVividness = (vividness: number, live: boolean): void => apply(edits.setVividness(vividness), live);
  const setTone = (t: ToneAdjust, live: boolean): void => apply(edits.setTone(t), live);
  const addToPalette = (name: string, note: string): void => apply(edits.addPaletteColor({ id: `c${newId()}`, name, a: color.a, b: color.b, ...(note ? { note } : {}), ...(colorSource ? { source: colorSource } : {}) }));
  const removeFromPalette = (id: string): void => apply(edits.removePaletteColor(id));
  const shiftObject = (id: string, dx: number, dy: number): void => apply(edits.shiftItem(guidance, id, dx, dy));
  const note = (id: string, text: string, live: boolean): void => apply(edits.noteItem(guidance, id, text), live);
  const setRegionEdge = (id: string, edge: { feather?: number; snap?: boolean }, live: boolean): void => apply(edits.edgeRegion(id, edge), live);
  // A new point, stroke or region is not selected: the next colour pick is for the next one, not a recolour.
  const addStroke = (points: Point[], width: number): void => {
    const stroke =
      tool === 'dust' || tool === 'erase'
        ? { id: `${tool[0]}${newId()}`, points, width, a: 0, b: 0, purpose: tool }
        : { id: `s${newId()}`, points, width, a: color.a, b: color.b };
    apply(edits.addStroke(stroke));
    setSelectedId(null);
    remember(color);
  };
  // The magnetic lasso's outline snaps to the scan's edges, and so does the region the lasso or the
  // magic wand makes (shared/region-mask.ts refines its mask at full resolution).
  const addRegion = (polygon: Point[], keep: boolean, snap = tool === 'magnetic'): void => {
    const outline = tool === 'magnetic' ? wand.snap(polygon) : polygon;
    apply(edits.addRegion({ id: `r${newId()}`, polygon: outline, a: keep ? 0 : color.a, b: keep ? 0 : color.b, keep, ...(snap ? { snap } : {}) }));
    setSelectedId(null);
    if (!keep) remember(color);
  };
  const fillSelection = (keep: boolean): void => {
    void wand.commit().then((polygon) => polygon && addRegion(polygon, keep, true));
  };
  const remove = useCallback((id: string) => {
    apply(edits.removeItem(guidance, id));
    setSelectedId(null);
  }, [apply, guidance]);

  /** The current colour (and the selected item's); `source`: the reference it was taken from, if any. */
  const chooseColor = (c: AbColor, live = false, source: ColorSource | null = null): void => {
    setColor({ a: c.a, b: c.b });
    setColorSource(source);
    if (selectedColor) apply(edits.recolorFrom(guidance, selectedColor.id, c.a, c.b, source), live);
  };
  const usePaletteColor = (c: PaletteColor): void => chooseColor(c, false, c.source ?? null);
  const savePalette = (): void => {
    const title = details.project?.meta.title || image?.info.name || 'palette';
    const file = exportPalette(guidance, title, new Date().toISOString());
    if (file) download(new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`), `${title.replace(/[^\w.-]+/g, '_')}.palette.json`);
  };
  const loadPalette = (file: File): void => {
    void file.text().then((text) => {
      const parsed = parsePalette(text);
      if (!parsed.ok) return setEditError({ code: 'invalid-payload', message: `${file.name}: ${parsed.message}` });
      apply(edits.importPalette(paletteToImport(parsed.palette, guidance.palette ?? [], () => `c${newId()}`)));
    });
  };
  const attachReference = (file: File): void => {
    void (async () => {
      const r = await api.importReference({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      if (!r.ok) return setEditError(r.error);
      if (references.some((x) => x.id === r.value.id)) return;
      const { id, name, width, height } = r.value;
      apply(edits.attachReference({ id, name, width, height, title: name.replace(/\.[^.]+$/, '') || name, source: '', rights: '', note: '' }));
    })();
  };
  const used = referencesUsed(guidance);
  const acceptProposals = (ids: string[] | 'all'): void => {
    const chosen = (transfer.review?.proposals ?? []).filter((h) => ids === 'all' || ids.includes(h.id));
    apply(edits.acceptProposals(chosen, newId));
    transfer.drop(ids);
  };
  const add = (x: number, y: number): void => {
    apply(edits.addHint({ id: newId(), x, y, radius, a: color.a, b: color.b, ...(colorSource ? { source: colorSource } : {}) }));
    setSelectedId(null);
    remember(color);
  };
  const pick = (x: number, y: number): void => {
    if (!image) return;
    const k = image.displayScale;
    const [, a, b] = rgbToLab(...image.compositor.previewAt(x * k, y * k));
    chooseColor({ a, b });
    setEyedropper(false);
  };
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
  const brushing = tool === 'brush' || tool === 'dust' || tool === 'erase';
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
            onMove={(id, x, y) => apply(edits.moveHint(id, x, y))}
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
          {sideTab === 'history' && image && projectId && <HistoryPanel api={api} projectId={projectId} view={history.view} onRestore={history.checkout} onName={nameVersion} onCompare={(a, b) => setComparing([a, b])} />}
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
        {help && <HelpOverlay onClose={() => setHelp(false)} />}
        {signing && <SigningSettings api={api} onClose={() => setSigning(false)} />}
        {comparing && projectId && <CompareView api={api} projectId={projectId} versions={comparing} onClose={() => setComparing(null)} />}
      </main>
      <footer className="status" data-testid="status" data-busy={preview.busy} data-painted={preview.painted} data-composite={image?.compositor.path} data-composite-ms={preview.compositeMillis?.toFixed(1)} data-preview-ms={preview.millis?.toFixed(1)} data-hints={hints.length} data-strokes={strokes.length} data-regions={regions.length} data-tool={tool} data-selection={wand.outline ? wand.outline.length : 0} data-head={history.view.head ?? 0}>
        {image && <span>{image.info.name} · {image.info.width}×{image.info.height} · {image.info.bitDepth}-bit</span>}
        <span>{!image ? '' : preview.busy ? 'Colorizing…' : preview.millis !== null ? `Preview ${preview.millis.toFixed(0)} ms` : ''}</span>
        {session.loading && image && <OpenProgress label={session.loading} phase={session.phase} onCancel={session.cancelOpen} />}
        {exporter.state.progress && (
          <span className="progress" data-testid="export-progress">
            {exporter.state.progress.title} <progress value={exporter.state.progress.value} max={1} />
            <button type="button" onClick={exporter.cancel}>Cancel</button>
          </span>
        )}
        {exporter.state.done && exporter.state.doneFor === projectId && <span data-testid="export-done">Exported {exporter.state.done}{exporter.state.signedBy && `, signed with Content Credentials by ${exporter.state.signedBy}`}</span>}
        {error && (
          <span className="error" role="alert" data-testid="error" data-code={error.code}>
            {error.message} <button type="button" onClick={() => (session.setError(null), setEditError(null))}>Dismiss</button>
          </span>
        )}
      </footer>
    </div>
  );
}
