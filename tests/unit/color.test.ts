import { describe, expect, it } from 'vitest';
import { deltaE2000, hexToRgb, labToRgb, rgbToHex, rgbToLab } from '../../shared/imaging/color';

describe('sRGB <-> Lab', () => {
  it('round-trips every 8-bit level on a 17^3 grid within 0.5 levels', () => {
    let worst = 0;
    for (let r = 0; r <= 255; r += 15.9375) {
      for (let g = 0; g <= 255; g += 15.9375) {
        for (let b = 0; b <= 255; b += 15.9375) {
          const rgb = [r, g, b].map((v) => Math.round(v) / 255) as [number, number, number];
          const back = labToRgb(...rgbToLab(...rgb));
          for (let i = 0; i < 3; i++) worst = Math.max(worst, Math.abs(back[i] - rgb[i]) * 255);
        }
      }
    }
    expect(worst).toBeLessThan(0.5);
  });

  it('matches reference Lab values (scikit-image rgb2lab)', () => {
    const white = rgbToLab(1, 1, 1);
    expect(white[0]).toBeCloseTo(100, 2);
    expect(Math.abs(white[1])).toBeLessThan(0.01);
    const red = rgbToLab(1, 0, 0);
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
  });

  it('parses and formats hex', () => {
    expect(rgbToHex(hexToRgb('#3060C0') ?? [0, 0, 0])).toBe('#3060c0');
    expect(hexToRgb('nope')).toBeNull();
  });
});

describe('CIEDE2000', () => {
  // Pairs and expected values from Sharma, Wu and Dalal (2005), table 1.
  const pairs: [number[], number[], number][] = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, -1.3802, -84.2814], [50, 0, -82.7485], 1.0],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.49, -0.001], [50, -2.49, 0.0011], 7.2195],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
  ];
  it.each(pairs)('ΔE00(%j, %j) = %f', (x, y, expected) => {
    expect(deltaE2000(x as [number, number, number], y as [number, number, number])).toBeCloseTo(expected, 3);
  });
});
