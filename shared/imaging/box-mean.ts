// The box mean of the imaging kernel: the guided filter of region masks (region-mask.ts) and the
// smoothed L* the hint reach charges its edges on (hint-reach.ts).

/** Mean over a (2r+1)² window (integer r), edges by the pixels that exist. */
export function boxMean(v: Float32Array, w: number, h: number, r: number): Float32Array {
  const out = new Float32Array(w * h);
  const cols = new Float64Array(w);
  const sat = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += v[y * w + x];
      cols[x] = row;
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
    }
  }
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h - 1, y + r);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w - 1, x + r);
      const s = sat[(y1 + 1) * (w + 1) + x1 + 1] - sat[y0 * (w + 1) + x1 + 1] - sat[(y1 + 1) * (w + 1) + x0] + sat[y0 * (w + 1) + x0];
      out[y * w + x] = s / ((y1 - y0 + 1) * (x1 - x0 + 1));
    }
  }
  return out;
}
