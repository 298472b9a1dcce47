// Provenance that no export loses (issue 18): a project with 16 lasso regions, 19 steps and three
// 20,000-character notes overflows one JPEG APP1 segment. The JPEG carries it as standard plus Extended
// XMP, which exiftool reassembles; every note (the project's, a version's, a hint's own) and the whole
// history read back from JPEG, PNG and TIFF alike, and JPEG EXIF says sRGB beside the sRGB profile.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Studio } from '../../electron/services/studio';
import type { ExportResult, Results } from '../../shared/ipc/contract';
import { MODELS, tempDir } from '../support/paths';
import { call, projectWithHints, syntheticScan } from '../support/studio-fixtures';

const dir = tempDir('large-provenance');
const studio = new Studio({ libraryDir: dir, modelsDir: MODELS, emit: () => {} });
afterAll(() => studio.close());

function exiftool(file: string): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-a', '-G1', '-struct', file], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return (JSON.parse(out) as Record<string, unknown>[])[0];
}

/** The JPEG's APP1 segments by kind, read straight from the file. */
function app1Segments(file: string): { standard: number[]; extended: { guid: string; total: number; offset: number; bytes: number }[] } {
  const b = readFileSync(file);
  const out = { standard: [] as number[], extended: [] as { guid: string; total: number; offset: number; bytes: number }[] };
  for (let at = 2; b[at] === 0xff && b[at + 1] !== 0xda; ) {
    const length = b.readUInt16BE(at + 2);
    const payload = b.subarray(at + 4, at + 2 + length);
    if (b[at + 1] === 0xe1 && payload.toString('latin1', 0, 29) === 'http://ns.adobe.com/xap/1.0/\0') out.standard.push(payload.length - 29);
    const ext = 'http://ns.adobe.com/xmp/extension/\0';
    if (b[at + 1] === 0xe1 && payload.toString('latin1', 0, ext.length) === ext) {
      const h = ext.length;
      out.extended.push({ guid: payload.toString('latin1', h, h + 32), total: payload.readUInt32BE(h + 32), offset: payload.readUInt32BE(h + 36), bytes: payload.length - h - 40 });
    }
    at += 2 + length;
  }
  return out;
}

const lasso = (cx: number, cy: number, r: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ x: Math.round((cx + r * Math.cos((2 * Math.PI * i) / n)) * 10) / 10, y: Math.round((cy + r * Math.sin((2 * Math.PI * i) / n)) * 10) / 10 }));

/** Three different 20,000-character notes, so none can stand in for another. */
const longNote = (tag: string): string => `${tag}: ${'Ledger entry, quartermaster stores, blue wool kersey. '.repeat(400)}`.slice(0, 20_000 - tag.length - 5) + ` END-${tag}`;

describe('provenance of a large project survives every export', () => {
  let projectId = '';
  let imageId = '';
  const notes = { project: longNote('PROJECT'), version: longNote('VERSION'), hint: longNote('HINT') };

  beforeAll(async () => {
    {
      const made = await projectWithHints(studio, 'company-k.jpg', await syntheticScan(900, 600), [{ id: 'coat', x: 200, y: 300, radius: 12, a: 8, b: -40, note: 'Union blue, from the hint itself' }]);
      ({ projectId } = made);
      imageId = made.image.id;
      let head = (await call<Results['openProject']>(studio, 'openProject', { projectId })).history.head;
      for (let i = 0; i < 16; i++) {
        const region = { id: `r${i}`, polygon: lasso(60 + (i % 4) * 200, 60 + Math.floor(i / 4) * 140, 50, 240), a: i - 8, b: 20 - i, keep: false, note: `region ${i} from the tintype's case` };
        head = (await call<{ head: number }>(studio, 'applyEdit', { projectId, base: head, op: { kind: 'region.add', region } })).head;
      }
      const stroke = { id: 's1', points: lasso(450, 300, 80, 60), width: 6, a: 20, b: 30, note: 'sash, after the regimental history' };
      head = (await call<{ head: number }>(studio, 'applyEdit', { projectId, base: head, op: { kind: 'stroke.add', stroke } })).head;
      await call(studio, 'applyEdit', { projectId, base: head, op: { kind: 'reach.set', reach: 0.5 } });
      const { versions } = (await call<{ history: { versions: { id: number; name: string }[] } }>(studio, 'createVersion', { projectId, name: 'Ledger colours', thumbnail: null })).history;
      const version = versions.find((v) => v.name === 'Ledger colours');
      expect(version).toBeDefined();
      await call(studio, 'addNote', { projectId, target: { kind: 'project' }, text: notes.project, author: 'A. Archivist', source: 'Ledger 12' });
      await call(studio, 'addNote', { projectId, target: { kind: 'version', id: version?.id ?? 0 }, text: notes.version, author: 'A. Archivist', source: 'Ledger 13' });
      await call(studio, 'addNote', { projectId, target: { kind: 'hint', id: 'coat' }, text: notes.hint, author: 'A. Archivist', source: 'Ledger 14' });
      for (const text of Object.values(notes)) expect(text).toHaveLength(20_000);
    }
  });

  it.each(['jpeg', 'png16', 'tiff16'] as const)('%s carries DigitalSourceType, DerivedFrom, the full history and every note', async (format) => {
    const started = performance.now();
    const out = await call<ExportResult>(studio, 'exportImage', { projectId, format, badge: false, jobId: `big-${format}` });
    const ms = performance.now() - started;
    const file = path.join(dir, 'exports', out.fileName);
    const recipe = JSON.parse(readFileSync(path.join(dir, 'exports', out.sidecarName), 'utf8')) as { history: unknown[] };
    expect(recipe.history.length, 'import + 19 steps').toBe(20);

    const tags = exiftool(file);
    expect(tags['XMP-iptcExt:DigitalSourceType']).toMatch(/compositeWithTrainedAlgorithmicMedia$/);
    expect(tags['XMP-xmpMM:DerivedFrom']).toEqual({ DocumentID: `sha256:${imageId}`, FilePath: 'company-k.jpg' });
    expect(String(tags['XMP-dc:Source'])).toContain(imageId);
    const history = tags['XMP-xmpMM:History'] as { Action: string; Parameters: string }[];
    expect(history.map((e) => e.Action)).toEqual(['created', ...Array<string>(19).fill('edited'), 'derived']);
    expect(history.filter((e) => e.Parameters.startsWith('Outlined a region'))).toHaveLength(16);
    const xmpNotes = tags['XMP-tintype:ProvenanceNotes'] as { NoteOn: string; Text: string; Source?: string }[];
    const texts = xmpNotes.map((n) => n.Text);
    for (const text of Object.values(notes)) expect(texts).toContain(text);
    expect(xmpNotes.map((n) => n.NoteOn)).toEqual(expect.arrayContaining(['project', 'hint coat', 'stroke s1', 'region r0', 'region r15']));
    expect(texts).toContain('Union blue, from the hint itself');
    expect(texts).toContain('sash, after the regimental history');
    expect(tags['XMP-tintype:RegionCount']).toBe(16);

    if (format === 'jpeg') {
      const seg = app1Segments(file);
      expect(seg.standard).toHaveLength(1);
      expect(seg.standard[0]).toBeLessThanOrEqual(65504);
      expect(seg.extended.length).toBeGreaterThan(1);
      const guid = tags['XMP-xmpNote:HasExtendedXMP'];
      expect(guid).toMatch(/^[0-9A-F]{32}$/);
      expect(new Set(seg.extended.map((s) => s.guid))).toEqual(new Set([guid]));
      expect(seg.extended.map((s) => s.offset)).toEqual(seg.extended.map((_, i) => seg.extended.slice(0, i).reduce((n, s) => n + s.bytes, 0)));
      expect(seg.extended.reduce((n, s) => n + s.bytes, 0)).toBe(seg.extended[0].total);
      expect(tags['ExifIFD:ColorSpace']).toBe('sRGB');
      console.log(`jpeg: standard XMP ${seg.standard[0]} bytes, extended ${seg.extended[0].total} bytes in ${seg.extended.length} segments`);
    }
    if (format === 'png16') expect(tags['ExifIFD:ColorSpace']).toBe('sRGB');
    expect(String(tags['ICC_Profile:ProfileDescription'])).toMatch(/sRGB/);
    console.log(`${format}: ${out.bytes} bytes, exported in ${Math.round(ms)} ms`);
  });
});

describe('the issue\'s closing measurement: 500 steps, 200 hints with notes, 50 regions, three long notes', () => {
  let projectId = '';
  const notes = [longNote('ONE'), longNote('TWO'), longNote('THREE')];

  beforeAll(async () => {
    ({ projectId } = await projectWithHints(studio, 'regiment.jpg', await syntheticScan(960, 640), []));
    let head = (await call<Results['openProject']>(studio, 'openProject', { projectId })).history.head;
    const edit = async (op: unknown) => (head = (await call<{ head: number }>(studio, 'applyEdit', { projectId, base: head, op })).head);
    for (let i = 0; i < 200; i++) await edit({ kind: 'hint.add', hint: { id: `h${i}`, x: 20 + (i % 20) * 43, y: 20 + Math.floor(i / 20) * 58, radius: 4, a: (i % 30) - 15, b: 15 - (i % 30), note: `hint ${i}: colour from the muster roll, entry ${i * 7}` } });
    for (let i = 0; i < 50; i++) await edit({ kind: 'region.add', region: { id: `r${i}`, polygon: lasso(45 + (i % 10) * 90, 60 + Math.floor(i / 10) * 120, 40, 120), a: 5, b: 10, keep: false } });
    for (let i = 0; i < 250; i++) await edit({ kind: 'hint.move', id: `h${i % 200}`, to: { x: 25 + (i % 20) * 43, y: 22 + Math.floor((i % 200) / 20) * 58 } });
    for (const [k, text] of notes.entries()) await call(studio, 'addNote', { projectId, target: { kind: 'project' }, text, author: 'A. Archivist', source: `Ledger ${k}` });
  });

  it.each(['jpeg', 'png16', 'tiff16'] as const)('%s: exiftool reads all 502 events and every note', async (format) => {
    const started = performance.now();
    const out = await call<ExportResult>(studio, 'exportImage', { projectId, format, badge: false, jobId: `huge-${format}` });
    const ms = performance.now() - started;
    const file = path.join(dir, 'exports', out.fileName);
    const tags = exiftool(file);
    expect(tags['XMP-iptcExt:DigitalSourceType']).toMatch(/compositeWithTrainedAlgorithmicMedia$/);
    expect((tags['XMP-xmpMM:DerivedFrom'] as { FilePath: string }).FilePath).toBe('regiment.jpg');
    const history = tags['XMP-xmpMM:History'] as { Action: string }[];
    expect(history).toHaveLength(1 + 500 + 1);
    const texts = (tags['XMP-tintype:ProvenanceNotes'] as { Text: string }[]).map((n) => n.Text);
    expect(texts).toHaveLength(3 + 200);
    for (const text of notes) expect(texts).toContain(text);
    expect(texts).toContain('hint 199: colour from the muster roll, entry 1393');
    let detail = '';
    if (format === 'jpeg') {
      const seg = app1Segments(file);
      detail = `, standard XMP ${seg.standard[0]} bytes + extended ${seg.extended[0].total} bytes in ${seg.extended.length} segments`;
      expect(tags['ExifIFD:ColorSpace']).toBe('sRGB');
    }
    console.log(`500 steps, ${format}: ${out.bytes} bytes in ${Math.round(ms)} ms${detail}`);
  });
});
