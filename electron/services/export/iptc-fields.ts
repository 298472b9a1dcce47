// The original's IPTC-IIM caption fields an archive wants to keep (what, who, where, when, rights),
// read from the raw block sharp hands over: a Photoshop resource block (JPEG APP13, TIFF) or bare IIM
// records. Exports carry them as their IPTC Core XMP equivalents. Anything unreadable is not carried over.

export interface IptcFields {
  keywords?: string[];
  dateCreated?: string;
  byline?: string;
  city?: string;
  country?: string;
  credit?: string;
  source?: string;
  copyright?: string;
  caption?: string;
}

type Single = Exclude<keyof IptcFields, 'keywords'>;

/** Application record (2) datasets, by number. Keywords (25) repeat; the others are single. */
const DATASETS: Record<number, Single> = {
  55: 'dateCreated',
  80: 'byline',
  90: 'city',
  101: 'country',
  110: 'credit',
  115: 'source',
  116: 'copyright',
  120: 'caption',
};
const KEYWORDS = 25;
const TAG_MARKER = 0x1c;
const IIM_RESOURCE = 0x0404;
/** Record 1, dataset 90 set to ESC % G declares UTF-8; without it IIM text is Latin-1 by convention. */
const UTF8_DECLARATION = '\x1b%G';

/** The IIM records inside a Photoshop image resource block, or the buffer itself if it is bare IIM. */
function iimRecords(b: Buffer): Buffer | null {
  if (b[0] === TAG_MARKER) return b;
  let at = b.indexOf('8BIM');
  while (at >= 0 && at + 12 <= b.length) {
    const id = b.readUInt16BE(at + 4);
    const nameLength = b[at + 6];
    const sizeAt = at + 6 + nameLength + 1 + ((nameLength + 1) % 2);
    if (sizeAt + 4 > b.length) return null;
    const size = b.readUInt32BE(sizeAt);
    const dataAt = sizeAt + 4;
    if (id === IIM_RESOURCE) return b.subarray(dataAt, Math.min(b.length, dataAt + size));
    at = b.indexOf('8BIM', dataAt + size + (size % 2));
  }
  return null;
}

/** (record, dataset, value bytes) for each IIM dataset, stopping at the first malformed or cut one. */
function* datasets(iim: Buffer): Generator<[number, number, Buffer]> {
  let at = 0;
  while (at + 5 <= iim.length && iim[at] === TAG_MARKER) {
    const length = iim.readUInt16BE(at + 3);
    if (length & 0x8000) return; // extended lengths are for binary datasets, never caption text
    if (at + 5 + length > iim.length) return; // cut short: a partial value would be a wrong one
    yield [iim[at + 1], iim[at + 2], iim.subarray(at + 5, at + 5 + length)];
    at += 5 + length;
  }
}

/** IIM dates are CCYYMMDD; XMP wants CCYY-MM-DD. */
const isoDate = (v: string): string => (/^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}` : v);

export function readIptcFields(raw: Buffer | undefined): IptcFields {
  const iim = raw && raw.length >= 5 ? iimRecords(raw) : null;
  if (!iim) return {};
  const all = [...datasets(iim)];
  const utf8 = all.some(([rec, ds, v]) => rec === 1 && ds === 90 && v.toString('latin1') === UTF8_DECLARATION);
  const text = (v: Buffer): string => v.toString(utf8 ? 'utf8' : 'latin1').replace(/\0+$/, '').trim();
  const out: IptcFields = {};
  for (const [rec, ds, v] of all) {
    const value = text(v);
    if (rec !== 2 || !value) continue;
    if (ds === KEYWORDS) out.keywords = [...(out.keywords ?? []), value];
    const field = DATASETS[ds];
    if (field) out[field] = field === 'dateCreated' ? isoDate(value) : value;
  }
  return out;
}
