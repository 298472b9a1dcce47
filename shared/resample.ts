// Bilinear sampling of a low-resolution planar field at a higher resolution (half-pixel centres, the
// same convention as the network's own upsampling).

export interface Plane {
  width: number;
  height: number;
  /** Channel values; layout given by the two strides. */
  data: Float32Array | Int8Array;
  /** Offset between channels: 1 when interleaved, width * height when planar. */
  channelStride: number;
  /** Offset between neighbouring pixels: the channel count when interleaved, 1 when planar. */
  pixelStride: number;
  scale: number;
}

/** Sample channel `c` of `p` for every x of output row `y` of an output of size outW x outH. */
export function sampleRow(p: Plane, c: number, y: number, outW: number, outH: number, out: Float32Array): void {
  const sy = Math.min(p.height - 1, Math.max(0, ((y + 0.5) * p.height) / outH - 0.5));
  const y0 = Math.floor(sy);
  const y1 = Math.min(p.height - 1, y0 + 1);
  const fy = sy - y0;
  const base = c * p.channelStride;
  const row0 = base + y0 * p.width * p.pixelStride;
  const row1 = base + y1 * p.width * p.pixelStride;
  const kx = p.width / outW;
  for (let x = 0; x < outW; x++) {
    const sx = Math.min(p.width - 1, Math.max(0, (x + 0.5) * kx - 0.5));
    const x0 = Math.floor(sx);
    const x1 = Math.min(p.width - 1, x0 + 1);
    const fx = sx - x0;
    const i0 = x0 * p.pixelStride;
    const i1 = x1 * p.pixelStride;
    const top = p.data[row0 + i0] * (1 - fx) + p.data[row0 + i1] * fx;
    const bottom = p.data[row1 + i0] * (1 - fx) + p.data[row1 + i1] * fx;
    out[x] = (top * (1 - fy) + bottom * fy) * p.scale;
  }
}
