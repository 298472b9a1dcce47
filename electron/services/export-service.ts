// Exports as the studio's channels see them: a project's current state written at full resolution
// with its XMP and sidecar recipe; recipes read back into new projects; versions rendered for compare.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageInfo, Results } from '../../shared/ipc/contract';
import { AppFailure } from '../../shared/ipc/errors';
import type { Guidance } from '../../shared/model/guidance';
import { describeOperation, type Operation } from '../../shared/model/history';
import type { NoteTarget } from '../../shared/model/project';
import { parseRecipe, type ExportFormat, type Recipe } from '../../shared/model/recipe';
import { workingSize } from '../../shared/network/working-size';
import { assertC2paFormat } from './export/c2pa';
import { encodeImage } from './export/encode';
import { exportFileName, makeRecipe, renderGuidance, renderRecipe, sidecarPath, writeExport, type ExportOutput } from './export/exporter';
import type { SigningIdentity } from './export/signing-identity';
import type { Colorizer } from './inference/colorizer';
import { Jobs, type Job } from './jobs';
import type { OriginalStore } from './library/originals';
import { cleanPartials, ioFailure, isPartial } from './export/atomic-write';
import type { ProjectService } from './project-service';

export interface ExportDeps {
  exportsDir: string;
  originals: OriginalStore;
  projects: ProjectService;
  image: (id: string) => ImageInfo;
  model: () => Promise<Colorizer>;
}

const noteTarget = (t: NoteTarget): string => (t.kind === 'project' ? 'project' : `${t.kind} ${t.id}`);

function paramsOf(op: Operation): string {
  const params: Record<string, unknown> = { ...op };
  delete params.kind;
  return JSON.stringify(params);
}

export class ExportService {
  constructor(private readonly d: ExportDeps) {}

  /** The recipe content of a project at its head: hints, catalog, notes and every step that led there. */
  private content(projectId: string, output: ExportOutput, versionId: number | null) {
    const { project, notes } = this.d.projects.state(projectId);
    const info = this.d.image(project.imageId);
    const versions = this.d.projects.log.versions(projectId);
    const history = this.d.projects.history(projectId);
    const at = versionId === null ? history.headId : versions.find((v) => v.id === versionId)?.opId;
    if (at === undefined) throw new AppFailure('not-found', 'No such version in this project.');
    const steps = history.lineage(at);
    const guidance = history.stateAt(at);
    const events: Recipe['history'] = [
      { action: 'created', when: info.importedAt, description: 'Imported the original', parameters: JSON.stringify({ name: info.name, sha256: info.id }) },
      ...steps.map((s) => ({
        action: 'edited',
        when: s.createdAt,
        description: describeOperation(s.op),
        parameters: paramsOf(s.op),
        version: versions.filter((v) => v.opId === s.id).at(-1)?.name,
      })),
    ];
    return {
      info,
      content: {
        guidance,
        work: workingSize(info),
        output,
        project: project.meta,
        notes: notes.map((n) => ({ target: noteTarget(n.target), text: n.text, author: n.author, source: n.source, createdAt: n.createdAt })),
        history: events,
      },
    };
  }

  /** Write a project (at its head, or at a version) into the exports folder, or to `file` when given;
   * with its annotated proof sheet beside it when `at.proof`, signed with Content Credentials by
   * `at.c2pa` when given. */
  async exportProject(projectId: string, output: ExportOutput, job: Job, at: { versionId?: number; file?: string; proof?: boolean; c2pa?: SigningIdentity } = {}): Promise<Results['exportImage']> {
    if (at.c2pa) assertC2paFormat(output.format); // before the minutes of rendering
    const { info, content } = this.content(projectId, output, at.versionId ?? null);
    const bytes = await this.d.originals.readVerified(info.id);
    const model = await this.d.model();
    const recipe = makeRecipe(model, { bytes, name: info.name, sha256: info.id, width: info.width, height: info.height }, content);
    const pixels = await renderRecipe(model, bytes, recipe, job);
    const dir = at.file ? path.dirname(at.file) : this.d.exportsDir;
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw ioFailure(e, `create the folder "${path.basename(dir)}"`);
    }
    const file = at.file ?? freeName(dir, `${safeStem(info.name)}-colorized-${stamp()}`, output.format);
    const written = await writeExport(file, pixels, recipe, bytes, job, { proof: at.proof, c2pa: at.c2pa });
    const proof = written.proof ? { pdfName: path.basename(written.proof.pdf), pngName: path.basename(written.proof.png), pages: written.proof.pages } : undefined;
    const c2pa = written.c2pa ? { manifestBytes: written.c2pa.manifestBytes, signer: written.c2pa.signer } : undefined;
    return { fileName: path.basename(written.file), sidecarName: path.basename(written.sidecar), proof, c2pa, width: written.width, height: written.height, bytes: written.bytes };
  }

  /** A new project for `imageId` from a sidecar recipe, with its hints, catalog and notes. */
  async importRecipe(imageId: string, text: string): Promise<Results['importRecipe']> {
    const parsed = parseRecipe(text);
    if (!parsed.ok) throw new AppFailure('invalid-payload', parsed.message);
    const r = parsed.recipe;
    const info = this.d.image(imageId);
    if (r.original.sha256 !== info.id) {
      throw new AppFailure('recipe-mismatch', `This recipe belongs to ${r.original.name} (SHA-256 ${r.original.sha256.slice(0, 12)}…), not to ${info.name}. Open that original first.`);
    }
    const warnings = await this.recipeWarnings(r);
    return { state: this.d.projects.fromRecipe(info, r), warnings };
  }

  async recipeWarnings(r: Recipe): Promise<string[]> {
    const model = await this.d.model();
    const same = r.model.sha256 === model.model.sha256 && r.model.prior?.sha256 === model.priorModel?.sha256;
    return same ? [] : [`This recipe was made with model ${r.model.file} (${r.model.sha256.slice(0, 12)}…); the installed model differs, so colours will not match the original export exactly.`];
  }

  /** A version's colorization at a small size, for comparing versions side by side. */
  renderVersion(projectId: string, versionId: number, longSide: number): Promise<Results['renderVersion']> {
    return this.render(projectId, this.d.projects.versionGuidance(projectId, versionId).guidance, longSide);
  }

  /** The state after any step (null: before the first), at thumbnail size, for the history panel. */
  renderStep(projectId: string, opId: number | null, longSide: number): Promise<Results['renderStep']> {
    return this.render(projectId, this.d.projects.history(projectId).stateAt(opId), longSide);
  }

  private async render(projectId: string, guidance: Guidance, longSide: number): Promise<Results['renderVersion']> {
    const info = this.d.image(this.d.projects.projects.get(projectId).imageId);
    const bytes = await this.d.originals.readVerified(info.id);
    const pixels = await renderGuidance(await this.d.model(), bytes, info, workingSize(info), guidance, Jobs.detached(), longSide);
    const png = await encodeImage(pixels, { format: 'png8', badge: false, exif: {} });
    return { width: pixels.width, height: pixels.height, png };
  }

  /** Remove temporary files of exports that never finished (a crash, kill -9). */
  cleanPartials(): Promise<number> {
    return cleanPartials(this.d.exportsDir);
  }

  async readExport(fileName: string): Promise<Buffer> {
    if (isPartial(path.basename(fileName)) || fileName.startsWith('.')) throw new AppFailure('not-found', `No export named ${fileName}.`);
    try {
      return await readFile(path.join(this.d.exportsDir, path.basename(fileName)));
    } catch {
      throw new AppFailure('not-found', `No export named ${fileName}.`);
    }
  }
}

/** A file name whose image and sidecar are both new: an export never replaces an earlier one. */
export function freeName(dir: string, stem: string, format: ExportFormat): string {
  for (let n = 1; ; n++) {
    const file = path.join(dir, exportFileName(n === 1 ? stem : `${stem}-${n}`, format));
    if (!existsSync(file) && !existsSync(sidecarPath(file))) return file;
  }
}

function safeStem(name: string): string {
  return path.parse(name).name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 80) || 'image';
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
}
