// The annotated proof sheet (issue 18): one PDF, and the same pages as one PNG, beside an export. The
// original and the result side by side, the hint map with every point, stroke and region numbered in
// its colour, a legend (number, kind, colour as L*a*b* and hex, its notes and their sources), the
// catalog fields, the project's notes, the version history, the model and its SHA-256, and the
// DigitalSourceType statement. Everything on it comes from the export's recipe and the pixels that
// recipe rendered, so it cannot disagree with the export.
import { describeSource, referencesUsed } from '../../../shared/model/references';
import sharp from 'sharp';
import { labToRgb, rgbToHex, rgbToLab } from '../../../shared/imaging/color';
import { reachName } from '../../../shared/imaging/hint-reach';
import { MAX_IMAGE_PIXELS } from '../../../shared/ipc/limits';
import type { Recipe } from '../../../shared/model/recipe';
import type { Pixels16 } from './compose';
import { grayJpeg } from '../images/decode';
import { drawPdf, drawSvg, PAGE, pdfWithFonts, type Item, type Measure, type Page } from './proof-draw';
import { DIGITAL_SOURCE_TYPE } from './xmp';

export interface ProofSheet {
  pdf: Uint8Array;
  png: Buffer;
  pages: number;
  /** The legend's rows: what each number on the hint map stands for. */
  legend: LegendRow[];
}

export interface LegendRow {
  number: number;
  kind: string;
  id: string;
  /** Display colour (the object's a*b* at the result's L* there), or null for keep-original and repairs. */
  lab: [number, number, number] | null;
  hex: string | null;
  notes: { text: string; source: string }[];
}

const MARGIN = 40;
const WIDTH = PAGE.width - 2 * MARGIN;
const GRAY = '#777777';
const INK = '#111111';
/** PNG pixels per point: 1.5 makes an A4 page 893 x 1263 pixels. */
const PNG_SCALE = 1.5;

export const DIGITAL_SOURCE_STATEMENT =
  'Digital source type: composite with trained algorithmic media (IPTC). The colour in this image was produced by a trained neural network, ' +
  'guided by the hints listed here, from a black-and-white original; the lightness is the original\'s own. It is an interpretation, not a record of the original colours.';

interface Obj {
  kind: string;
  id: string;
  anchor: { x: number; y: number };
  a: number;
  b: number;
  colored: boolean;
  own?: string;
  draw: (s: (x: number, y: number) => [number, number], scale: number, hex: string) => Item[];
}

const pathOf = (pts: [number, number][], closed: boolean): string => pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`).join(' ') + (closed ? ' Z' : '');

/** Every numbered object of the recipe, in legend order: points, then strokes, then regions. */
function objects(r: Recipe): Obj[] {
  const points: Obj[] = r.hints.map((h) => ({
    kind: 'point',
    id: h.id,
    anchor: h,
    a: h.a,
    b: h.b,
    colored: true,
    own: [h.note, h.source && describeSource(h.source, r.references)].filter(Boolean).join('\n') || undefined,
    draw: (s, k, hex) => {
      const [x, y] = s(h.x, h.y);
      return [{ kind: 'circle', x, y, r: Math.max(2.5, h.radius * k), stroke: '#ffffff', width: 1.6 }, { kind: 'circle', x, y, r: Math.max(2.5, h.radius * k), stroke: INK, width: 0.6, fill: hex }];
    },
  }));
  const strokes: Obj[] = r.strokes.map((st) => {
    const purpose = st.purpose ?? 'color';
    return {
      kind: purpose === 'color' ? 'stroke' : purpose === 'dust' ? 'stroke (dust repair)' : 'stroke (erase)',
      id: st.id,
      anchor: st.points[0],
      a: st.a,
      b: st.b,
      colored: purpose === 'color',
      own: st.note,
      draw: (s, k, hex) => {
        const d = pathOf(st.points.map((p) => s(p.x, p.y)), false);
        return [{ kind: 'path', d, stroke: '#ffffff', width: Math.max(1, st.width * k) + 1.4 }, { kind: 'path', d, stroke: hex, width: Math.max(1, st.width * k) }];
      },
    };
  });
  const regions: Obj[] = r.regions.map((g) => {
    const cx = g.polygon.reduce((t, p) => t + p.x, 0) / g.polygon.length;
    const cy = g.polygon.reduce((t, p) => t + p.y, 0) / g.polygon.length;
    return {
      kind: g.keep ? 'region (keep original)' : 'region',
      id: g.id,
      anchor: { x: cx, y: cy },
      a: g.a,
      b: g.b,
      colored: !g.keep,
      own: g.note,
      draw: (s, _k, hex) => {
        const d = pathOf(g.polygon.map((p) => s(p.x, p.y)), true);
        return [{ kind: 'path', d, stroke: '#ffffff', width: 2.2 }, { kind: 'path', d, stroke: hex, width: 1.2, fill: hex, fillOpacity: 0.25 }];
      },
    };
  });
  return [...points, ...strokes, ...regions];
}

/** L* of the result at an image point, so a legend colour is the colour the export shows there. */
function lightnessAt(px: Pixels16, image: { width: number; height: number }, p: { x: number; y: number }): number {
  const x = Math.min(px.width - 1, Math.max(0, Math.round((p.x / image.width) * px.width)));
  const y = Math.min(px.height - 1, Math.max(0, Math.round((p.y / image.height) * px.height)));
  const j = 3 * (y * px.width + x);
  return rgbToLab(px.rgb[j] / 65535, px.rgb[j + 1] / 65535, px.rgb[j + 2] / 65535)[0];
}

function legendRows(r: Recipe, px: Pixels16, objs: Obj[]): LegendRow[] {
  return objs.map((o, i) => {
    const target = o.kind.startsWith('point') ? `hint ${o.id}` : `${o.kind.split(' ')[0]} ${o.id}`;
    const notes = [...(o.own ? [{ text: o.own, source: '' }] : []), ...r.notes.filter((n) => n.target === target).map((n) => ({ text: n.text, source: [n.source, n.author].filter(Boolean).join(' — ') }))];
    if (!o.colored) return { number: i + 1, kind: o.kind, id: o.id, lab: null, hex: null, notes };
    const l = Math.round(lightnessAt(px, r.original, o.anchor) * 10) / 10;
    return { number: i + 1, kind: o.kind, id: o.id, lab: [l, o.a, o.b], hex: rgbToHex(labToRgb(l, o.a, o.b)).toUpperCase(), notes };
  });
}

/** Greedy word wrap to `width` points; long words are broken. Paragraph breaks are kept. A line's
 * width is the sum of its words' and spaces' (measured once per word: long notes repeat words). */
export function wrap(text: string, width: number, size: number, measure: Measure, bold = false): string[] {
  const widths = new Map<string, number>();
  const wide = (w: string): number => {
    let v = widths.get(w);
    if (v === undefined) widths.set(w, (v = measure(w, size, bold)));
    return v;
  };
  const space = wide(' ');
  const lines: string[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f]/g, ' ').split('\n')) {
    let line = '';
    let used = 0;
    for (const word of para.split(/ +/)) {
      let w = word;
      while (wide(w) > width) {
        let cut = w.length - 1;
        while (cut > 1 && measure(w.slice(0, cut), size, bold) > width) cut = Math.floor(cut * 0.9);
        if (line) lines.push(line);
        lines.push(w.slice(0, cut));
        line = '';
        used = 0;
        w = w.slice(cut);
      }
      const grown = line ? used + space + wide(w) : wide(w);
      if (grown <= width) {
        line = line ? `${line} ${w}` : w;
        used = grown;
      } else {
        lines.push(line);
        line = w;
        used = wide(w);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** A top-to-bottom flow of items over as many pages as it takes. */
class Flow {
  readonly pages: Page[] = [];
  y = 0;

  constructor(
    readonly measure: Measure,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  get page(): Page {
    return this.pages[this.pages.length - 1];
  }

  newPage(): void {
    this.pages.push({ items: [{ kind: 'text', x: MARGIN, y: PAGE.height - 22, size: 7, text: this.footer, color: GRAY }] });
    this.y = MARGIN;
  }

  /** Room for `h` more points, starting a page if there is not. */
  room(h: number): void {
    if (this.y + h > PAGE.height - MARGIN) this.newPage();
  }

  add(...items: Item[]): void {
    this.page.items.push(...items);
  }

  /** A section title, kept with room for a table header and a row or two below it. */
  heading(text: string): void {
    this.room(70);
    this.y += 14;
    this.add({ kind: 'text', x: MARGIN, y: this.y + 10, size: 11, text, bold: true });
    this.y += 16;
  }

  paragraph(text: string, size = 8.5, x = MARGIN, width = WIDTH, color = INK): void {
    for (const line of wrap(text, width, size, this.measure)) {
      this.room(size * 1.35);
      this.add({ kind: 'text', x, y: this.y + size, size, text: line, color });
      this.y += size * 1.35;
    }
  }

  /** Rows of cells; a cell's lines wrap in its column and a row taller than a page goes on over the next. */
  table(columns: { title: string; width: number }[], rows: { cells: string[]; swatch?: string }[], size = 7.5): void {
    const lh = size * 1.35;
    const xs = columns.map((_, i) => MARGIN + columns.slice(0, i).reduce((t, c) => t + c.width, 0));
    const header = (): void => {
      this.room(lh * 2);
      this.add({ kind: 'rect', x: MARGIN, y: this.y, w: WIDTH, h: lh + 2, fill: '#e6e6e6' });
      columns.forEach((c, i) => this.add({ kind: 'text', x: xs[i] + 2, y: this.y + size + 1, size, text: c.title, bold: true }));
      this.y += lh + 4;
    };
    header();
    for (const row of rows) {
      const cells = row.cells.map((c, i) => wrap(c, columns[i].width - 6, size, this.measure));
      const height = Math.max(...cells.map((c) => c.length));
      for (let from = 0; from < height; ) {
        if (this.y + lh > PAGE.height - MARGIN) {
          this.newPage();
          header();
        }
        const fit = Math.max(1, Math.floor((PAGE.height - MARGIN - this.y) / lh));
        const to = Math.min(height, from + fit);
        if (from === 0 && row.swatch) this.add({ kind: 'rect', x: xs[2] + 2, y: this.y + 1, w: 9, h: size, fill: row.swatch, stroke: INK, width: 0.3 });
        cells.forEach((lines, i) =>
          lines.slice(from, to).forEach((text, k) => this.add({ kind: 'text', x: xs[i] + 2 + (i === 2 && row.swatch ? 12 : 0), y: this.y + size + k * lh, size, text: from > 0 && k === 0 && i === 0 ? `${text} (cont.)` : text })),
        );
        this.y += (to - from) * lh;
        from = to;
      }
      this.add({ kind: 'path', d: `M${MARGIN} ${this.y + 1.5} L${MARGIN + WIDTH} ${this.y + 1.5}`, stroke: '#dddddd', width: 0.4 });
      this.y += 3;
    }
  }
}

/** The image fitted inside a box, as a JPEG for both renderers: `jpeg` encodes it at the pixel size
 * given. */
async function fitted(jpegAt: (width: number, height: number) => Promise<Buffer>, box: { w: number; h: number }, aspect: number): Promise<{ jpeg: Buffer; w: number; h: number }> {
  const w = Math.min(box.w, box.h * aspect);
  const h = w / aspect;
  const jpeg = await jpegAt(Math.round(w * 3), Math.round(h * 3));
  return { jpeg, w, h };
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The rendered pixels as a JPEG at a size, read under the app's one pixel limit (they are the export's
 * own, never larger than its original). */
const resultJpeg = (p: Pixels16) => (width: number, height: number) =>
  sharp(p.rgb, { raw: { width: p.width, height: p.height, channels: 3 }, limitInputPixels: MAX_IMAGE_PIXELS })
    .toColourspace('srgb')
    .resize({ width, height, fit: 'fill' })
    .jpeg({ quality: 85 })
    .toBuffer();

/** The original in gray as a JPEG at a size, through the decoder's helper (and so its pixel limit). */
const originalJpeg = (bytes: Uint8Array, linear?: [number, number]) => (width: number, height: number) => grayJpeg(bytes, width, height, { linear, quality: 85 });

export interface ProofInput {
  recipe: Recipe;
  /** The export's file name, as it is written beside this sheet. */
  exportName: string;
  originalBytes: Uint8Array;
  /** The pixels the recipe rendered: exactly what the export holds, before its badge. */
  pixels: Pixels16;
}

export async function makeProofSheet({ recipe: r, exportName, originalBytes, pixels }: ProofInput): Promise<ProofSheet> {
  const made = await pdfWithFonts();
  const title = r.project?.title || r.original.name;
  const flow = new Flow(made.measure, `Tintype proof sheet of ${exportName}, made from its recipe`);
  const aspect = r.original.width / r.original.height;
  const objs = objects(r);
  const legend = legendRows(r, pixels, objs);

  flow.add({ kind: 'text', x: MARGIN, y: flow.y + 14, size: 15, text: `Proof sheet: ${title}`, bold: true });
  flow.y += 22;
  flow.paragraph(`${exportName}, ${pixels.width} x ${pixels.height} ${r.output.format}, exported ${r.createdAt} by ${r.app.name} ${r.app.version} from ${r.original.name} (${r.original.width} x ${r.original.height}).`, 8.5, MARGIN, WIDTH, GRAY);
  flow.y += 6;

  // The original and the result side by side.
  const half = (WIDTH - 12) / 2;
  const [orig, result] = await Promise.all([fitted(originalJpeg(originalBytes), { w: half, h: 230 }, aspect), fitted(resultJpeg(pixels), { w: half, h: 230 }, aspect)]);
  flow.add({ kind: 'text', x: MARGIN, y: flow.y + 8, size: 8, text: 'Original', bold: true }, { kind: 'text', x: MARGIN + half + 12, y: flow.y + 8, size: 8, text: 'Result, as exported', bold: true });
  flow.y += 12;
  flow.add({ kind: 'image', x: MARGIN, y: flow.y, w: orig.w, h: orig.h, jpeg: orig.jpeg }, { kind: 'image', x: MARGIN + half + 12, y: flow.y, w: result.w, h: result.h, jpeg: result.jpeg });
  flow.y += orig.h + 14;

  // The hint map: the original, every object drawn and numbered in its colour.
  flow.add({ kind: 'text', x: MARGIN, y: flow.y + 8, size: 8, text: `Hint map: ${count(r.hints.length, 'point')}, ${count(r.strokes.length, 'stroke')}, ${count(r.regions.length, 'region')}, numbered as in the legend`, bold: true });
  flow.y += 12;
  const map = await fitted(originalJpeg(originalBytes, [0.6, 90]), { w: WIDTH, h: 330 }, aspect);
  const mx = MARGIN + (WIDTH - map.w) / 2;
  const my = flow.y;
  const k = map.w / r.original.width;
  const s = (x: number, y: number): [number, number] => [mx + x * k, my + y * k];
  flow.add({ kind: 'image', x: mx, y: my, w: map.w, h: map.h, jpeg: map.jpeg }, { kind: 'rect', x: mx, y: my, w: map.w, h: map.h, stroke: GRAY, width: 0.5 });
  objs.forEach((o, i) => flow.add(...o.draw(s, k, legend[i].hex ?? GRAY)));
  objs.forEach((o, i) => {
    const label = String(i + 1);
    const [x, y] = s(o.anchor.x, o.anchor.y);
    const w = made.measure(label, 6.5, true) + 4;
    const fill = legend[i].hex ?? '#dddddd';
    const l = legend[i].lab?.[0] ?? 80;
    const lx = Math.min(mx + map.w - w, Math.max(mx, x + 3));
    const ly = Math.min(my + map.h - 9, Math.max(my, y - 11));
    flow.add({ kind: 'rect', x: lx, y: ly, w, h: 8.5, fill, stroke: INK, width: 0.4 }, { kind: 'text', x: lx + 2, y: ly + 6.8, size: 6.5, text: label, bold: true, color: l > 55 ? INK : '#ffffff' });
  });
  flow.y += map.h + 10;

  // What the image is, and what made it.
  flow.heading('Digital source type and model');
  flow.paragraph(DIGITAL_SOURCE_STATEMENT);
  flow.paragraph(`DigitalSourceType: ${DIGITAL_SOURCE_TYPE}`, 7.5);
  // Contract 2's model is two files: the guide (r.model) and the prior it read; both are named.
  const prior = r.model.prior;
  flow.paragraph(`Model: ${r.model.file}${prior ? ` (the guide) and ${prior.file} (its prior)` : ''} (contract ${r.model.contract})`, 8.5);
  flow.paragraph(`Model SHA-256: ${r.model.sha256}${prior ? ` (${r.model.file})` : ''}`, 8);
  if (prior) flow.paragraph(`Model SHA-256: ${prior.sha256} (${prior.file})`, 8);
  flow.paragraph(
    `Working size ${r.workingSize.width} x ${r.workingSize.height}, ${r.upsampling} upsampling; hints reach ${reachName(r.reach).toLowerCase()}; ` +
      `saturation ${r.color.saturation}, vibrance ${r.color.vibrance}, warmth ${r.color.warmth}; tone black ${r.tone.black}, white ${r.tone.white}, gamma ${r.tone.gamma}; ` +
      `${r.output.badge ? 'with' : 'without'} the COLORIZED badge; recipe version ${r.version}.`,
    8,
  );

  flow.heading('Legend');
  flow.table(
    [
      { title: 'No.', width: 30 },
      { title: 'Kind and id', width: 92 },
      { title: 'Colour (hex)', width: 66 },
      { title: 'L* a* b*', width: 74 },
      { title: 'Provenance note and source', width: WIDTH - 262 },
    ],
    legend.map((row) => ({
      cells: [
        String(row.number),
        `${row.kind}\n${row.id}`,
        row.hex ?? (row.kind.includes('keep') ? 'original tones' : 'repair'),
        row.lab ? row.lab.map((v) => (Math.round(v * 10) / 10).toFixed(1)).join('  ') : '-',
        row.notes.length ? row.notes.map((n) => (n.source ? `${n.text}\nSource: ${n.source}` : n.text)).join('\n') : '-',
      ],
      swatch: row.hex ?? undefined,
    })),
  );
  if (!legend.length) flow.paragraph('No points, strokes or regions: the colour is the model\'s own.');

  flow.heading('Catalog');
  const p = r.project;
  const catalog: [string, string | undefined][] = [
    ['Title', p?.title],
    ['Collection', p?.collection],
    ['Accession', p?.accession],
    ['Photographer', p?.photographer],
    ['Date of original', p?.date],
    ['Source', p?.source],
    ['Rights', p?.rights],
    ['Tags', p?.tags.join(', ')],
    ['Original', `${r.original.name}, ${r.original.width} x ${r.original.height}`],
    ['Original SHA-256', r.original.sha256],
  ];
  flow.table(
    [
      { title: 'Field', width: 110 },
      { title: 'Value', width: WIDTH - 110 },
    ],
    catalog.map(([f, v]) => ({ cells: [f, v || '-'] })),
  );

  if (r.references.length) {
    const used = referencesUsed(r);
    flow.heading('Colour references');
    flow.table(
      [
        { title: 'Title', width: 100 },
        { title: 'File and SHA-256', width: WIDTH - 300 },
        { title: 'Source, rights, note', width: 160 },
        { title: 'Used', width: 40 },
      ],
      r.references.map((ref) => ({ cells: [ref.title, `${ref.name}, ${ref.width} x ${ref.height}\n${ref.id}`, [ref.source, ref.rights, ref.note].filter(Boolean).join('\n') || '-', used.has(ref.id) ? 'yes' : 'no'] })),
    );
  }

  const general = r.notes.filter((n) => !/^(hint|stroke|region) /.test(n.target));
  if (general.length) {
    flow.heading('Notes');
    flow.table(
      [
        { title: 'On', width: 70 },
        { title: 'Note', width: WIDTH - 200 },
        { title: 'Source, author, date', width: 130 },
      ],
      general.map((n) => ({ cells: [n.target, n.text, [n.source, n.author, n.createdAt].filter(Boolean).join('\n')] })),
    );
  }

  flow.heading('Version history');
  flow.table(
    [
      { title: 'Step', width: 30 },
      { title: 'When', width: 112 },
      { title: 'What', width: WIDTH - 232 },
      { title: 'Version', width: 90 },
    ],
    [...r.history, { action: 'derived', when: r.createdAt, description: `Exported as ${exportName}`, parameters: '', version: undefined }].map((e, i) => ({ cells: [String(i), e.when, e.description, e.version ?? ''] })),
  );

  const pages = flow.pages;
  pages.forEach((pg, i) => pg.items.push({ kind: 'text', x: PAGE.width - MARGIN - 40, y: PAGE.height - 22, size: 7, text: `page ${i + 1} of ${pages.length}`, color: GRAY }));
  const pdf = await drawPdf(pages, { title: `Proof sheet: ${title}`, subject: `Colorized export ${exportName} of ${r.original.name}`, keywords: ['Tintype', 'proof sheet', 'compositeWithTrainedAlgorithmicMedia'], created: new Date(r.createdAt), producer: `${r.app.name} ${r.app.version}` }, made);
  // The app's own drawing, not an image it reads: its size is the pages' (PNG_SCALE x the page, per
  // page), so no input limit applies to it.
  const svg = drawSvg(pages, PNG_SCALE);
  const png = await sharp(Buffer.from(svg), { limitInputPixels: false }).png({ compressionLevel: 6 }).toBuffer();
  return { pdf, png, pages: pages.length, legend };
}
