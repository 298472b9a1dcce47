// Paints previews off the UI thread: holds the display copy's L* and turns each result into RGBA.
import { compositePreview } from '../../../shared/preview-composite';
import { applyTone, type ToneAdjust } from '../../../shared/tone';

export type CompositeRequest =
  | { kind: 'image'; width: number; height: number; l: Float32Array }
  | { kind: 'tone'; tone: ToneAdjust | undefined }
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
  if (msg.kind === 'tone') {
    if (!image) return;
    image.l = image.scanned.slice();
    applyTone(image.l, msg.tone);
    return;
  }
  if (!image) return;
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  const ab = new Int8Array(msg.ab.buffer, msg.ab.byteOffset, msg.ab.byteLength);
  compositePreview(rgba, image.l, image.width, image.height, { width: msg.gridWidth, height: msg.gridHeight, ab });
  const response: CompositeResponse = { id: msg.id, rgba };
  (self as unknown as Worker).postMessage(response, [rgba.buffer]);
};
