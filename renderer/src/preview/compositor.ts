// Holds the display copy, its L*, and the canvas each preview is painted into. The per-pixel work runs
// in a worker; only the newest result is painted.
import { compositePreview, lightnessOfRgba } from '../../../shared/preview-composite';
import type { Region, Stroke } from '../../../shared/guidance';
import type { ToneAdjust } from '../../../shared/tone';
import type { Size } from '../../../shared/working-size';
import type { CompositeRequest, CompositeResponse } from './composite.worker';

interface Pending {
  gridWidth: number;
  gridHeight: number;
  ab: Uint8Array;
  resolve: () => void;
}

export class Compositor {
  readonly canvas: HTMLCanvasElement;
  readonly original: HTMLCanvasElement;
  private readonly l: Float32Array;
  private image: ImageData;
  private readonly worker: Worker;
  private busy = false;
  private waiting: Pending | null = null;
  private nextId = 1;
  private inFlight: Pending | null = null;

  constructor(source: HTMLImageElement) {
    const { naturalWidth: w, naturalHeight: h } = source;
    this.original = document.createElement('canvas');
    this.original.width = w;
    this.original.height = h;
    const ctx = this.original.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(source, 0, 0);
    const scan = ctx.getImageData(0, 0, w, h).data;
    this.l = lightnessOfRgba(scan, w * h);
    this.canvas = document.createElement('canvas');
    this.canvas.width = w;
    this.canvas.height = h;
    this.image = new ImageData(w, h);
    // Until the first preview arrives, show the scan as neutral gray.
    compositePreview(this.image.data, this.l, w, h, { width: 1, height: 1, ab: new Int8Array(2) });
    this.canvas.getContext('2d')?.putImageData(this.image, 0, 0);
    this.worker = new Worker(new URL('./composite.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<CompositeResponse>) => this.painted(e.data);
    this.post({ kind: 'image', width: w, height: h, l: this.l.slice(), rgba: scan });
  }

  get width(): number {
    return this.canvas.width;
  }

  get height(): number {
    return this.canvas.height;
  }

  /** L* of the display copy as scanned, every pixel (for auto levels). */
  get scannedLightness(): Float32Array {
    return this.l;
  }

  /** L* of the display copy at a display pixel. */
  lightnessAt(x: number, y: number): number {
    return this.l[this.index(x, y)];
  }

  /** sRGB (0..1) of the current preview at a display pixel. */
  previewAt(x: number, y: number): [number, number, number] {
    const j = 4 * this.index(x, y);
    const d = this.image.data;
    return [d[j] / 255, d[j + 1] / 255, d[j + 2] / 255];
  }

  private index(x: number, y: number): number {
    const xi = Math.min(this.width - 1, Math.max(0, Math.floor(x)));
    const yi = Math.min(this.height - 1, Math.max(0, Math.floor(y)));
    return yi * this.width + xi;
  }

  private last: { gridWidth: number; gridHeight: number; ab: Uint8Array } | null = null;
  private restoration = JSON.stringify([undefined, []]);

  /** Restore the preview's L* (dust strokes, tone) as the export will; repaints the last result. */
  setRestoration(original: Size, tone: ToneAdjust | undefined, dust: Stroke[]): void {
    const key = JSON.stringify([tone, dust]);
    if (key === this.restoration) return;
    this.restoration = key;
    this.post({ kind: 'restore', original, tone, dust });
    if (this.last) void this.update(this.last.gridWidth, this.last.gridHeight, this.last.ab);
  }

  private regionKey = '[]';

  /** The regions the preview lays over the network's colour (shared/region-mask.ts), with the eraser
   * strokes cut out of them; repaints the last result. */
  setRegions(original: Size, regions: Region[], erasers: Stroke[]): void {
    const key = JSON.stringify([regions, erasers]);
    if (key === this.regionKey) return;
    this.regionKey = key;
    this.post({ kind: 'regions', original, regions, erasers });
    if (this.last) void this.update(this.last.gridWidth, this.last.gridHeight, this.last.ab);
  }

  /** Paint a result; resolves when it (or a newer one that replaced it) is on the canvas. */
  update(gridWidth: number, gridHeight: number, ab: Uint8Array): Promise<void> {
    this.last = { gridWidth, gridHeight, ab };
    return new Promise((resolve) => {
      const replaced = this.waiting;
      this.waiting = { gridWidth, gridHeight, ab, resolve };
      replaced?.resolve();
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy || !this.waiting) return;
    const job = this.waiting;
    this.waiting = null;
    this.busy = true;
    this.inFlight = job;
    this.post({ kind: 'paint', id: this.nextId++, gridWidth: job.gridWidth, gridHeight: job.gridHeight, ab: job.ab });
  }

  private painted(response: CompositeResponse): void {
    this.image = new ImageData(response.rgba as Uint8ClampedArray<ArrayBuffer>, this.width, this.height);
    this.canvas.getContext('2d')?.putImageData(this.image, 0, 0);
    this.busy = false;
    this.inFlight?.resolve();
    this.inFlight = null;
    this.pump();
  }

  private post(msg: CompositeRequest): void {
    this.worker.postMessage(msg);
  }

  dispose(): void {
    this.worker.terminate();
  }
}
