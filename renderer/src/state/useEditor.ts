// The editor: what the user is editing with (tool, current colour and where it came from, hint size,
// brush width, the selection, the eyedropper) and every guidance edit the studio makes, each one
// operation from shared/model/edits.ts applied through the project history. App.tsx lays out the
// window; the side panel, the stage and the command table call what this returns.
import { useCallback, useEffect, useState } from 'react';
import { rgbToLab } from '../../../shared/imaging/color';
import type { ColorAdjust } from '../../../shared/imaging/color-adjust';
import type { ToneAdjust } from '../../../shared/imaging/tone';
import type { TintypeApi } from '../../../shared/ipc/contract';
import type { AppError } from '../../../shared/ipc/errors';
import { exportPalette, paletteToImport, parsePalette } from '../../../shared/model/collection-palette';
import * as edits from '../../../shared/model/edits';
import type { ColorSource, PaletteColor, Point } from '../../../shared/model/guidance';
import type { Reach } from '../../../shared/model/guidance-schema';
import { referencesUsed } from '../../../shared/model/references';
import type { AbColor } from '../picker/ColorPicker';
import type { Tool } from '../stage/StudioStage';
import type { OpenImage } from './useImageSession';
import { download } from './useExport';
import type { useProjectHistory } from './useProjectHistory';
import type { useReferenceTransfer } from './useReferenceTransfer';
import type { WandSelection } from './useSelection';

const newId = (): string => Math.random().toString(36).slice(2, 12);

export interface EditorDeps {
  api: TintypeApi;
  history: ReturnType<typeof useProjectHistory>;
  image: OpenImage | null;
  transfer: ReturnType<typeof useReferenceTransfer>;
  wand: WandSelection;
  onError: (e: AppError) => void;
  /** The name a saved palette file takes (the project's title). */
  paletteTitle: () => string;
}

export function useEditor({ api, history, image, transfer, wand, onError: setEditError, paletteTitle }: EditorDeps) {
  const { guidance } = history;
  const { hints, strokes, regions } = guidance;
  const [tool, setTool] = useState<Tool>('point');
  const [brushWidth, setBrushWidth] = useState(12);
  const [color, setColor] = useState<AbColor>({ a: 20, b: 30 });
  /** Where the current colour came from, when it was taken from a reference (or a palette colour that was). */
  const [colorSource, setColorSource] = useState<ColorSource | null>(null);
  const references = guidance.references ?? [];
  const [recent, setRecent] = useState<AbColor[]>([]);
  const [radius, setRadius] = useState(2);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [eyedropper, setEyedropper] = useState(false);
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
    const title = paletteTitle();
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
  const brushing = tool === 'brush' || tool === 'dust' || tool === 'erase';

  return {
    tool, setTool, brushWidth, setBrushWidth, color, setColor, colorSource, setColorSource, references, recent, setRecent, radius, setRadius, selectedId, setSelectedId, eyedropper, setEyedropper,
    selected, selectedStroke, selectedRegion, selectedColor,
    setAdjust, setReach, setVividness, setTone, addToPalette, removeFromPalette, shiftObject, note, setRegionEdge, addStroke, addRegion, fillSelection, remove, chooseColor, usePaletteColor, savePalette, loadPalette, attachReference, used, acceptProposals, add, pick, brushing,
  };
}

export type Editor = ReturnType<typeof useEditor>;
