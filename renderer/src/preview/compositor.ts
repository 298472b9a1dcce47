// Holds the display image's L* and a canvas that each preview result is painted into.
import { compositePreview, lightnessOfRgba } from '../../../shared/preview-composite';

export class Compositor {
  readonly canvas: HTMLCanvasElement;
  readonly original: HTMLCanvasElement;
  private readonly l: Float32Array;
  private readonly image: ImageData;

  constructor(source: HTMLImageElement) {
    const { naturalWidth: w, naturalHeight: h } = source;
    this.original = document.createElement('canvas');
    this.original.width = w;
    this.original.height = h;
    const ctx = this.original.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(source, 0, 0);
    const pixels = ctx.getImageData(0, 0, w, h);
    this.l = lightnessOfRgba(pixels.data, w * h);
    this.canvas = document.createElement('canvas');
    this.canvas.width = w;
    this.canvas.height = h;
    this.image = new ImageData(w, h);
    // Until the first preview arrives, show the scan as neutral gray.
    compositePreview(this.image.data, this.l, w, h, { width: 1, height: 1, ab: new Int8Array(2) });
    this.paint();
  }

  get width(): number {
    return this.canvas.width;
  }

  get height(): number {
    return this.canvas.height;
  }

  /** L* of the display copy at a display pixel. */
  lightnessAt(x: number, y: number): number {
    const xi = Math.min(this.width - 1, Math.max(0, Math.floor(x)));
    const yi = Math.min(this.height - 1, Math.max(0, Math.floor(y)));
    return this.l[yi * this.width + xi];
  }

  /** RGBA of the current preview at a display pixel. */
  previewAt(x: number, y: number): [number, number, number] {
    const xi = Math.min(this.width - 1, Math.max(0, Math.floor(x)));
    const yi = Math.min(this.height - 1, Math.max(0, Math.floor(y)));
    const j = 4 * (yi * this.width + xi);
    const d = this.image.data;
    return [d[j] / 255, d[j + 1] / 255, d[j + 2] / 255];
  }

  update(width: number, height: number, ab: Uint8Array): void {
    const grid = { width, height, ab: new Int8Array(ab.buffer, ab.byteOffset, ab.byteLength) };
    compositePreview(this.image.data, this.l, this.width, this.height, grid);
    this.paint();
  }

  private paint(): void {
    this.canvas.getContext('2d')?.putImageData(this.image, 0, 0);
  }
}
