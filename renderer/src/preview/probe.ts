// What the end-to-end tests and the bench read of the preview on screen (`window.tintypePreview`):
// its pixels at the display size, the same result composited on the CPU, and which path drew it.
import type { Compositor } from './compositor';

export interface PreviewProbe {
  path: Compositor['path'];
  width: number;
  height: number;
  /** RGBA of the preview on screen, base64 (it crosses into the test process). */
  pixels: () => string;
  cpuReference: () => Promise<string | null>;
}

function base64(bytes: Uint8ClampedArray): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function exposePreview(compositor: Compositor | null): void {
  const probe: PreviewProbe | undefined = compositor
    ? {
        path: compositor.path,
        width: compositor.width,
        height: compositor.height,
        pixels: () => base64(compositor.pixels()),
        cpuReference: async () => {
          const r = await compositor.cpuReference();
          return r && base64(r);
        },
      }
    : undefined;
  (globalThis as { tintypePreview?: PreviewProbe }).tintypePreview = probe;
}
