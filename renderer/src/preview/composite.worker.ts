// Paints previews off the UI thread: holds the display copy's L* and turns each result into RGBA.
import { compositePreview } from '../../../shared/preview-composite';
import { EMPTY_GUIDANCE, type Stroke } from '../../../shared/guidance';
import { restoreLightness } from '../../../shared/restore';
import type { ToneAdjust } from '../../../shared/tone';
import type { Size } from '../../../shared/working-size';

export type CompositeRequest =
  | { kind: 'image'; width: number; height: number; l: Float32Array }
  | { kind: 'restore'; original: Size; tone: ToneAdjust | undefined; dust: Stroke[] }
  | { kind: 'paint'; id: number; gridWidth: number; gridHeight: number; ab: Uint8Array };

export interface CompositeResponse {
  id: number;
  rgba: Uint8ClampedArray;
}

let image: { width: number; height: number; l: Float32Array; scanned: Float32Array } | null = null;

self.onmessage = (e: MessageEvent<CompositeRequest>) => {
  const msg = e.data;
  if (msg.kind === 'image') {
    image = { width: msg.width, height: msg.height, l: msg.l, scanned: msg.l.slice() };
    return;
  }
  if (msg.kind === 'restore') {
    if (!image) return;
    image.l = image.scanned.slice();
    restoreLightness(image.l, image, msg.original, { ...EMPTY_GUIDANCE, strokes: msg.dust, tone: msg.tone });
    return;
  }
  if (!image) return;
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  const ab = new Int8Array(msg.ab.buffer, msg.ab.byteOffset, msg.ab.byteLength);
  compositePreview(rgba, image.l, image.width, image.height, { width: msg.gridWidth, height: msg.gridHeight, ab });
  const response: CompositeResponse = { id: msg.id, rgba };
  (self as unknown as Worker).postMessage(response, [rgba.buffer]);
};
