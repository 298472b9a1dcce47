import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { srgbProfile } from '../../electron/services/export/icc';
import { encodeTiff16 } from '../../electron/services/export/tiff-writer';

/** Pseudo-random 16-bit samples with some smooth structure, so both predictor paths matter. */
function samples(width: number, height: number): Uint16Array {
  const rgb = new Uint16Array(width * height * 3);
  let seed = 12345;
  for (let i = 0; i < rgb.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    rgb[i] = i % 5 === 0 ? seed >>> 16 : (i * 37) & 0xffff;
  }
  return rgb;
}

/** Read without colour management: the samples as stored (the embedded profile would be applied otherwise). */
async function decoded(file: Buffer): Promise<{ rgb: Uint16Array; width: number; height: number }> {
  const { data, info } = await sharp(file, { ignoreIcc: true }).toColourspace('rgb16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
  return { rgb: new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2), width: info.width, height: info.height };
}

describe('16-bit TIFF writer', () => {
  it.each([
    [1, 1],
    [3, 2],
    [1001, 77],
    [700, 800], // many strips, the last one short
  ])('libvips reads back every sample of a %ix%i image exactly', async (width, height) => {
    const rgb = samples(width, height);
    const back = await decoded(await encodeTiff16({ width, height, rgb, icc: await srgbProfile(), software: 'test' }));
    expect([back.width, back.height]).toEqual([width, height]);
    let differing = 0;
    for (let i = 0; i < rgb.length; i++) if (back.rgb[i] !== rgb[i]) differing++;
    expect(differing).toBe(0);
  });

  it('stores the profile, the XMP packet and the original density as tags', async () => {
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>';
    const icc = await srgbProfile();
    const file = await encodeTiff16({ width: 9, height: 5, rgb: samples(9, 5), icc, xmp, density: 600, software: 'test' });
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe('tiff');
    expect(meta.depth).toBe('ushort');
    expect(meta.density).toBe(600);
    expect(Buffer.compare(meta.icc as Buffer, icc)).toBe(0);
    expect(meta.xmp?.toString('utf8')).toBe(xmp);
  });
});
