// The preview's CPU side, off the UI thread: holds the display copy's L*, restores it (dust, tone) and
// masks the regions at the display size as the export does at its size, then either composites each
// result with the export's row composer (shared/imaging/compose.ts; the CPU path) or hands the
// restored L* and the regions' layer to the WebGL2 composer (the GL path).
import { composeDisplay, fieldOfPreview, regionLayer } from '../../../shared/imaging/compose';
import { regionMasks, type RegionMask } from '../../../shared/imaging/region-mask';
import { EMPTY_GUIDANCE, type Region, type Stroke } from '../../../shared/model/guidance';
import { restoreLightness } from '../../../shared/imaging/restore';
import type { ToneAdjust } from '../../../shared/imaging/tone';
import type { Size } from '../../../shared/network/working-size';

export type CompositeRequest =
  | { kind: 'image'; width: number; height: number; l: Float32Array; rgba: Uint8ClampedArray; gl: boolean }
  | { kind: 'restore'; original: Size; tone: ToneAdjust | undefined; dust: Stroke[] }
  | { kind: 'regions'; original: Size; regions: Region[]; erasers: Stroke[] }
  | { kind: 'paint'; id: number; gridWidth: number; gridHeight: number; ab: Uint8Array; l: Uint8Array };

export type CompositeResponse =
  | { kind: 'painted'; id: number; rgba: Uint8ClampedArray; millis: number }
  /** For the GL path: the restored L* and the regions' layer (null without regions), after each change. */
  | { kind: 'layers'; l: Float32Array; layer: Float32Array | null };

let image: { width: number; height: number; l: Float32Array; scanned: Float32Array; rgba: Uint8ClampedArray; gl: boolean } | null = null;
let regions: { original: Size; regions: Region[]; erasers: Stroke[] } | null = null;
let masks: RegionMask[] = [];

const post = (r: CompositeResponse, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(r, transfer);

/** The regions' masks at the display size, on the restored L* (the export's rule at its size). */
function remask(): void {
  if (!image) return;
  const { l, width } = image;
  masks = regions ? regionMasks({ ...EMPTY_GUIDANCE, regions: regions.regions, strokes: regions.erasers }, regions.original, image, (y0, y1) => l.subarray(y0 * width, y1 * width)) : [];
  if (!image.gl) return;
  const layer = regionLayer(masks, l, width, image.height);
  const restored = l.slice();
  post({ kind: 'layers', l: restored, layer }, layer ? [restored.buffer, layer.buffer] : [restored.buffer]);
}

self.onmessage = (e: MessageEvent<CompositeRequest>) => {
  const msg = e.data;
  if (msg.kind === 'image') {
    image = { width: msg.width, height: msg.height, l: msg.l, scanned: msg.l.slice(), rgba: msg.rgba, gl: msg.gl };
    remask();
    return;
  }
  if (msg.kind === 'regions') {
    regions = { original: msg.original, regions: msg.regions, erasers: msg.erasers };
    remask();
    return;
  }
  if (msg.kind === 'restore') {
    if (!image) return;
    image.l = image.scanned.slice();
    restoreLightness(image.l, image, msg.original, { ...EMPTY_GUIDANCE, strokes: msg.dust, tone: msg.tone });
    remask();
    return;
  }
  if (!image) return;
  const started = performance.now();
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  const ab = new Int8Array(msg.ab.buffer, msg.ab.byteOffset, msg.ab.byteLength);
  composeDisplay(image, fieldOfPreview(msg.gridWidth, msg.gridHeight, ab, msg.l), masks, rgba);
  post({ kind: 'painted', id: msg.id, rgba, millis: performance.now() - started }, [rgba.buffer]);
};
