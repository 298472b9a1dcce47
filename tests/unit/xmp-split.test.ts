// Splitting a packet for JPEG (XMP part 3): what fits stays whole, an overflow moves whole properties
// to Extended XMP under the MD5 GUID with the essential ones kept standard, and a packet no JPEG can
// carry is a typed error before any file exists.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { writeExport } from '../../electron/services/export/exporter';
import { EXTENDED_CHUNK, withJpegXmp, xmpSegments } from '../../electron/services/export/jpeg-xmp';
import { JPEG_STANDARD_XMP_LIMIT, packXmp, splitXmp, type XmpProperty } from '../../electron/services/export/xmp';
import { Jobs } from '../../electron/services/jobs';
import { AppFailure } from '../../shared/ipc/errors';
import type { Recipe } from '../../shared/model/recipe';
import { testRecipe } from '../support/recipes';
import { tempDir } from '../support/paths';

const prop = (name: string, size: number, essential = false): XmpProperty => ({ xml: `<tintype:${name}>${'x'.repeat(size)}</tintype:${name}>`, essential });

function recipe(name: string): Recipe {
  return testRecipe({ original: { name, sha256: 'a'.repeat(64), width: 8, height: 8 } });
}

describe('XMP for JPEG', () => {
  it('keeps a packet that fits in one standard segment', () => {
    const packed = splitXmp([prop('A', 100, true), prop('B', 1000)]);
    expect(packed.extended).toBeNull();
    expect(packed.standard).not.toContain('HasExtendedXMP');
  });

  it('moves whole properties to Extended XMP, essentials first in the standard packet, GUID = MD5', () => {
    const packed = splitXmp([prop('Model', 200, true), prop('Small', 500), prop('History', 70_000), prop('Title', 300), prop('Notes', 200_000)]);
    const ext = packed.extended;
    expect(ext).not.toBeNull();
    if (!ext) return;
    expect(ext.guid).toBe(createHash('md5').update(ext.xml).digest('hex').toUpperCase());
    expect(packed.standard).toContain(`<xmpNote:HasExtendedXMP>${ext.guid}</xmpNote:HasExtendedXMP>`);
    for (const name of ['Model', 'Small', 'Title']) expect(packed.standard).toContain(`<tintype:${name}>`);
    for (const name of ['History', 'Notes']) {
      expect(packed.standard).not.toContain(`<tintype:${name}>`);
      expect(ext.xml.toString()).toContain(`<tintype:${name}>`);
    }
    expect(ext.xml.toString()).not.toContain('<?xpacket');
    const segments = xmpSegments(packed);
    expect(segments).toHaveLength(1 + Math.ceil(ext.xml.length / EXTENDED_CHUNK));
    for (const s of segments) expect(s.readUInt16BE(2)).toBeLessThanOrEqual(0xffff);
  });

  it('replaces XMP the encoder wrote and keeps JFIF and EXIF first', async () => {
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#888' } }).withExif({ IFD0: { Artist: 'x' } }).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>').jpeg().toBuffer();
    const out = withJpegXmp(jpeg, { standard: '<x:xmpmeta xmlns:x="adobe:ns:meta/"><!--new--></x:xmpmeta>', extended: null });
    expect((await sharp(out).metadata()).xmp?.toString()).toContain('<!--new-->');
    expect(out.indexOf('Exif\0')).toBeLessThan(out.indexOf('http://ns.adobe.com/xap/1.0/'));
    expect(out.indexOf('http://ns.adobe.com/xap/1.0/')).toBe(out.lastIndexOf('http://ns.adobe.com/xap/1.0/'));
  });

  it('refuses, with a typed error, essentials larger than a segment', () => {
    const attempt = () => splitXmp([prop('Model', JPEG_STANDARD_XMP_LIMIT, true)]);
    expect(attempt).toThrow(AppFailure);
    expect(attempt).toThrow(expect.objectContaining({ code: 'metadata-too-large' }));
  });

  it('writes nothing at all when the packet cannot be carried', async () => {
    const dir = tempDir('xmp-refused');
    const original = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#777' } }).jpeg().toBuffer();
    const pixels = { width: 8, height: 8, rgb: new Uint16Array(8 * 8 * 3).fill(30000) };
    const r = recipe(`${'very long name '.repeat(5000)}.jpg`); // the name is in dc:source and DerivedFrom, both essential
    await expect(writeExport(path.join(dir, 'out.jpg'), pixels, r, original, Jobs.detached())).rejects.toMatchObject({ code: 'metadata-too-large' });
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(path.join(dir, 'out.tintype.json'))).toBe(false);
    // TIFF carries the same packet whole.
    expect(packXmp([prop('Model', 200_000, true)], 'tiff16').extended).toBeNull();
  });
});
