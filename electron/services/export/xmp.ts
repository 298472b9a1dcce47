// The XMP packet embedded in every export: where the image came from (dc:source, xmpMM:DerivedFrom),
// how it was made (xmpMM:History, one event per step), that a trained model made its colour
// (Iptc4xmpExt:DigitalSourceType), the provenance notes, Tintype's own record of model and hints, and
// the original's descriptive EXIF and IPTC fields where the project's catalog does not say otherwise.
import { reachName, UNLIMITED_REACH } from '../../../shared/hint-reach';
import type { Recipe } from '../../../shared/recipe';
import type { ExifFields } from './exif-fields';
import type { IptcFields } from './iptc-fields';

/** What the original's own metadata says, carried into the export where the project does not say it. */
export interface OriginalMetadata {
  exif: ExifFields;
  iptc: IptcFields;
}

export const DIGITAL_SOURCE_TYPE = 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia';
export const TINTYPE_NS = 'https://tintype.app/ns/xmp/1.0/';

/** A JPEG's XMP segment holds at most 64 KB; longer histories are shortened here and kept whole in the sidecar. */
const MAX_EVENTS = 120;

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const el = (name: string, value: string | number | undefined): string => (value === undefined || value === '' ? '' : `<${name}>${esc(String(value))}</${name}>`);
const alt = (name: string, value: string | undefined): string =>
  value ? `<${name}><rdf:Alt><rdf:li xml:lang="x-default">${esc(value)}</rdf:li></rdf:Alt></${name}>` : '';
const seq = (name: string, items: string[], kind = 'Seq'): string => (items.length ? `<${name}><rdf:${kind}>${items.join('')}</rdf:${kind}></${name}>` : '');
const li = (value: string): string => `<rdf:li>${esc(value)}</rdf:li>`;
const resource = (fields: string): string => `<rdf:li rdf:parseType="Resource">${fields}</rdf:li>`;

function historyEvents(recipe: Recipe, agent: string): string[] {
  let steps = recipe.history;
  const omitted = Math.max(0, steps.length - MAX_EVENTS);
  if (omitted) steps = [...steps.slice(0, 20), ...steps.slice(steps.length - (MAX_EVENTS - 20))];
  const events = steps.map((e) =>
    resource(
      el('stEvt:action', e.action) +
        el('stEvt:when', e.when) +
        el('stEvt:softwareAgent', agent) +
        el('stEvt:parameters', e.version ? `${e.description} (version "${e.version}"): ${e.parameters}` : `${e.description}: ${e.parameters}`) +
        el('stEvt:changed', '/'),
    ),
  );
  if (omitted) events.splice(20, 0, resource(el('stEvt:action', 'edited') + el('stEvt:parameters', `${omitted} further steps are listed in the sidecar recipe`)));
  events.push(resource(el('stEvt:action', 'derived') + el('stEvt:when', recipe.createdAt) + el('stEvt:softwareAgent', agent) + el('stEvt:parameters', `exported as ${recipe.output.format}`)));
  return events;
}

export function buildXmp(recipe: Recipe, { exif, iptc }: OriginalMetadata): string {
  const agent = `${recipe.app.name} ${recipe.app.version} (model ${recipe.model.file}, sha256 ${recipe.model.sha256.slice(0, 12)})`;
  const p = recipe.project;
  const creator = exif.Artist || iptc.byline || p?.photographer;
  const rights = exif.Copyright || iptc.copyright || p?.rights;
  const subjects = [...new Set([...(p?.tags ?? []), ...(iptc.keywords ?? [])])];
  const notes = recipe.notes.map((n) =>
    resource(el('tintype:noteOn', n.target) + el('tintype:text', n.text) + el('tintype:author', n.author) + el('tintype:source', n.source) + el('tintype:when', n.createdAt)),
  );
  const body = [
    el('dc:source', `${recipe.original.name} (sha256:${recipe.original.sha256})`),
    alt('dc:title', p?.title),
    creator ? seq('dc:creator', [li(creator)]) : '',
    alt('dc:rights', rights),
    alt('dc:description', exif.ImageDescription || iptc.caption),
    seq('dc:subject', subjects.map(li), 'Bag'),
    el('xmp:CreatorTool', `${recipe.app.name} ${recipe.app.version}`),
    el('xmp:CreateDate', recipe.createdAt),
    el('photoshop:Source', p?.source || iptc.source),
    el('photoshop:DateCreated', iptc.dateCreated),
    el('photoshop:City', iptc.city),
    el('photoshop:Country', iptc.country),
    el('photoshop:Credit', iptc.credit),
    el('exif:DateTimeOriginal', exif.DateTimeOriginal),
    `<xmpMM:DerivedFrom rdf:parseType="Resource">${el('stRef:documentID', `sha256:${recipe.original.sha256}`)}${el('stRef:filePath', recipe.original.name)}</xmpMM:DerivedFrom>`,
    seq('xmpMM:History', historyEvents(recipe, agent)),
    el('Iptc4xmpExt:DigitalSourceType', DIGITAL_SOURCE_TYPE),
    el('tintype:ModelId', recipe.model.file),
    el('tintype:ModelSHA256', recipe.model.sha256),
    el('tintype:ModelContract', recipe.model.contract),
    el('tintype:HintCount', recipe.hints.length),
    el('tintype:StrokeCount', recipe.strokes.filter((s) => (s.purpose ?? 'color') === 'color').length),
    el('tintype:RegionCount', recipe.regions.length),
    el('tintype:HintReach', reachName(Math.min(recipe.reach, UNLIMITED_REACH))),
    el('tintype:WorkingSize', `${recipe.workingSize.width}x${recipe.workingSize.height}`),
    el('tintype:Collection', p?.collection),
    el('tintype:Accession', p?.accession),
    el('tintype:DateOfOriginal', p?.date),
    el('tintype:ColorizedBadge', recipe.output.badge ? 'True' : 'False'),
    el('tintype:RecipeVersion', recipe.version),
    seq('tintype:ProvenanceNotes', notes, 'Bag'),
  ].join('\n    ');
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:stRef="http://ns.adobe.com/xap/1.0/sType/ResourceRef#"
    xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:exif="http://ns.adobe.com/exif/1.0/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:tintype="${TINTYPE_NS}">
    ${body}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
