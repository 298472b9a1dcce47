// Holds the display copy, its L*, and the canvas each preview is painted into. The composite is the
// export's row composer at the display size (shared/imaging/compose.ts): on the GPU as a WebGL2 shader
// (gl-composer.ts) where WebGL2 is available, else in a worker on the CPU. Only the newest result is
// painted.
import { composeDisplay, fieldOfPreview } from '../../../shared/imaging/compose';
import { lightnessOf } from '../../../shared/imaging/lightness';
import type { Region, Stroke } from '../../../shared/model/guidance';
import type { ToneAdjust } from '../../../shared/imaging/tone';
import type { Size } from '../../../shared/network/working-size';
import type { CompositeRequest, CompositeResponse } from './composite.worker';
import { GlComposer } from './gl-composer';

/** A network result as the preview receives it (see ColorizeResult). */
export interface PreviewResult {
  gridWidth: number;
  gridHeight: number;
  /** Interleaved Int8 a*, b* pairs. */
  ab: Uint8Array;
  /** The L* the network saw, 8-bit codes. */
  l: Uint8Array;
}

interface Pending extends PreviewResult {
  resolve: () => void;
}

export type CompositePath = 'gl' | 'cpu';

/** Which path a new compositor takes: 'auto' (WebGL2 on a GPU; the CPU where WebGL2 is missing or is a
 * software rasteriser such as SwiftShader, slower there than the worker), or `?composite=gl` / `cpu`
 * in the page's address to force one. */
export function preferredPath(): CompositePath | 'auto' {
  const asked = new URLSearchParams(globalThis.location?.search ?? '').get('composite');
  return asked === 'cpu' || asked === 'gl' ? asked : 'auto';
}

const nextFrame = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

export class Compositor {
  readonly canvas: HTMLCanvasElement;
  readonly original: HTMLCanvasElement;
  readonly path: CompositePath;
  /** Milliseconds the last composite took (CPU: in the worker; GL: draw until the GPU finished). */
  lastMillis = 0;
  private readonly l: Float32Array;
  private readonly scan: Uint8ClampedArray;
  private image: ImageData | null = null;
  private readonly gl: GlComposer | null;
  private readonly worker: Worker;
  private busy = false;
  private waiting: Pending | null = null;
  private nextId = 1;
  private inFlight: Pending | null = null;
  private readonly references = new Map<number, (rgba: Uint8ClampedArray) => void>();

  constructor(source: HTMLImageElement, want: CompositePath | 'auto' = preferredPath()) {
    const { naturalWidth: w, naturalHeight: h } = source;
    this.original = document.createElement('canvas');
    this.original.width = w;
    this.original.height = h;
    const ctx = this.original.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(source, 0, 0);
    this.scan = ctx.getImageData(0, 0, w, h).data;
    this.l = lightnessOf(this.scan, w * h, 4);
    this.gl = want === 'cpu' ? null : GlComposer.create(w, h, want === 'gl');
    this.path = this.gl ? 'gl' : 'cpu';
    // Until the first preview arrives, the scan as neutral gray.
    const gray: PreviewResult = { gridWidth: 1, gridHeight: 1, ab: new Uint8Array(2), l: new Uint8Array(1) };
    if (this.gl) {
      this.canvas = this.gl.canvas;
      this.gl.setScan(this.scan);
      this.gl.setLightness(this.l);
      this.gl.draw(gray.gridWidth, gray.gridHeight, gray.ab, gray.l);
    } else {
      this.canvas = document.createElement('canvas');
      this.canvas.width = w;
      this.canvas.height = h;
      this.image = new ImageData(w, h);
      composeDisplay({ width: w, height: h, l: this.l, rgba: this.scan }, fieldOfPreview(1, 1, new Int8Array(2), gray.l), [], this.image.data);
      this.canvas.getContext('2d')?.putImageData(this.image, 0, 0);
    }
    this.worker = new Worker(new URL('./composite.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<CompositeResponse>) => this.received(e.data);
    this.post({ kind: 'image', width: w, height: h, l: this.l.slice(), rgba: this.scan.slice(), gl: !!this.gl });
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
    const i = this.index(x, y);
    const d = this.gl ? this.gl.pixels(i % this.width, Math.floor(i / this.width), 1, 1) : (this.image as ImageData).data.subarray(4 * i, 4 * i + 4);
    return [d[0] / 255, d[1] / 255, d[2] / 255];
  }

  /** RGBA of the whole preview on screen, rows top first. */
  pixels(): Uint8ClampedArray {
    return this.gl ? this.gl.pixels() : (this.image as ImageData).data.slice();
  }

  /** The last result composited on the CPU in the worker, whichever path is on screen: the reference
   * the GL path is checked against. Null before the first result. */
  cpuReference(): Promise<Uint8ClampedArray | null> {
    const last = this.last;
    if (!last) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.references.set(id, resolve);
      this.post({ kind: 'paint', id, gridWidth: last.gridWidth, gridHeight: last.gridHeight, ab: last.ab, l: last.l });
    });
  }

  private index(x: number, y: number): number {
    const xi = Math.min(this.width - 1, Math.max(0, Math.floor(x)));
    const yi = Math.min(this.height - 1, Math.max(0, Math.floor(y)));
    return yi * this.width + xi;
  }

  private last: PreviewResult | null = null;
  private restoration = JSON.stringify([undefined, []]);

  /** Restore the preview's L* (dust strokes, tone) as the export will; repaints the last result. */
  setRestoration(original: Size, tone: ToneAdjust | undefined, dust: Stroke[]): void {
    const key = JSON.stringify([tone, dust]);
    if (key === this.restoration) return;
    this.restoration = key;
    this.post({ kind: 'restore', original, tone, dust });
    this.repaint();
  }

  private regionKey = '[]';

  /** The regions the preview lays over the network's colour (shared/imaging/region-mask.ts), with the
   * eraser strokes cut out of them; repaints the last result. */
  setRegions(original: Size, regions: Region[], erasers: Stroke[]): void {
    const key = JSON.stringify([regions, erasers]);
    if (key === this.regionKey) return;
    this.regionKey = key;
    this.post({ kind: 'regions', original, regions, erasers });
    this.repaint();
  }

  /** Layers pending from the worker (GL path): the result is repainted when they arrive. */
  private layersPending = 0;

  private repaint(): void {
    if (this.gl) this.layersPending++;
    else if (this.last) void this.update(this.last);
  }

  /** Paint a result; resolves when it (or a newer one that replaced it) is on the canvas. */
  update(result: PreviewResult): Promise<void> {
    this.last = result;
    return new Promise((resolve) => {
      const replaced = this.waiting;
      this.waiting = { ...result, resolve };
      replaced?.resolve();
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy || !this.waiting || (this.gl && this.layersPending > 0)) return;
    const job = this.waiting;
    this.waiting = null;
    this.busy = true;
    this.inFlight = job;
    if (this.gl) void this.drawGl(this.gl, job);
    else this.post({ kind: 'paint', id: this.nextId++, gridWidth: job.gridWidth, gridHeight: job.gridHeight, ab: job.ab, l: job.l });
  }

  /** Draw on the GPU and wait (without blocking the thread) until it has finished. */
  private async drawGl(gl: GlComposer, job: Pending): Promise<void> {
    const started = performance.now();
    const done = gl.draw(job.gridWidth, job.gridHeight, job.ab, job.l);
    while (!done()) await nextFrame();
    this.lastMillis = performance.now() - started;
    this.finished();
  }

  private received(r: CompositeResponse): void {
    if (r.kind === 'layers') {
      this.gl?.setLightness(r.l);
      this.gl?.setRegions(r.layer);
      this.layersPending = Math.max(0, this.layersPending - 1);
      if (this.layersPending === 0 && this.last && !this.waiting && !this.busy) void this.update(this.last);
      else this.pump();
      return;
    }
    const reference = this.references.get(r.id);
    if (reference) {
      this.references.delete(r.id);
      return reference(r.rgba);
    }
    this.image = new ImageData(r.rgba as Uint8ClampedArray<ArrayBuffer>, this.width, this.height);
    this.canvas.getContext('2d')?.putImageData(this.image, 0, 0);
    this.lastMillis = r.millis;
    this.finished();
  }

  private finished(): void {
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
    this.gl?.dispose();
  }
}
