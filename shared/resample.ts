// Bilinear sampling of a low-resolution field at a higher resolution (half-pixel centres, the same
// convention as the network's own upsampling). Column positions are computed once per output width.

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

export interface Columns {
  i0: Int32Array;
  i1: Int32Array;
  fx: Float32Array;
}

const position = (dst: number, src: number, out: number): number => Math.min(src - 1, Math.max(0, ((dst + 0.5) * src) / out - 0.5));

/** Source offsets and weights for every output column (offsets already multiplied by the pixel stride). */
export function columnsFor(p: Plane, outW: number): Columns {
  const i0 = new Int32Array(outW);
  const i1 = new Int32Array(outW);
  const fx = new Float32Array(outW);
  for (let x = 0; x < outW; x++) {
    const sx = position(x, p.width, outW);
    const x0 = Math.floor(sx);
    i0[x] = x0 * p.pixelStride;
    i1[x] = Math.min(p.width - 1, x0 + 1) * p.pixelStride;
    fx[x] = sx - x0;
  }
  return { i0, i1, fx };
}

/** Sample channel `c` of `p` along output row `y` (of `outH` rows) into `out`. */
export function sampleRow(p: Plane, cols: Columns, c: number, y: number, outH: number, out: Float32Array): void {
  const sy = position(y, p.height, outH);
  const y0 = Math.floor(sy);
  const fy = sy - y0;
  const row0 = c * p.channelStride + y0 * p.width * p.pixelStride;
  const row1 = c * p.channelStride + Math.min(p.height - 1, y0 + 1) * p.width * p.pixelStride;
  const { i0, i1, fx } = cols;
  const d = p.data;
  const w0 = (1 - fy) * p.scale;
  const w1 = fy * p.scale;
  for (let x = 0; x < out.length; x++) {
    const f = fx[x];
    const top = d[row0 + i0[x]] + (d[row0 + i1[x]] - d[row0 + i0[x]]) * f;
    const bottom = d[row1 + i0[x]] + (d[row1 + i1[x]] - d[row1 + i0[x]]) * f;
    out[x] = top * w0 + bottom * w1;
  }
}
