// XMP in a JPEG (XMP specification part 3, 1.1.3): the standard packet in one APP1 segment headed
// "http://ns.adobe.com/xap/1.0/\0", and Extended XMP, when there is any, in ordered APP1 segments headed
// "http://ns.adobe.com/xmp/extension/\0", each followed by the GUID (32 ASCII hex digits), the full
// length and this piece's offset (both 32-bit big-endian). libvips drops a packet over one segment
// without a word, so JPEG exports get their XMP here instead.
import { AppFailure } from '../../../shared/ipc/errors';
import { JPEG_STANDARD_XMP_LIMIT, type PackedXmp } from './xmp';

const STANDARD_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
const EXTENDED_HEADER = Buffer.from('http://ns.adobe.com/xmp/extension/\0', 'latin1');
const APP1 = 0xe1;
/** Bytes of Extended XMP one segment holds: 65535 less the length field, header, GUID, length and offset. */
export const EXTENDED_CHUNK = 0xffff - 2 - EXTENDED_HEADER.length - 32 - 8;

function app1(payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = APP1;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** The APP1 segments carrying `xmp`, standard packet first. */
export function xmpSegments(xmp: PackedXmp): Buffer[] {
  const standard = Buffer.from(xmp.standard, 'utf8');
  if (standard.length > JPEG_STANDARD_XMP_LIMIT) throw new AppFailure('metadata-too-large', `The standard XMP packet (${standard.length} bytes) does not fit a JPEG segment.`);
  const segments = [app1(Buffer.concat([STANDARD_HEADER, standard]))];
  if (!xmp.extended) return segments;
  const { guid, xml } = xmp.extended;
  for (let offset = 0; offset < xml.length; offset += EXTENDED_CHUNK) {
    const numbers = Buffer.alloc(8);
    numbers.writeUInt32BE(xml.length, 0);
    numbers.writeUInt32BE(offset, 4);
    segments.push(app1(Buffer.concat([EXTENDED_HEADER, Buffer.from(guid, 'latin1'), numbers, xml.subarray(offset, offset + EXTENDED_CHUNK)])));
  }
  return segments;
}

const startsWith = (b: Buffer, at: number, header: Buffer): boolean => b.length >= at + header.length && b.subarray(at, at + header.length).equals(header);

/** `jpeg` with `xmp` after its JFIF and EXIF segments (any XMP it had is dropped). */
export function withJpegXmp(jpeg: Buffer, xmp: PackedXmp): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new AppFailure('internal', 'The JPEG encoder returned no JPEG.');
  const head: Buffer[] = [jpeg.subarray(0, 2)];
  const later: Buffer[] = [];
  let at = 2;
  // The leading APPn and COM segments; the frame itself starts at the first other marker.
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && ((jpeg[at + 1] >= 0xe0 && jpeg[at + 1] <= 0xef) || jpeg[at + 1] === 0xfe)) {
    const end = at + 2 + jpeg.readUInt16BE(at + 2);
    const segment = jpeg.subarray(at, end);
    const marker = jpeg[at + 1];
    const isXmp = marker === APP1 && (startsWith(jpeg, at + 4, STANDARD_HEADER) || startsWith(jpeg, at + 4, EXTENDED_HEADER));
    if (!isXmp) (marker <= APP1 && later.length === 0 ? head : later).push(segment);
    at = end;
  }
  return Buffer.concat([...head, ...xmpSegments(xmp), ...later, jpeg.subarray(at)]);
}
