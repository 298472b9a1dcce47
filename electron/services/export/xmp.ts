// The XMP packet embedded in every export: where the image came from (dc:source, xmpMM:DerivedFrom),
// how it was made (xmpMM:History, one event per step, all of them), that a trained model made its
// colour (Iptc4xmpExt:DigitalSourceType), every provenance note (the project's, its versions', and each
// hint's, stroke's, region's and palette colour's own), Tintype's own record of model and hints, and the
// original's descriptive EXIF and IPTC fields where the project's catalog does not say otherwise.
//
// The packet is kept as a list of top-level properties so that a format with a size limit can split it:
// a JPEG carries what fits in its one standard XMP segment (always the essential fields) and the rest as
// Extended XMP (xmp-jpeg.ts). A packet no format could carry is a typed error before anything is written.
import { createHash } from 'node:crypto';
import { AppFailure } from '../../../shared/ipc/errors';
import { reachName } from '../../../shared/imaging/hint-reach';
import type { ExportFormat, Recipe } from '../../../shared/model/recipe';
import { describeSource, referencesUsed } from '../../../shared/model/references';
import type { ExifFields } from './exif-fields';
import type { IptcFields } from './iptc-fields';

/** What the original's own metadata says, carried into the export where the project does not say it. */
export interface OriginalMetadata {
  exif: ExifFields;
  iptc: IptcFields;
}

export const DIGITAL_SOURCE_TYPE = 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia';
export const TINTYPE_NS = 'https://tintype.app/ns/xmp/1.0/';

/** One serialised top-level property. Essential ones (what the image is, where it came from, which
 * model made it) stay in a JPEG's standard packet, which every XMP reader sees. */
export interface XmpProperty {
  xml: string;
  essential: boolean;
}

/** The packets as a format carries them: `standard` alone for TIFF and PNG; for a JPEG whose packet
 * does not fit one segment, `standard` names the Extended XMP by its GUID. */
export interface PackedXmp {
  standard: string;
  extended: { guid: string; xml: Buffer } | null;
}

/** Bytes of XMP one JPEG APP1 segment holds: 65535 less the length field and the namespace header. */
export const JPEG_STANDARD_XMP_LIMIT = 0xffff - 2 - 'http://ns.adobe.com/xap/1.0/\0'.length;
/** A PNG chunk's length is a signed 32-bit count; the iTXt keyword and flags come first. */
const PNG_XMP_LIMIT = 0x7fff_ffff - 'XML:com.adobe.xmp\0\0\0\0\0'.length;
/** A classic TIFF addresses 4 GB in all; the packet is one of its tags. */
const TIFF_XMP_LIMIT = 0xffff_0000;
/** Extended XMP states its full length as an unsigned 32-bit number. */
const EXTENDED_XMP_LIMIT = 0xffff_ffff;

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const el = (name: string, value: string | number | undefined): string => (value === undefined || value === '' ? '' : `<${name}>${esc(String(value))}</${name}>`);
const alt = (name: string, value: string | undefined): string =>
  value ? `<${name}><rdf:Alt><rdf:li xml:lang="x-default">${esc(value)}</rdf:li></rdf:Alt></${name}>` : '';
const seq = (name: string, items: string[], kind = 'Seq'): string => (items.length ? `<${name}><rdf:${kind}>${items.join('')}</rdf:${kind}></${name}>` : '');
const li = (value: string): string => `<rdf:li>${esc(value)}</rdf:li>`;
const resource = (fields: string): string => `<rdf:li rdf:parseType="Resource">${fields}</rdf:li>`;

function historyEvents(recipe: Recipe, agent: string): string[] {
  const events = recipe.history.map((e) =>
    resource(
      el('stEvt:action', e.action) +
        el('stEvt:when', e.when) +
        el('stEvt:softwareAgent', agent) +
        el('stEvt:parameters', e.version ? `${e.description} (version "${e.version}"): ${e.parameters}` : `${e.description}: ${e.parameters}`) +
        el('stEvt:changed', '/'),
    ),
  );
  events.push(resource(el('stEvt:action', 'derived') + el('stEvt:when', recipe.createdAt) + el('stEvt:softwareAgent', agent) + el('stEvt:parameters', `exported as ${recipe.output.format}`)));
  return events;
}

interface NoteItem {
  target: string;
  text: string;
  author?: string;
  source?: string;
  createdAt?: string;
}

/** Every note the export knows: the project's own (including version and hint notes), then the note
 * each hint, stroke, region and palette colour carries itself, then where each hint's and palette
 * colour's colour came from when it was taken from a reference ("from reference <title>, (x, y)"). */
export function provenanceNotes(recipe: Recipe): NoteItem[] {
  const own = (kind: string, items: { id: string; note?: string }[]): NoteItem[] => items.flatMap((i) => (i.note ? [{ target: `${kind} ${i.id}`, text: i.note }] : []));
  const from = (kind: string, items: Recipe['hints'] | Recipe['palette']): NoteItem[] =>
    items.flatMap((i) => (i.source ? [{ target: `${kind} ${i.id}`, text: describeSource(i.source, recipe.references), source: `sha256:${i.source.reference}` }] : []));
  return [...recipe.notes, ...own('hint', recipe.hints), ...own('stroke', recipe.strokes), ...own('region', recipe.regions), ...own('palette', recipe.palette), ...from('palette', recipe.palette), ...from('hint', recipe.hints)];
}

/** The project's colour references with their SHA-256 and provenance, and whether any colour used it. */
function referenceItems(recipe: Recipe): string[] {
  const used = referencesUsed(recipe);
  return recipe.references.map((r) =>
    resource(
      el('tintype:title', r.title) +
        el('tintype:sha256', `sha256:${r.id}`) +
        el('tintype:fileName', r.name) +
        el('tintype:source', r.source) +
        el('tintype:rights', r.rights) +
        el('tintype:note', r.note) +
        el('tintype:used', used.has(r.id) ? 'True' : 'False'),
    ),
  );
}

/** The export's XMP as top-level properties, in the order a JPEG's standard packet is filled. */
export function xmpProperties(recipe: Recipe, { exif, iptc }: OriginalMetadata): XmpProperty[] {
  const agent = `${recipe.app.name} ${recipe.app.version} (model ${recipe.model.file}, sha256 ${recipe.model.sha256.slice(0, 12)})`;
  const p = recipe.project;
  const creator = exif.Artist || iptc.byline || p?.photographer;
  const rights = exif.Copyright || iptc.copyright || p?.rights;
  const subjects = [...new Set([...(p?.tags ?? []), ...(iptc.keywords ?? [])])];
  const notes = provenanceNotes(recipe).map((n) =>
    resource(el('tintype:noteOn', n.target) + el('tintype:text', n.text) + el('tintype:author', n.author) + el('tintype:source', n.source) + el('tintype:when', n.createdAt)),
  );
  const essential = [
    el('dc:source', `${recipe.original.name} (sha256:${recipe.original.sha256})`),
    `<xmpMM:DerivedFrom rdf:parseType="Resource">${el('stRef:documentID', `sha256:${recipe.original.sha256}`)}${el('stRef:filePath', recipe.original.name)}</xmpMM:DerivedFrom>`,
    el('Iptc4xmpExt:DigitalSourceType', DIGITAL_SOURCE_TYPE),
    el('xmp:CreatorTool', `${recipe.app.name} ${recipe.app.version}`),
    el('xmp:CreateDate', recipe.createdAt),
    el('tintype:ModelId', recipe.model.file),
    el('tintype:ModelSHA256', recipe.model.sha256),
    el('tintype:ModelContract', recipe.model.contract),
    el('tintype:RecipeVersion', recipe.version),
  ];
  const rest = [
    alt('dc:title', p?.title),
    creator ? seq('dc:creator', [li(creator)]) : '',
    alt('dc:rights', rights),
    alt('dc:description', exif.ImageDescription || iptc.caption),
    seq('dc:subject', subjects.map(li), 'Bag'),
    el('photoshop:Source', p?.source || iptc.source),
    el('photoshop:DateCreated', iptc.dateCreated),
    el('photoshop:City', iptc.city),
    el('photoshop:Country', iptc.country),
    el('photoshop:Credit', iptc.credit),
    el('exif:DateTimeOriginal', exif.DateTimeOriginal),
    el('exif:ColorSpace', 1), // every export is sRGB, its ICC profile says so too
    el('tintype:HintCount', recipe.hints.length),
    el('tintype:StrokeCount', recipe.strokes.filter((s) => (s.purpose ?? 'color') === 'color').length),
    el('tintype:RegionCount', recipe.regions.length),
    el('tintype:HintReach', reachName(recipe.reach)),
    el('tintype:WorkingSize', `${recipe.workingSize.width}x${recipe.workingSize.height}`),
    el('tintype:Collection', p?.collection),
    el('tintype:Accession', p?.accession),
    el('tintype:DateOfOriginal', p?.date),
    el('tintype:ColorizedBadge', recipe.output.badge ? 'True' : 'False'),
    seq('tintype:References', referenceItems(recipe), 'Bag'),
    seq('tintype:ProvenanceNotes', notes, 'Bag'),
    seq('xmpMM:History', historyEvents(recipe, agent)),
  ];
  const props = (xmls: string[], isEssential: boolean): XmpProperty[] => xmls.filter(Boolean).map((xml) => ({ xml, essential: isEssential }));
  return [...props(essential, true), ...props(rest, false)];
}

const NAMESPACES = `xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:xmpNote="http://ns.adobe.com/xmp/note/"
    xmlns:stRef="http://ns.adobe.com/xap/1.0/sType/ResourceRef#"
    xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:exif="http://ns.adobe.com/exif/1.0/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:tintype="${TINTYPE_NS}"`;
const SEPARATOR = '\n    ';

/** An x:xmpmeta serialisation of `xmls`; with the packet wrapper for a standard packet, without it for
 * Extended XMP (XMP part 3, 1.1.3.1). */
function serialise(xmls: string[], wrapper: boolean): string {
  const meta = `<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    ${NAMESPACES}>${xmls.map((x) => SEPARATOR + x).join('')}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>`;
  return wrapper ? `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n${meta}\n<?xpacket end="w"?>` : meta;
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

const tooLarge = (what: string, size: number, limit: number): AppFailure =>
  new AppFailure('metadata-too-large', `The provenance metadata (${what}, ${size} bytes) is larger than the ${limit} bytes this format can carry: nothing was written. Export as TIFF or shorten the notes.`);

/** A JPEG's packets (XMP part 3): all of it in the standard packet when it fits; otherwise the essential
 * properties, then every further one in order that still fits, in the standard packet with
 * xmpNote:HasExtendedXMP naming the rest, serialised apart, by the MD5 of that serialisation. */
export function splitXmp(properties: XmpProperty[], limit = JPEG_STANDARD_XMP_LIMIT): PackedXmp {
  const whole = serialise(properties.map((p) => p.xml), true);
  if (bytes(whole) <= limit) return { standard: whole, extended: null };
  const placeholder = el('xmpNote:HasExtendedXMP', '0'.repeat(32));
  const keep = [placeholder, ...properties.filter((p) => p.essential).map((p) => p.xml)];
  let size = bytes(serialise(keep, true));
  if (size > limit) throw tooLarge('its essential fields', size, limit);
  const moved: string[] = [];
  for (const p of properties) {
    if (p.essential) continue;
    const grown = size + bytes(SEPARATOR + p.xml);
    if (grown <= limit) {
      keep.push(p.xml);
      size = grown;
    } else {
      moved.push(p.xml);
    }
  }
  const xml = Buffer.from(serialise(moved, false), 'utf8');
  if (xml.length > EXTENDED_XMP_LIMIT) throw tooLarge('its Extended XMP', xml.length, EXTENDED_XMP_LIMIT);
  const guid = createHash('md5').update(xml).digest('hex').toUpperCase();
  keep[0] = el('xmpNote:HasExtendedXMP', guid);
  return { standard: serialise(keep, true), extended: { guid, xml } };
}

/** The packets `format` carries for `properties`, or a typed error if it cannot carry them. */
export function packXmp(properties: XmpProperty[], format: ExportFormat): PackedXmp {
  if (format === 'jpeg') return splitXmp(properties);
  const standard = serialise(properties.map((p) => p.xml), true);
  const limit = format === 'tiff16' ? TIFF_XMP_LIMIT : PNG_XMP_LIMIT;
  const size = bytes(standard);
  if (size > limit) throw tooLarge('its XMP packet', size, limit);
  return { standard, extended: null };
}
