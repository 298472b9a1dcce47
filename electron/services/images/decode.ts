// Everything the app reads from an original goes through sharp here: probing, the display copy, the
// network's working lightness and the full-resolution lightness. EXIF orientation is always applied.
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppFailure } from '../../../shared/ipc/errors';
import type { Size } from '../../../shared/network/working-size';
import { lightnessOf, type Samples } from '../../../shared/imaging/lightness';
import { rgbToLab } from '../../../shared/imaging/color';
import { MAX_IMAGE_PIXELS, PIXEL_LIMIT_MESSAGE } from '../../../shared/ipc/limits';

const DISPLAY_LONG_SIDE = 2048;
const FORMATS = new Set(['jpeg', 'png', 'tiff']);

export interface Probe {
  width: number;
  height: number;
  format: string;
  bitDepth: number;
  channels: number;
}

const open = (bytes: Uint8Array): Sharp =>
  sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();

function decodeFailure(e: unknown): AppFailure {
  const message = (e as Error).message ?? String(e);
  if (/pixel limit/i.test(message)) {
    return new AppFailure('image-too-large', PIXEL_LIMIT_MESSAGE);
  }
  if (/unsupported image format/i.test(message)) {
    return new AppFailure('unsupported-image', 'This file is not a JPEG, PNG or TIFF image.');
  }
  return new AppFailure('corrupt-image', `The image could not be decoded (the file may be damaged): ${message}`);
}

/** The header of an image (size, depth, EXIF, IPTC, ICC), read under the app's one pixel limit. */
export async function metadataOf(bytes: Uint8Array): Promise<Metadata> {
  try {
    return await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  } catch (e) {
    throw decodeFailure(e);
  }
}

export async function probe(bytes: Uint8Array): Promise<Probe> {
  const meta = await metadataOf(bytes);
  if (!meta.format || !FORMATS.has(meta.format)) {
    throw new AppFailure('unsupported-image', `Unsupported image format "${meta.format ?? 'unknown'}": use JPEG, PNG or TIFF.`);
  }
  if (!meta.width || !meta.height) throw new AppFailure('corrupt-image', 'The image has no dimensions.');
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) {
    throw new AppFailure('image-too-large', PIXEL_LIMIT_MESSAGE);
  }
  const swap = (meta.orientation ?? 1) >= 5;
  // Decode fully once so a truncated or damaged file is refused at import, not at export.
  try {
    await open(bytes).raw().toBuffer();
  } catch (e) {
    throw decodeFailure(e);
  }
  return {
    width: swap ? meta.height : meta.width,
    height: swap ? meta.width : meta.height,
    format: meta.format,
    bitDepth: meta.depth === 'ushort' ? 16 : 8,
    channels: meta.channels ?? 3,
  };
}

export async function displayPng(bytes: Uint8Array): Promise<{ width: number; height: number; png: Buffer }> {
  try {
    const { data, info } = await open(bytes)
      .resize(DISPLAY_LONG_SIDE, DISPLAY_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha()
      .png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, png: data };
  } catch (e) {
    throw decodeFailure(e);
  }
}

/** L* / 100 at the network's working size. */
export async function workingLightness(bytes: Uint8Array, work: Size): Promise<Float32Array> {
  try {
    const data = await open(bytes)
      .resize(work.width, work.height, { fit: 'fill', kernel: 'lanczos3' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer();
    const l = lightnessOf(data, work.width * work.height, 3);
    for (let i = 0; i < l.length; i++) l[i] /= 100;
    return l;
  } catch (e) {
    throw decodeFailure(e);
  }
}

/** The scan's samples at full resolution (or fitted inside `longSide`), at its own bit depth: one
 * channel for gray scans without a profile (a third of the memory), sRGB otherwise. */
export async function fullSamples(bytes: Uint8Array, longSide?: number): Promise<Samples> {
  try {
    const meta = await metadataOf(bytes);
    const gray = (meta.channels ?? 3) <= 2 && !meta.icc;
    const eight = meta.depth === 'uchar' || meta.depth === 'char';
    const space = gray ? (eight ? 'b-w' : 'grey16') : eight ? 'srgb' : 'rgb16';
    const image = longSide ? open(bytes).resize(longSide, longSide, { fit: 'inside', withoutEnlargement: true }) : open(bytes);
    const { data, info } = await image.toColourspace(space).removeAlpha().raw({ depth: eight ? 'uchar' : 'ushort' }).toBuffer({ resolveWithObject: true });
    const samples = eight ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
    return { width: info.width, height: info.height, data: samples, channels: info.channels, gray };
  } catch (e) {
    throw decodeFailure(e);
  }
}

/** The scan in gray, EXIF orientation applied, resized to exactly `width` x `height` and encoded as a
 * JPEG: the proof sheet's pictures of the original. `linear` maps each level v to a·v + b (to fade it
 * under the hint map). */
export async function grayJpeg(bytes: Uint8Array, width: number, height: number, o: { linear?: [number, number]; quality?: number } = {}): Promise<Buffer> {
  try {
    const gray = open(bytes).grayscale();
    const toned = o.linear ? gray.linear(...o.linear) : gray;
    return await toned.resize({ width, height, fit: 'fill' }).jpeg({ quality: o.quality ?? 85 }).toBuffer();
  } catch (e) {
    throw decodeFailure(e);
  }
}

/** The scan's own sRGB as 16-bit samples inside a rectangle (8-bit scans scaled by 257, so their
 * levels come back exactly when written at 8 bits). For "keep original" regions. */
export async function originalRgb16(bytes: Uint8Array, area: { left: number; top: number; width: number; height: number }, longSide?: number): Promise<Uint16Array> {
  try {
    const meta = await metadataOf(bytes);
    const eight = meta.depth === 'uchar' || meta.depth === 'char';
    const fitted = longSide ? open(bytes).resize(longSide, longSide, { fit: 'inside', withoutEnlargement: true }) : open(bytes);
    const { data } = await fitted.extract(area).toColourspace(eight ? 'srgb' : 'rgb16').removeAlpha().raw({ depth: eight ? 'uchar' : 'ushort' }).toBuffer({ resolveWithObject: true });
    return eight ? Uint16Array.from(data, (v) => v * 257) : new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2).slice();
  } catch (e) {
    throw decodeFailure(e);
  }
}

/** A colour reference at `work` (resized to fill it), as planar L* (0..100), a* and b*. */
export async function workingLab(bytes: Uint8Array, work: Size): Promise<{ l: Float32Array; a: Float32Array; b: Float32Array }> {
  try {
    const data = await open(bytes).resize(work.width, work.height, { fit: 'fill', kernel: 'lanczos3' }).toColourspace('srgb').removeAlpha().raw().toBuffer();
    const n = work.width * work.height;
    const l = new Float32Array(n);
    const a = new Float32Array(n);
    const b = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const lab = rgbToLab(data[3 * i] / 255, data[3 * i + 1] / 255, data[3 * i + 2] / 255);
      l[i] = lab[0];
      a[i] = lab[1];
      b[i] = lab[2];
    }
    return { l, a, b };
  } catch (e) {
    throw decodeFailure(e);
  }
}
