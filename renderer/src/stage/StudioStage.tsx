// The canvas: preview (or original), the compare split, and the hint points. Konva nodes are rendered
// from plain application data; none are kept in state.
import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { Circle, Group, Image as KImage, Layer, Line, Stage } from 'react-konva';
import type { Hint } from '../../../shared/hints';
import { swatch } from '../picker/ColorPicker';
import type { Compositor } from '../preview/compositor';
import { fitView, zoomAbout, type View } from './viewport';

export interface StageProps {
  compositor: Compositor;
  /** Display pixels per original pixel. */
  displayScale: number;
  hints: Hint[];
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
    }
  };
  const onMove = (e: Konva.KonvaEventObject<MouseEvent>): void => {
    const pos = e.target.getStage()?.getPointerPosition();
    if (draggingSplit.current && pos) {
      p.onSplit(Math.min(1, Math.max(0, toImage(pos.x, pos.y).x / content.width)));
      return;
    }
    const start = pan.current;
    if (!start && pos) {
      const q = toImage(pos.x, pos.y);
      if (inside(q)) p.onHover(q.x / p.displayScale, q.y / p.displayScale);
    }
    if (start) setView({ ...start.view, x: start.view.x + e.evt.clientX - start.x, y: start.view.y + e.evt.clientY - start.y });
  };
  const onUp = (): void => {
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
    if (e.evt.button !== 0 || spaceHeld || e.target.name() === 'hint') return;
    const pos = e.target.getStage()?.getPointerPosition();
    if (!pos) return;
    const q = toImage(pos.x, pos.y);
    if (!inside(q)) return p.onSelect(null);
    const x = q.x / p.displayScale;
    const y = q.y / p.displayScale;
    if (p.eyedropper) p.onPick(x, y);
    else p.onAdd(x, y);
  };

  const splitX = p.split === null ? null : p.split * content.width;
  const k = p.displayScale;
  return (
    <div ref={box} className={`stage ${spaceHeld ? 'panning' : ''} ${p.eyedropper ? 'eyedropper' : ''}`} data-testid="stage" onContextMenu={(e) => e.preventDefault()}>
      <Stage width={size.width} height={size.height} scaleX={view.scale} scaleY={view.scale} x={view.x} y={view.y} onWheel={onWheel} onMouseDown={onDown} onMouseMove={onMove} onMouseUp={onUp} onMouseLeave={onUp} onClick={onClick}>
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
                    if (e.evt.button === 2) p.onRemove(h.id);
                    else if (e.evt.button === 0) p.onSelect(h.id);
                  }}
                  onDragEnd={(e) => p.onMove(h.id, e.target.x() / k, e.target.y() / k)}
                />
              );
            })}
        </Layer>
      </Stage>
    </div>
  );
}
