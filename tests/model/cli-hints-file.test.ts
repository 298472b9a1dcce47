// `tintype colorize --hints FILE` with every kind of hint (issue 17, item 5): points, strokes and regions
// in original pixels, run through the real CLI, model and export on a real scan. Regions obey the
// studio's rule: their colour inside, nothing changed farther than 8 px outside.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { deltaE2000, hexToRgb, rgbToLab } from '../../shared/imaging/color';
import { ROOT, SAMPLES_BW, tempDir } from '../support/paths';

const CLI = path.join(ROOT, 'electron', 'cli', 'tintype.ts');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 300_000 });

async function rgb16(file: string) {
  const { data, info } = await sharp(file, { ignoreIcc: true }).toColourspace('rgb16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
  return { width: info.width, rgb: new Uint16Array(data.buffer, data.byteOffset, data.length / 2) };
}

const REGION = [[200, 300], [450, 280], [470, 560], [220, 600]] as const;

describe('tintype colorize --hints with points, strokes and regions', () => {
  it('honours each kind; a region colours its inside and nothing beyond 8 px outside', async () => {
    const dir = tempDir('cli-marks');
    const input = path.join(dir, 'in');
    mkdirSync(input);
    const scan = path.join(SAMPLES_BW, 'bopb_001.png');
    writeFileSync(path.join(input, 'bopb_001.png'), await sharp(scan).png().toBuffer());
    const common = {
      points: [{ x: 100, y: 100, color: '#3a6ea5', radius: 6 }],
      strokes: [{ points: [[80, 800], [560, 800]], width: 14, color: '#a5533a' }],
    };
    const region = { polygon: REGION, color: '#2a9d3a', keep: false };
    writeFileSync(path.join(dir, 'with.json'), JSON.stringify({ ...common, regions: [region] }));
    writeFileSync(path.join(dir, 'without.json'), JSON.stringify(common));
    for (const name of ['with', 'without']) {
      const r = run(['colorize', input, '--out', path.join(dir, name), '--hints', path.join(dir, `${name}.json`), '--format', 'png']);
      expect(r.status, r.stderr).toBe(0);
    }
    const a = await rgb16(path.join(dir, 'with', 'bopb_001.png'));
    const b = await rgb16(path.join(dir, 'without', 'bopb_001.png'));
    const lab = (im: typeof a, x: number, y: number) => {
      const j = 3 * (y * im.width + x);
      return rgbToLab(im.rgb[j] / 65535, im.rgb[j + 1] / 65535, im.rgb[j + 2] / 65535);
    };
    // Inside, well away from the outline: the region's colour at the pixel's own L*.
    const [, ra, rb] = rgbToLab(...(hexToRgb(region.color) as [number, number, number]));
    for (const [x, y] of [[330, 440], [300, 380], [400, 500]]) {
      const shown = lab(a, x, y);
      expect(deltaE2000([shown[0], ra, rb], shown), `inside at ${x},${y}`).toBeLessThan(10);
    }
    // Outside, beyond 8 px of its bounding box: the same pixels as without the region.
    let changed = 0;
    for (let y = 0; y < 900; y += 2) {
      for (let x = 0; x < 644; x += 2) {
        if (x > 190 && x < 480 && y > 270 && y < 610) continue;
        const j = 3 * (y * a.width + x);
        if (a.rgb[j] !== b.rgb[j] || a.rgb[j + 1] !== b.rgb[j + 1] || a.rgb[j + 2] !== b.rgb[j + 2]) changed++;
      }
    }
    expect(changed).toBe(0);
    // The point and the stroke still carry their colours.
    for (const [hex, x, y] of [['#3a6ea5', 100, 100], ['#a5533a', 320, 800]] as const) {
      const [, ha, hb] = rgbToLab(...(hexToRgb(hex) as [number, number, number]));
      const shown = lab(a, x, y);
      expect(deltaE2000([shown[0], ha, hb], shown), `${hex} at ${x},${y}`).toBeLessThan(12);
    }
  }, 300_000);

  it('refuses a malformed file, naming where (the plain list of points is covered in cli.test.ts)', () => {
    const dir = tempDir('cli-marks-bad');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ regions: [{ polygon: [[0, 0], [10, 0]], color: '#00ff00' }] }));
    const r = run(['colorize', SAMPLES_BW, '--out', path.join(dir, 'out'), '--hints', bad]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--hints .*bad\.json: at regions\.0\.polygon/);
    const colourless = path.join(dir, 'colourless.json');
    writeFileSync(colourless, JSON.stringify({ regions: [{ polygon: [[0, 0], [10, 0], [10, 10]] }] }));
    expect(run(['colorize', SAMPLES_BW, '--out', path.join(dir, 'out'), '--hints', colourless]).stderr).toMatch(/regions\.0\.color: a coloured region needs a colour/);
  });
});
