// A small gray JPEG whose IPTC-IIM caption fields were written by exiftool (a real writer, UTF-8
// declared), with no EXIF, so an export can only have these fields from the IPTC block.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { tempDir } from './paths';

export const IPTC_CAPTION = {
  'By-line': 'Timothy H. O’Sullivan',
  'Caption-Abstract': 'A harvest of death, Gettysburg',
  DateCreated: '1863:07:05',
  CopyrightNotice: 'No known restrictions',
  City: 'Gettysburg',
  'Country-PrimaryLocationName': 'United States',
  Credit: 'Library of Congress',
  Source: 'Glass negative LC-B8184-7964-A',
};
export const IPTC_KEYWORDS = ['battlefield', 'Pennsylvania'];

export async function iptcScan(width = 320, height = 240): Promise<Buffer> {
  const file = path.join(tempDir('iptc'), 'harvest.jpg');
  const gray = Buffer.alloc(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = 60 + ((i % width) * 140) / width;
  writeFileSync(file, await sharp(gray, { raw: { width, height, channels: 1 } }).jpeg({ quality: 90 }).toBuffer());
  const args = ['-q', '-overwrite_original', '-charset', 'iptc=UTF8', '-IPTC:CodedCharacterSet=UTF8'];
  for (const [tag, value] of Object.entries(IPTC_CAPTION)) args.push(`-IPTC:${tag}=${value}`);
  for (const k of IPTC_KEYWORDS) args.push(`-IPTC:Keywords=${k}`);
  execFileSync('exiftool', [...args, file]);
  return readFileSync(file);
}
