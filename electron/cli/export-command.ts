// `tintype export <project> [--version V] --out FILE [--proof] [--c2pa …]`: a project from the library, at a
// named version (or where its history stands), written with its XMP and sidecar like a studio export, with
// --proof its annotated proof sheet (NAME.proof.pdf and NAME.proof.png) beside it, and with --c2pa (or
// --c2pa-key/--c2pa-cert) signed Content Credentials inside it.
import path from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/model/recipe';
import type { SigningIdentity } from '../services/export/signing-identity';
import { Studio } from '../services/studio';
import { describeSigner } from './c2pa-option';

const BY_EXTENSION: Record<string, ExportFormat> = { '.tif': 'tiff16', '.tiff': 'tiff16', '.png': 'png16', '.jpg': 'jpeg', '.jpeg': 'jpeg' };

export interface ExportCommand {
  project: string;
  version: string | null;
  out: string;
  format: ExportFormat | null;
  quality?: number;
  badge: boolean;
  proof: boolean;
  /** Sign with Content Credentials by this identity. */
  c2pa?: SigningIdentity;
  libraryDir: string;
  modelsDir: string;
}

export async function runExport(c: ExportCommand): Promise<string> {
  const format = c.format ?? BY_EXTENSION[path.extname(c.out).toLowerCase()];
  if (!format || !EXPORT_FORMATS.includes(format)) throw new Error(`Cannot tell the format of ${c.out}; give --format tiff16|png|png8|jpeg`);
  const studio = new Studio({ libraryDir: c.libraryDir, modelsDir: c.modelsDir, emit: () => {} });
  try {
    const projects = studio.projects.list('', 'updated');
    const project = projects.find((p) => p.id === c.project) ?? projects.find((p) => p.meta.title === c.project);
    if (!project) throw new Error(`No project "${c.project}" in the library at ${c.libraryDir}`);
    const versions = studio.projects.log.versions(project.id);
    const version = c.version === null ? null : versions.find((v) => v.name === c.version || String(v.id) === c.version);
    if (c.version !== null && !version) throw new Error(`Project "${project.meta.title}" has no version "${c.version}" (it has: ${versions.map((v) => v.name).join(', ') || 'none'})`);
    const file = path.resolve(c.out);
    const written = await studio.exportTo(project.id, version?.id ?? null, file, { format, quality: c.quality, badge: c.badge }, { proof: c.proof, c2pa: c.c2pa });
    const notes = [
      written.proof ? `proof sheet ${path.join(path.dirname(file), written.proof.pdfName)}, ${written.proof.pages} pages` : '',
      written.c2pa ? `Content Credentials signed by ${describeSigner(written.c2pa.signer)}, ${written.c2pa.manifestBytes} bytes` : '',
    ].filter(Boolean);
    return notes.length ? `${file} (${notes.join('; ')})` : file;
  } finally {
    await studio.close();
  }
}
