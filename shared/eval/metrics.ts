// Scores of the evaluation protocol (../shared/protocols/hint-eval.md): PSNR on 8-bit RGB and the
// colourfulness of Hasler and Süsstrunk (2003).

/** PSNR in dB between two interleaved 8-bit RGB(A) buffers over all pixels and the three colour channels. */
export function psnr(a: Uint8Array | Uint8ClampedArray, b: Uint8Array | Uint8ClampedArray, stride = 3): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += stride) {
    for (let c = 0; c < 3; c++) {
      const d = a[i + c] - b[i + c];
      sum += d * d;
      n++;
    }
  }
  const mse = sum / n;
  return mse === 0 ? 100 : 10 * Math.log10((255 * 255) / mse);
}

export function colorfulness(rgb: Uint8Array | Uint8ClampedArray, stride = 3): number {
  let n = 0;
  let mRg = 0;
  let mYb = 0;
  let sRg = 0;
  let sYb = 0;
  for (let i = 0; i < rgb.length; i += stride) {
    const rg = rgb[i] - rgb[i + 1];
    const yb = 0.5 * (rgb[i] + rgb[i + 1]) - rgb[i + 2];
    mRg += rg;
    mYb += yb;
    sRg += rg * rg;
    sYb += yb * yb;
    n++;
  }
  mRg /= n;
  mYb /= n;
  const varRg = sRg / n - mRg * mRg;
  const varYb = sYb / n - mYb * mYb;
  return Math.sqrt(Math.max(0, varRg) + Math.max(0, varYb)) + 0.3 * Math.sqrt(mRg * mRg + mYb * mYb);
}
