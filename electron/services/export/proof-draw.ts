// The proof sheet's pages as drawing primitives, and the two renderers that draw them: into a PDF
// (pdf-lib, DejaVu Sans embedded so it reads the same everywhere) and into SVG, which sharp rasterises
// for the PNG. Both draw the same list, so the PDF and the PNG cannot disagree.
import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFImage } from 'pdf-lib';

/** Page coordinates in points, origin at the top left, y downward. */
export type Item =
  | { kind: 'text'; x: number; y: number; size: number; text: string; bold?: boolean; color?: string }
  | { kind: 'image'; x: number; y: number; w: number; h: number; jpeg: Buffer }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; width?: number }
  | { kind: 'path'; d: string; stroke?: string; width?: number; fill?: string; fillOpacity?: number }
  | { kind: 'circle'; x: number; y: number; r: number; stroke: string; width: number; fill?: string };

export interface Page {
  items: Item[];
}

/** A4 portrait, in points. */
export const PAGE = { width: 595.28, height: 841.89 };

export type Measure = (text: string, size: number, bold?: boolean) => number;

export interface Fonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

const resolveFrom = createRequire(import.meta.url);
let fonts: Promise<Fonts> | null = null;

/** DejaVu Sans, from the dejavu-fonts-ttf package. */
export function loadFonts(): Promise<Fonts> {
  fonts ??= Promise.all([readFile(resolveFrom.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), readFile(resolveFrom.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

function color(hex: string | undefined) {
  const n = parseInt((hex ?? '#000000').slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

export interface PdfInfo {
  title: string;
  subject: string;
  keywords: string[];
  created: Date;
  producer: string;
}

/** A PDF document with the fonts embedded, and a measure of text in them, before any page is drawn. */
export async function pdfWithFonts(): Promise<{ doc: PDFDocument; measure: Measure; regular: PDFFont; bold: PDFFont }> {
  const f = await loadFonts();
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(f.regular, { subset: true });
  const bold = await doc.embedFont(f.bold, { subset: true });
  const measure: Measure = (text, size, isBold) => (isBold ? bold : regular).widthOfTextAtSize(text, size);
  return { doc, measure, regular, bold };
}

export async function drawPdf(pages: Page[], info: PdfInfo, made: { doc: PDFDocument; regular: PDFFont; bold: PDFFont }): Promise<Uint8Array> {
  const { doc, regular, bold } = made;
  doc.setTitle(info.title);
  doc.setSubject(info.subject);
  doc.setKeywords(info.keywords);
  doc.setProducer(info.producer);
  doc.setCreator(info.producer);
  doc.setCreationDate(info.created);
  doc.setModificationDate(info.created);
  const images = new Map<Buffer, PDFImage>();
  const H = PAGE.height;
  for (const p of pages) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    for (const it of p.items) {
      switch (it.kind) {
        case 'text':
          page.drawText(it.text, { x: it.x, y: H - it.y, size: it.size, font: it.bold ? bold : regular, color: color(it.color) });
          break;
        case 'image': {
          let img = images.get(it.jpeg);
          if (!img) images.set(it.jpeg, (img = await doc.embedJpg(it.jpeg)));
          page.drawImage(img, { x: it.x, y: H - it.y - it.h, width: it.w, height: it.h });
          break;
        }
        case 'rect':
          page.drawRectangle({ x: it.x, y: H - it.y - it.h, width: it.w, height: it.h, color: it.fill ? color(it.fill) : undefined, borderColor: it.stroke ? color(it.stroke) : undefined, borderWidth: it.stroke ? (it.width ?? 0.5) : 0 });
          break;
        case 'path':
          page.drawSvgPath(it.d, { x: 0, y: H, borderColor: it.stroke ? color(it.stroke) : undefined, borderWidth: it.stroke ? (it.width ?? 1) : 0, color: it.fill ? color(it.fill) : undefined, opacity: it.fillOpacity ?? 1 });
          break;
        case 'circle':
          page.drawCircle({ x: it.x, y: H - it.y, size: it.r, borderColor: color(it.stroke), borderWidth: it.width, color: it.fill ? color(it.fill) : undefined });
          break;
      }
    }
  }
  return doc.save();
}

const xml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
const n = (v: number): string => String(Math.round(v * 100) / 100);

function svgItem(it: Item): string {
  switch (it.kind) {
    case 'text':
      return `<text x="${n(it.x)}" y="${n(it.y)}" font-size="${n(it.size)}"${it.bold ? ' font-weight="bold"' : ''} fill="${it.color ?? '#000000'}">${xml(it.text)}</text>`;
    case 'image':
      return `<image x="${n(it.x)}" y="${n(it.y)}" width="${n(it.w)}" height="${n(it.h)}" preserveAspectRatio="none" href="data:image/jpeg;base64,${it.jpeg.toString('base64')}"/>`;
    case 'rect':
      return `<rect x="${n(it.x)}" y="${n(it.y)}" width="${n(it.w)}" height="${n(it.h)}" fill="${it.fill ?? 'none'}"${it.stroke ? ` stroke="${it.stroke}" stroke-width="${it.width ?? 0.5}"` : ''}/>`;
    case 'path':
      return `<path d="${it.d}" fill="${it.fill ?? 'none'}" fill-opacity="${it.fillOpacity ?? 1}"${it.stroke ? ` stroke="${it.stroke}" stroke-width="${it.width ?? 1}" stroke-linejoin="round" stroke-linecap="round"` : ''}/>`;
    case 'circle':
      return `<circle cx="${n(it.x)}" cy="${n(it.y)}" r="${n(it.r)}" stroke="${it.stroke}" stroke-width="${it.width}" fill="${it.fill ?? 'none'}"/>`;
  }
}

/** Gap between pages in the PNG, in points. */
const GAP = 12;

/** Every page, one below the other, as one SVG `scale` times the size in points. */
export function drawSvg(pages: Page[], scale: number): string {
  const height = pages.length * PAGE.height + (pages.length - 1) * GAP;
  const body = pages.map((p, i) => `<g transform="translate(0 ${n(i * (PAGE.height + GAP))})"><rect width="${PAGE.width}" height="${PAGE.height}" fill="#ffffff"/>${p.items.map(svgItem).join('')}</g>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(PAGE.width * scale)}" height="${n(height * scale)}" viewBox="0 0 ${PAGE.width} ${n(height)}" font-family="DejaVu Sans"><rect width="100%" height="100%" fill="#c8c8c8"/>${body}</svg>`;
}
