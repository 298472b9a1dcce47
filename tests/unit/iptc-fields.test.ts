// The original's IPTC caption fields, read from the block sharp hands over for a file exiftool wrote.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readIptcFields } from '../../electron/services/export/iptc-fields';
import { iptcScan } from '../support/iptc-scan';

describe('IPTC fields of an original', () => {
  let raw: Buffer;
  beforeAll(async () => {
    raw = (await sharp(await iptcScan()).metadata()).iptc as Buffer;
  });

  it('reads the caption fields, every keyword and UTF-8 text', () => {
    expect(readIptcFields(raw)).toEqual({
      byline: 'Timothy H. O’Sullivan',
      caption: 'A harvest of death, Gettysburg',
      dateCreated: '1863-07-05',
      copyright: 'No known restrictions',
      city: 'Gettysburg',
      country: 'United States',
      credit: 'Library of Congress',
      source: 'Glass negative LC-B8184-7964-A',
      keywords: ['battlefield', 'Pennsylvania'],
    });
  });

  it('keeps what it could read from a truncated block and reads nothing from noise', () => {
    const cut = readIptcFields(raw.subarray(0, raw.indexOf('Gettysburg') + 4)); // inside the city
    expect(cut.byline).toBe('Timothy H. O’Sullivan');
    expect([cut.city, cut.caption]).toEqual([undefined, undefined]);
    expect(readIptcFields(Buffer.from('8BIM\x04\x04\x00\x00\xff\xff\xff\xff', 'latin1'))).toEqual({});
    expect(readIptcFields(Buffer.alloc(64, 0x1c))).toEqual({});
    expect(readIptcFields(undefined)).toEqual({});
  });
});
