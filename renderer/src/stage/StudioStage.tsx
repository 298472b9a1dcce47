// The canvas: preview (or original), the compare split, hint points, brush strokes and regions. Konva nodes are rendered
// from plain application data; none are kept in state.
import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { Circle, Group, Image as KImage, Layer, Line, Shape, Stage, type KonvaNodeEvents } from 'react-konva';
import type { ShapeConfig } from 'konva/lib/Shape';
import { polygonLoops } from '../../../shared/imaging/selection';
import type { Point, Region, Stroke } from '../../../shared/model/guidance';
import type { Hint } from '../../../shared/model/hints';
import { swatch } from '../picker/ColorPicker';
import type { Compositor } from '../preview/compositor';
import { fitView, zoomAbout, type View } from './viewport';

export type Tool = 'point' | 'brush' | 'lasso' | 'magnetic' | 'wand' | 'keep' | 'erase' | 'dust';

export interface StageProps {
  tool: Tool;
  strokes: Stroke[];
  regions: Region[];
  /** Brush width in original-image pixels. */
  brushWidth: number;
  /** CSS colour of the brush or lasso being drawn. */
  drawColor: string;
  onStroke: (points: Point[], width: number) => void;
  /** A stroke or region dragged by (dx, dy) original pixels. */
  onShift: (id: string, dx: number, dy: number) => void;
  onRegion: (polygon: Point[], keep: boolean) => void;
  /** A magic wand click at (x, y) original pixels: Shift adds to the selection, Alt takes out of it. */
  onWand: (x: number, y: number, mode: 'new' | 'add' | 'subtract') => void;
  /** The magic wand's pending selection, in original pixels (every outline and hole in one even-odd polygon). */
  selection: Point[] | null;
  compositor: Compositor;
  /** Display pixels per original pixel. */
  displayScale: number;
  hints: Hint[];
  /** Hints proposed from a reference, under review: dashed; a click accepts one, a right-click rejects it. */
  proposals?: Hint[];
  onProposal?: (id: string, accept: boolean) => void;
  selectedId: string | null;
  revision: number;
  showOriginal: boolean;
  hideHints: boolean;
  split: number | null;
  onAdd: (x: number, y: number) => void;
  onMove: (id: string, x: number, y: number) => void;
  onSelect: (id: string | null) => void;
  onRemove: (id: string) => void;
  onPick: (x: number, y: number) => void;
  onSplit: (split: number) => void;
  /** The pointer over the image, in original-image pixels. */
  onHover: (x: number, y: number) => void;
  eyedropper: boolean;
  zoomCommand: { kind: 'fit' | 'actual' | 'in' | 'out'; n: number } | null;
}

/** A region's or selection's outline: every loop of its polygon (holes and islands of a magic wand
 * selection included), filled even-odd as its mask is, without the bridges that join them. */
function Outline({ polygon, k, ...rest }: { polygon: readonly Point[]; k: number } & ShapeConfig & KonvaNodeEvents) {
  const loops = polygonLoops(polygon);
  return (
    <Shape
      {...rest}
      fillRule="evenodd"
      sceneFunc={(ctx, shape) => {
        ctx.beginPath();
        for (const loop of loops) {
          ctx.moveTo(loop[0].x * k, loop[0].y * k);
          for (let i = 1; i < loop.length; i++) ctx.lineTo(loop[i].x * k, loop[i].y * k);
          ctx.closePath();
        }
        ctx.fillStrokeShape(shape);
      }}
    />
  );
}

function useBoxSize(ref: React.RefObject<HTMLDivElement | null>) {
  const [size, setSize] = useState({ width: 800, height: 600 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

function useSpaceHeld(): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    const typing = (e: KeyboardEvent): boolean => e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    const down = (e: KeyboardEvent): void => {
      if (e.code === 'Space' && !typing(e)) {
        e.preventDefault();
        setHeld(true);
      }
    };
    const up = (e: KeyboardEvent): void => {
      if (e.code === 'Space') setHeld(false);
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);
  return held;
}

export function StudioStage(p: StageProps) {
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const content = { width: p.compositor.width, height: p.compositor.height };
  const [view, setView] = useState<View>(() => fitView(content, size));
  const spaceHeld = useSpaceHeld();
  const pan = useRef<{ x: number; y: number; view: View } | null>(null);
  const imageLayer = useRef<Konva.Layer>(null);
  const draggingSplit = useRef(false);
  const suppressClick = useRef(false);
  const [drawing, setDrawing] = useState<Point[] | null>(null);
  const brushTool = p.tool === 'brush' || p.tool === 'dust' || p.tool === 'erase';
  /** Where the brush's outline is drawn (layer coordinates), while a brush tool is over the stage. */
  const [cursor, setCursor] = useState<Point | null>(null);
  const drawingTool = brushTool || p.tool === 'lasso' || p.tool === 'magnetic' || p.tool === 'keep';

  useEffect(() => setView(fitView(content, size)), [p.compositor, size.width, size.height]);
  useEffect(() => {
    imageLayer.current?.batchDraw();
  }, [p.revision]);
  useEffect(() => {
    const z = p.zoomCommand;
    if (!z) return;
    const cx = size.width / 2;
    const cy = size.height / 2;
    if (z.kind === 'fit') setView(fitView(content, size));
    else if (z.kind === 'actual') setView((v) => zoomAbout(v, 1 / (v.scale * p.displayScale), cx, cy));
    else setView((v) => zoomAbout(v, z.kind === 'in' ? 1.25 : 0.8, cx, cy));
  }, [p.zoomCommand]);

  const toImage = (sx: number, sy: number): { x: number; y: number } => ({ x: (sx - view.x) / view.scale, y: (sy - view.y) / view.scale });
  const inside = (q: { x: number; y: number }): boolean => q.x >= 0 && q.y >= 0 && q.x < content.width && q.y < content.height;

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>): void => {
    e.evt.preventDefault();
    const pos = e.target.getStage()?.getPointerPosition();
    if (pos) setView((v) => zoomAbout(v, e.evt.deltaY < 0 ? 1.15 : 1 / 1.15, pos.x, pos.y));
  };
  const onDown = (e: Konva.KonvaEventObject<MouseEvent>): void => {
    if (e.evt.button === 1 || (e.evt.button === 0 && spaceHeld)) {
      e.evt.preventDefault();
      pan.current = { x: e.evt.clientX, y: e.evt.clientY, view };
      return;
    }
    const pos = e.target.getStage()?.getPointerPosition();
    if (e.evt.button === 0 && drawingTool && !p.eyedropper && pos && (e.target.name() !== 'object' || p.tool === 'erase') && e.target.name() !== 'hint' && e.target.name() !== 'proposal') {
      const q = toImage(pos.x, pos.y);
      if (inside(q)) setDrawing([q]);
    }
  };
  const onMove = (e: Konva.KonvaEventObject<MouseEvent>): void => {
    const pos = e.target.getStage()?.getPointerPosition();
    if (brushTool && pos) setCursor(toImage(pos.x, pos.y));
    if (draggingSplit.current && pos) {
      p.onSplit(Math.min(1, Math.max(0, toImage(pos.x, pos.y).x / content.width)));
      return;
    }
    if (drawing && pos) {
      const q = toImage(pos.x, pos.y);
      const last = drawing[drawing.length - 1];
      if (Math.hypot(q.x - last.x, q.y - last.y) * view.scale >= 2) setDrawing([...drawing, { x: Math.min(content.width, Math.max(0, q.x)), y: Math.min(content.height, Math.max(0, q.y)) }]);
      return;
    }
    const start = pan.current;
    if (!start && pos) {
      const q = toImage(pos.x, pos.y);
      if (inside(q)) p.onHover(q.x / p.displayScale, q.y / p.displayScale);
    }
    if (start) setView({ ...start.view, x: start.view.x + e.evt.clientX - start.x, y: start.view.y + e.evt.clientY - start.y });
  };
  const finishDrawing = (): void => {
    if (!drawing) return;
    const points = drawing.map((q) => ({ x: q.x / p.displayScale, y: q.y / p.displayScale }));
    setDrawing(null);
    suppressClick.current = true;
    if (brushTool) p.onStroke(points, p.brushWidth);
    else if (points.length >= 3) p.onRegion(points, p.tool === 'keep');
  };
  const onUp = (): void => {
    finishDrawing();
    pan.current = null;
    if (draggingSplit.current) {
      draggingSplit.current = false;
      suppressClick.current = true;
    }
  };
  const onClick = (e: Konva.KonvaEventObject<MouseEvent>): void => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    if (e.evt.button !== 0 || spaceHeld || e.target.name() === 'hint' || e.target.name() === 'proposal') return;
    const pos = e.target.getStage()?.getPointerPosition();
    if (!pos) return;
    const q = toImage(pos.x, pos.y);
    if (!inside(q)) return p.onSelect(null);
    const x = q.x / p.displayScale;
    const y = q.y / p.displayScale;
    if (p.eyedropper) p.onPick(x, y);
    else if (p.tool === 'point') p.onAdd(x, y);
    else if (p.tool === 'wand') p.onWand(x, y, e.evt.shiftKey ? 'add' : e.evt.altKey ? 'subtract' : 'new');
    else p.onSelect(null);
  };

  /** Strokes and regions move with the point tool, as hints do. */
  const movable = p.tool === 'point' && !spaceHeld;
  const shifted = (e: Konva.KonvaEventObject<DragEvent>, id: string): void => {
    const { x, y } = e.target.position();
    e.target.position({ x: 0, y: 0 }); // the data moves; the node is redrawn from it
    if (x !== 0 || y !== 0) p.onShift(id, x / p.displayScale, y / p.displayScale);
  };

  /** Select a stroke or region; right-click or the eraser removes it. */
  const objectDown = (e: Konva.KonvaEventObject<MouseEvent>, id: string): void => {
    if (spaceHeld || e.evt.button === 1 || ((p.tool === 'erase' || p.tool === 'wand') && e.evt.button === 0)) return; // the eraser paints through, the wand selects through
    e.cancelBubble = true;
    suppressClick.current = true;
    if (e.evt.button === 2) p.onRemove(id);
    else if (e.evt.button === 0) p.onSelect(id);
  };

  const splitX = p.split === null ? null : p.split * content.width;
  const k = p.displayScale;
  return (
    <div ref={box} className={`stage tool-${p.tool} ${spaceHeld ? 'panning' : ''} ${p.eyedropper ? 'eyedropper' : ''}`} data-testid="stage" data-selected={p.selectedId ?? undefined} data-scale={view.scale * p.displayScale} data-ox={view.x} data-oy={view.y} data-brush-cursor={brushTool && cursor ? (p.brushWidth * k * view.scale).toFixed(1) : undefined} onContextMenu={(e) => e.preventDefault()}>
      <div className="zoom-level" data-testid="zoom-level" title="Zoom: 0 fits, 1 is 100%">{Math.round(view.scale * p.displayScale * 100)}%</div>
      <Stage width={size.width} height={size.height} scaleX={view.scale} scaleY={view.scale} x={view.x} y={view.y} onWheel={onWheel} onMouseDown={onDown} onMouseMove={onMove} onMouseUp={onUp} onMouseLeave={() => (onUp(), setCursor(null))} onClick={onClick}>
        <Layer ref={imageLayer} imageSmoothingEnabled={view.scale * 1 < 1} listening={false}>
          <KImage image={p.compositor.original} />
          {!p.showOriginal && (
            <Group clipX={splitX ?? 0} clipY={0} clipWidth={content.width - (splitX ?? 0)} clipHeight={content.height}>
              <KImage image={p.compositor.canvas} />
            </Group>
          )}
        </Layer>
        <Layer>
          {splitX !== null && !p.showOriginal && (
            <Line
              points={[splitX, 0, splitX, content.height]}
              stroke="#fff"
              strokeWidth={2 / view.scale}
              hitStrokeWidth={16 / view.scale}
              onMouseDown={(e) => {
                e.cancelBubble = true;
                draggingSplit.current = true;
              }}
            />
          )}
          {!p.hideHints &&
            p.regions.map((r) => (
              <Outline
                key={r.id}
                name="object"
                polygon={r.polygon}
                k={k}
                fill={r.keep ? '#ffffff' : swatch(60, r)}
                opacity={r.keep ? 0.25 : 0.4}
                stroke={r.id === p.selectedId ? '#ffd400' : '#fff'}
                strokeWidth={(r.id === p.selectedId ? 3 : 1) / view.scale}
                dash={r.keep ? [8 / view.scale, 5 / view.scale] : undefined}
                draggable={movable}
                onDragEnd={(e) => shifted(e, r.id)}
                onMouseDown={(e) => objectDown(e, r.id)}
              />
            ))}
          {!p.hideHints &&
            p.strokes.map((s) => {
              const selected = s.id === p.selectedId;
              const points = (s.points.length === 1 ? [s.points[0], s.points[0]] : s.points).flatMap((q) => [q.x * k, q.y * k]);
              // The selected stroke is a faint body with a dashed yellow spine: the result under it stays visible.
              return (
                <Group key={s.id} draggable={movable} onDragEnd={(e) => shifted(e, s.id)} onMouseDown={(e) => objectDown(e, s.id)}>
                  <Line
                    name="object"
                    points={points}
                    stroke={s.purpose === 'dust' ? '#ffffff' : s.purpose === 'erase' ? '#000000' : swatch(60, s)}
                    dash={s.purpose === 'dust' || s.purpose === 'erase' ? [4 / view.scale, 4 / view.scale] : undefined}
                    strokeWidth={s.width * k}
                    lineCap="round"
                    lineJoin="round"
                    opacity={selected ? 0.3 : 0.6}
                    shadowColor="#000"
                    shadowBlur={selected ? 0 : 2 / view.scale}
                  />
                  {selected && <Line points={points} stroke="#ffd400" strokeWidth={2 / view.scale} dash={[6 / view.scale, 4 / view.scale]} lineCap="round" lineJoin="round" listening={false} />}
                </Group>
              );
            })}
          {p.selection && (
            <Outline
              polygon={p.selection}
              k={k}
              fill="rgba(80, 160, 255, 0.25)"
              stroke="#fff"
              strokeWidth={1.5 / view.scale}
              dash={[6 / view.scale, 4 / view.scale]}
              shadowColor="#000"
              shadowBlur={2 / view.scale}
              listening={false}
            />
          )}
          {drawing && (
            <Line
              points={drawing.flatMap((q) => [q.x, q.y])}
              stroke={p.tool === 'keep' || p.tool === 'dust' ? '#ffffff' : p.tool === 'erase' ? '#000000' : p.drawColor}
              strokeWidth={brushTool ? p.brushWidth * k : 2 / view.scale}
              lineCap="round"
              lineJoin="round"
              closed={!brushTool}
              fill={brushTool ? undefined : p.tool === 'keep' ? 'rgba(255,255,255,0.2)' : p.drawColor}
              opacity={0.6}
              dash={p.tool === 'keep' ? [8 / view.scale, 5 / view.scale] : undefined}
              listening={false}
            />
          )}
          {brushTool && cursor && (
            <Circle x={cursor.x} y={cursor.y} radius={(p.brushWidth * k) / 2} stroke="#fff" strokeWidth={1 / view.scale} shadowColor="#000" shadowBlur={2 / view.scale} listening={false} />
          )}
          {!p.hideHints &&
            p.hints.map((h) => {
              const selected = h.id === p.selectedId;
              return (
                <Circle
                  key={h.id}
                  name="hint"
                  x={h.x * k}
                  y={h.y * k}
                  radius={Math.max(5 / view.scale, (h.radius + 0.5) * k)}
                  fill={swatch(p.compositor.lightnessAt(h.x * k, h.y * k), h)}
                  stroke={selected ? '#ffd400' : '#fff'}
                  strokeWidth={(selected ? 3 : 1.5) / view.scale}
                  shadowColor="#000"
                  shadowBlur={3 / view.scale}
                  draggable={!spaceHeld}
                  onMouseDown={(e) => {
                    if (e.evt.button === 2 || (e.evt.button === 0 && p.tool === 'erase')) p.onRemove(h.id);
                    else if (e.evt.button === 0) p.onSelect(h.id);
                  }}
                  onDragEnd={(e) => p.onMove(h.id, e.target.x() / k, e.target.y() / k)}
                />
              );
            })}
          {!p.hideHints &&
            (p.proposals ?? []).map((h) => (
              <Circle
                key={`proposal-${h.id}`}
                name="proposal"
                x={h.x * k}
                y={h.y * k}
                radius={Math.max(6 / view.scale, (h.radius + 1.5) * k)}
                fill={swatch(p.compositor.lightnessAt(h.x * k, h.y * k), h)}
                opacity={0.5 + 0.5 * (h.source?.confidence ?? 0)}
                stroke="#ffd400"
                strokeWidth={1.5 / view.scale}
                dash={[4 / view.scale, 3 / view.scale]}
                onMouseDown={(e) => {
                  e.cancelBubble = true;
                  suppressClick.current = true;
                  if (e.evt.button === 0 || e.evt.button === 2) p.onProposal?.(h.id, e.evt.button === 0);
                }}
              />
            ))}
        </Layer>
      </Stage>
    </div>
  );
}
