// Paints previews off the UI thread: holds the display copy's L* and turns each result into RGBA.
import { compositePreview } from '../../../shared/preview-composite';
import { EMPTY_GUIDANCE, type Region, type Stroke } from '../../../shared/guidance';
import { paintKeepRgba, regionMasks, type RegionMask } from '../../../shared/region-mask';
import { restoreLightness } from '../../../shared/restore';
import type { ToneAdjust } from '../../../shared/tone';
import type { Size } from '../../../shared/working-size';

export type CompositeRequest =
  | { kind: 'image'; width: number; height: number; l: Float32Array; rgba: Uint8ClampedArray }
  | { kind: 'restore'; original: Size; tone: ToneAdjust | undefined; dust: Stroke[] }
  | { kind: 'regions'; original: Size; regions: Region[]; erasers: Stroke[] }
  | { kind: 'paint'; id: number; gridWidth: number; gridHeight: number; ab: Uint8Array };

export interface CompositeResponse {
  id: number;
  rgba: Uint8ClampedArray;
}

let image: { width: number; height: number; l: Float32Array; scanned: Float32Array; rgba: Uint8ClampedArray } | null = null;
let regions: { original: Size; regions: Region[]; erasers: Stroke[] } | null = null;
let masks: RegionMask[] = [];

/** The regions' masks at the display size, on the restored L* (the export's rule at its size). */
function remask(): void {
  if (!image || !regions) return void (masks = []);
  const { l, width } = image;
  masks = regionMasks({ ...EMPTY_GUIDANCE, regions: regions.regions, strokes: regions.erasers }, regions.original, image, (y0, y1) => l.subarray(y0 * width, y1 * width));
}

self.onmessage = (e: MessageEvent<CompositeRequest>) => {
  const msg = e.data;
  if (msg.kind === 'image') {
    image = { width: msg.width, height: msg.height, l: msg.l, scanned: msg.l.slice(), rgba: msg.rgba };
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
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  const ab = new Int8Array(msg.ab.buffer, msg.ab.byteOffset, msg.ab.byteLength);
  compositePreview(rgba, image.l, image.width, image.height, { width: msg.gridWidth, height: msg.gridHeight, ab }, masks);
  paintKeepRgba(masks, rgba, image.rgba, image.width);
  const response: CompositeResponse = { id: msg.id, rgba };
  (self as unknown as Worker).postMessage(response, [rgba.buffer]);
};
