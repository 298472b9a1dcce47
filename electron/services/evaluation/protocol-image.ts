// A colour photo prepared as the evaluation protocol says: shorter side to 256 (Lanczos), centre crop,
// 8-bit sRGB, plus its L* and a*b*.
import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from '../../../shared/ipc/limits';
import { rgbToLab } from '../../../shared/imaging/color';

export const PROTOCOL_SIZE = 256;

export interface ProtocolImage {
  rgb: Uint8Array;
  /** L* / 100, the network's input. */
  l: Float32Array;
  /** Planar a* then b*. */
  ab: Float32Array;
  /** L* (0..100). */
  lightness: Float32Array;
}

export async function loadProtocolImage(file: string, size = PROTOCOL_SIZE): Promise<ProtocolImage> {
  const rgb = await sharp(file, { limitInputPixels: MAX_IMAGE_PIXELS })
    .rotate()
    .resize(size, size, { fit: 'cover', position: 'centre', kernel: 'lanczos3' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer();
  const n = size * size;
  const l = new Float32Array(n);
  const lightness = new Float32Array(n);
  const ab = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [L, a, b] = rgbToLab(rgb[3 * i] / 255, rgb[3 * i + 1] / 255, rgb[3 * i + 2] / 255);
    lightness[i] = L;
    l[i] = L / 100;
    ab[i] = a;
    ab[n + i] = b;
  }
  return { rgb: new Uint8Array(rgb), l, ab, lightness };
}
