// Full-resolution export: the network's ab at the working size, upsampled to the original's size and
// recombined with the original's own L*, so no detail of the scan is lost.
import sharp from 'sharp';
import { labToRgb } from '../../../shared/color';
import { columnsFor, sampleRow } from '../../../shared/resample';
import type { Job } from '../jobs';
import { fullLightness } from '../images/decode';

export interface AbField {
  width: number;
  height: number;
  /** Planar a* / 110, b* / 110 as the network returns it. */
  ab: Float32Array;
}

const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** RGB 8-bit pixels of the colorized original, at full size or fitted inside `longSide`. */
export async function composeFullResolution(original: Uint8Array, field: AbField, job: Job, longSide?: number): Promise<{ width: number; height: number; rgb: Buffer }> {
  job.progress(0.05, 'Reading the original');
  const { width, height, l } = await fullLightness(original, longSide);
  job.check();
  const rgb = Buffer.alloc(width * height * 3);
  const plane = { width: field.width, height: field.height, data: field.ab, channelStride: field.width * field.height, pixelStride: 1, scale: 110 };
  const cols = columnsFor(plane, width);
  const a = new Float32Array(width);
  const b = new Float32Array(width);
  const band = Math.max(1, Math.floor(250_000 / width));
  for (let y = 0; y < height; y++) {
    sampleRow(plane, cols, 0, y, height, a);
    sampleRow(plane, cols, 1, y, height, b);
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const [r, g, bl] = labToRgb(l[i], a[x], b[x]);
      rgb[3 * i] = Math.round(r * 255);
      rgb[3 * i + 1] = Math.round(g * 255);
      rgb[3 * i + 2] = Math.round(bl * 255);
    }
    if (y % band === band - 1) {
      job.progress(0.1 + (0.8 * y) / height, 'Colorizing at full resolution');
      await yieldToLoop();
      job.check();
    }
  }
  return { width, height, rgb };
}

export async function encodePng(pixels: { width: number; height: number; rgb: Buffer }): Promise<Buffer> {
  return sharp(pixels.rgb, { raw: { width: pixels.width, height: pixels.height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
}
