// Content Credentials in a TIFF, per C2PA 2.x's embedding rules for TIFF: the manifest store (JUMBF) is
// the value of tag 52545 (0xCD41), type UNDEFINED, in the first IFD. @trustnxt/c2pa-ts writes JPEG and
// PNG only, so this is its Asset interface for a classic TIFF (either byte order, not BigTIFF): the first
// IFD is copied to the end of the file with that entry added (entries stay sorted), the header points to
// the copy, and the store's bytes follow it. Only those bytes are excluded from the data hash; the IFD
// entry (its length included) is hashed like the rest, and the space is sized once, before hashing.
import type { Asset } from '@trustnxt/c2pa-ts/asset';

export const C2PA_TIFF_TAG = 0xcd41;
const UNDEFINED = 7;

interface Layout {
  data: Uint8Array;
  /** Where the store's bytes start, and how many. */
  start: number;
  length: number;
}

class TiffView {
  readonly little: boolean;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    if (bytes.length < 8) throw new Error('Not a TIFF file');
    const order = String.fromCharCode(bytes[0], bytes[1]);
    if (order !== 'II' && order !== 'MM') throw new Error('Not a TIFF file');
    this.little = order === 'II';
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.u16(2) !== 42) throw new Error('Only classic TIFF (not BigTIFF) carries Content Credentials here');
  }

  u16(at: number): number {
    return this.view.getUint16(at, this.little);
  }

  u32(at: number): number {
    return this.view.getUint32(at, this.little);
  }

  get firstIfd(): number {
    return this.u32(4);
  }

  /** The first IFD's 12-byte entries and the offset of the next IFD. */
  entries(): { entries: Uint8Array[]; next: number } {
    const at = this.firstIfd;
    if (at + 2 > this.bytes.length) throw new Error('Malformed TIFF (first IFD past the end)');
    const count = this.u16(at);
    if (at + 2 + 12 * count + 4 > this.bytes.length) throw new Error('Malformed TIFF (first IFD truncated)');
    const entries = Array.from({ length: count }, (_, i) => this.bytes.subarray(at + 2 + 12 * i, at + 14 + 12 * i));
    return { entries, next: this.u32(at + 2 + 12 * count) };
  }

  tagOf(entry: Uint8Array): number {
    return new DataView(entry.buffer, entry.byteOffset, 12).getUint16(0, this.little);
  }
}

/** A TIFF whose first IFD gains (or replaces) a C2PA entry of `length` bytes, stored at the end. */
function reserve(original: Uint8Array, length: number): Layout {
  const tiff = new TiffView(original);
  const { entries, next } = tiff.entries();
  const kept = entries.filter((e) => tiff.tagOf(e) !== C2PA_TIFF_TAG);
  const ifdAt = original.length + (original.length % 2); // IFDs start on a word boundary
  const count = kept.length + 1;
  const start = ifdAt + 2 + 12 * count + 4;
  const data = new Uint8Array(start + length);
  data.set(original);
  const view = new DataView(data.buffer);
  const le = tiff.little;
  view.setUint32(4, ifdAt, le);
  view.setUint16(ifdAt, count, le);
  const entry = new Uint8Array(12);
  const e = new DataView(entry.buffer);
  e.setUint16(0, C2PA_TIFF_TAG, le);
  e.setUint16(2, UNDEFINED, le);
  e.setUint32(4, length, le);
  e.setUint32(8, start, le);
  const sorted = [...kept, entry].sort((a, b) => new DataView(a.buffer, a.byteOffset, 2).getUint16(0, le) - new DataView(b.buffer, b.byteOffset, 2).getUint16(0, le));
  sorted.forEach((x, i) => data.set(x, ifdAt + 2 + 12 * i));
  view.setUint32(ifdAt + 2 + 12 * count, next, le);
  return { data, start, length };
}

/** The C2PA entry of a TIFF's first IFD, if any: where its value lies. */
function findStore(bytes: Uint8Array): { start: number; length: number } | undefined {
  const tiff = new TiffView(bytes);
  const entry = tiff.entries().entries.find((e) => tiff.tagOf(e) === C2PA_TIFF_TAG);
  if (!entry) return undefined;
  const v = new DataView(entry.buffer, entry.byteOffset, 12);
  const length = v.getUint32(4, tiff.little);
  const start = length <= 4 ? entry.byteOffset + 8 - bytes.byteOffset : v.getUint32(8, tiff.little);
  if (start + length > bytes.length) throw new Error('Malformed TIFF (C2PA entry past the end)');
  return { start, length };
}

export class TiffAsset implements Asset {
  readonly mimeType = 'image/tiff';
  private data: Uint8Array;
  private store: { start: number; length: number } | undefined;

  constructor(data: Uint8Array) {
    this.data = data;
    this.store = findStore(data);
  }

  static canRead(data: Uint8Array): boolean {
    try {
      new TiffView(data);
      return true;
    } catch {
      return false;
    }
  }

  getDataLength(): number {
    return this.data.length;
  }

  async getDataRange(start?: number, length?: number): Promise<Uint8Array> {
    if (start === undefined) return this.data;
    return this.data.subarray(start, length === undefined ? undefined : Math.min(this.data.length, start + length));
  }

  getManifestJUMBF(): Uint8Array | undefined {
    return this.store && this.data.subarray(this.store.start, this.store.start + this.store.length);
  }

  dumpInfo(): string {
    return `TIFF file, ${this.data.length} bytes${this.store ? `, C2PA store of ${this.store.length} bytes at ${this.store.start}` : ''}`;
  }

  async ensureManifestSpace(length: number): Promise<void> {
    if (this.store?.length === length) return;
    const layout = reserve(this.data, length);
    this.data = layout.data;
    this.store = { start: layout.start, length: layout.length };
  }

  getHashExclusionRange(): { start: number; length: number } {
    if (!this.store) throw new Error('No manifest storage reserved');
    return { ...this.store };
  }

  async writeManifestJUMBF(jumbf: Uint8Array): Promise<void> {
    if (!this.store || this.store.length !== jumbf.length) throw new Error('Wrong amount of space in asset');
    this.data.set(jumbf, this.store.start);
  }
}
