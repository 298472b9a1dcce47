// CIE L*a*b* (D65) <-> sRGB with the model contract's formulas (scikit-image's rgb2lab / lab2rgb). The
// L*a*b* -> sRGB direction is shared/imaging/lab.ts's, the transfer curve shared/imaging/srgb.ts's.
import { labToLinearInto, lightnessFromY, WHITE_X as XN, WHITE_Z as ZN } from './lab';
import { linearToSrgb, srgbToLinear } from './srgb';

export { linearToSrgb, srgbToLinear };

const YN = 1.0;

export type Lab = readonly [l: number, a: number, b: number];
export type Rgb = readonly [r: number, g: number, b: number];

function labF(t: number): number {
  return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116;
}

/** sRGB components in [0, 1] to L*a*b*. */
export function rgbToLab(r: number, g: number, b: number): Lab {
  const lr = srgbToLinear(r);
  const lg = srgbToLinear(g);
  const lb = srgbToLinear(b);
  const x = (0.412453 * lr + 0.35758 * lg + 0.180423 * lb) / XN;
  const y = (0.212671 * lr + 0.71516 * lg + 0.072169 * lb) / YN;
  const z = (0.019334 * lr + 0.119193 * lg + 0.950227 * lb) / ZN;
  const fy = labF(y);
  const l = lightnessFromY(y);
  return [l, 500 * (labF(x) - fy), 200 * (fy - labF(z))];
}

/** L*a*b* to linear-light RGB, unclipped (values outside [0, 1] are out of gamut). */
export function labToLinearRgb(l: number, a: number, b: number): Rgb {
  const out = [0, 0, 0];
  labToLinearInto(l, a, b, out);
  return out as unknown as Rgb;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** L*a*b* to sRGB components in [0, 1], clipped to the gamut. */
export function labToRgb(l: number, a: number, b: number): Rgb {
  const [r, g, bl] = labToLinearRgb(l, a, b);
  return [linearToSrgb(clamp01(r)), linearToSrgb(clamp01(g)), linearToSrgb(clamp01(bl))];
}

export function inGamut(l: number, a: number, b: number, tolerance = 1e-4): boolean {
  return labToLinearRgb(l, a, b).every((v) => v >= -tolerance && v <= 1 + tolerance);
}

/** L* of an 8-bit gray level (a gray pixel v maps to the L* of sRGB (v, v, v)). */
export function grayToL(v8: number): number {
  return rgbToLab(v8 / 255, v8 / 255, v8 / 255)[0];
}

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** CIEDE2000 colour difference (Sharma, Wu and Dalal 2005). */
export function deltaE2000(x: Lab, y: Lab): number {
  const [l1, a1, b1] = x;
  const [l2, a2, b2] = y;
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const hue = (bb: number, ap: number): number => {
    if (bb === 0 && ap === 0) return 0;
    const h = (Math.atan2(bb, ap) * 180) / Math.PI;
    return h >= 0 ? h : h + 360;
  };
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dLp = l2 - l1;
  const dCp = c2p - c1p;
  let dhp = 0;
  if (c1p * c2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin(rad(dhp / 2));
  const lBarP = (l1 + l2) / 2;
  const cBarP = (c1p + c2p) / 2;
  let hBarP = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hBarP = (h1p + h2p) / 2;
    else hBarP = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const t =
    1 -
    0.17 * Math.cos(rad(hBarP - 30)) +
    0.24 * Math.cos(rad(2 * hBarP)) +
    0.32 * Math.cos(rad(3 * hBarP + 6)) -
    0.2 * Math.cos(rad(4 * hBarP - 63));
  const dTheta = 30 * Math.exp(-(((hBarP - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (lBarP - 50) ** 2) / Math.sqrt(20 + (lBarP - 50) ** 2);
  const sc = 1 + 0.045 * cBarP;
  const sh = 1 + 0.015 * cBarP * t;
  const rt = -Math.sin(rad(2 * dTheta)) * rc;
  return Math.sqrt(
    (dLp / sl) ** 2 + (dCp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dCp / sc) * (dHp / sh),
  );
}

export function rgbToHex(rgb: Rgb): string {
  return '#' + rgb.map((v) => Math.round(clamp01(v) * 255).toString(16).padStart(2, '0')).join('');
}

export function hexToRgb(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}
