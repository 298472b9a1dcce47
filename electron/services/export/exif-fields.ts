// The original's descriptive EXIF fields an archive wants to keep (who, when, rights, camera), read
// from the raw EXIF block sharp hands over. Anything unreadable is simply not carried over.

export interface ExifFields {
  ImageDescription?: string;
  Make?: string;
  Model?: string;
  Artist?: string;
  Copyright?: string;
  DateTime?: string;
  DateTimeOriginal?: string;
}

const IFD0_TAGS: Record<number, keyof ExifFields> = {
  0x010e: 'ImageDescription',
  0x010f: 'Make',
  0x0110: 'Model',
  0x013b: 'Artist',
  0x8298: 'Copyright',
  0x0132: 'DateTime',
};
const EXIF_IFD_POINTER = 0x8769;
const DATE_TIME_ORIGINAL = 0x9003;
const ASCII = 2;
const LONG = 4;

class Reader {
  constructor(
    private readonly b: Buffer,
    private readonly base: number,
    private readonly little: boolean,
  ) {}

  u16(at: number): number {
    return this.little ? this.b.readUInt16LE(this.base + at) : this.b.readUInt16BE(this.base + at);
  }

  u32(at: number): number {
    return this.little ? this.b.readUInt32LE(this.base + at) : this.b.readUInt32BE(this.base + at);
  }

  ascii(entry: number): string {
    const count = this.u32(entry + 4);
    const at = count <= 4 ? entry + 8 : this.u32(entry + 8);
    return this.b.toString('latin1', this.base + at, this.base + at + count).replace(/\0+$/, '').trim();
  }

  /** (tag, entry offset) for every entry of the IFD at `at`. */
  *entries(at: number): Generator<[number, number]> {
    const n = this.u16(at);
    for (let i = 0; i < Math.min(n, 512); i++) {
      const entry = at + 2 + 12 * i;
      yield [this.u16(entry), entry];
    }
  }

  type(entry: number): number {
    return this.u16(entry + 2);
  }
}

export function readExifFields(exif: Buffer | undefined): ExifFields {
  if (!exif || exif.length < 14) return {};
  const base = exif.toString('latin1', 0, 4) === 'Exif' ? 6 : 0;
  const order = exif.toString('latin1', base, base + 2);
  if (order !== 'II' && order !== 'MM') return {};
  const r = new Reader(exif, base, order === 'II');
  const out: ExifFields = {};
  try {
    let exifIfd = 0;
    for (const [tag, entry] of r.entries(r.u32(4))) {
      const name = IFD0_TAGS[tag];
      if (name && r.type(entry) === ASCII) out[name] = r.ascii(entry);
      if (tag === EXIF_IFD_POINTER && r.type(entry) === LONG) exifIfd = r.u32(entry + 8);
    }
    if (exifIfd) {
      for (const [tag, entry] of r.entries(exifIfd)) {
        if (tag === DATE_TIME_ORIGINAL && r.type(entry) === ASCII) out.DateTimeOriginal = r.ascii(entry);
      }
    }
  } catch {
    // A truncated or odd EXIF block: keep what was read.
  }
  for (const k of Object.keys(out) as (keyof ExifFields)[]) if (!out[k]) delete out[k];
  return out;
}
