// The studio's services: one handler per contract channel. Knows nothing of the transport that calls it.
import path from 'node:path';
import type { z } from 'zod';
import type { Channel, ImageInfo, ProgressEvent, ReferenceImage, Results, schemas } from '../../shared/ipc/contract';
import { AppFailure } from '../../shared/ipc/errors';
import type { Guidance } from '../../shared/model/guidance';
import { networkInput } from '../../shared/network/network-input';
import { leaveOneOut, type SuggestExclude } from '../../shared/network/leave-one-out';
import { suggestColors } from '../../shared/network/suggest';
import { workingSize } from '../../shared/network/working-size';
import { ExportService } from './export-service';
import type { ExportOutput } from './export/exporter';
import { importIdentity, libraryIdentity, libraryIdentityInfo, type SigningIdentity } from './export/signing-identity';
import { displayPng, probe, workingLab, workingLightness } from './images/decode';
import { Colorizer } from './inference/colorizer';
import { priorKey } from './inference/guided-run';
import { verifyShippedModel } from './inference/model-file';
import { Jobs, type Job } from './jobs';
import { autoBackup } from './library/library-backups';
import { LibraryDb } from './library/library-db';
import { OriginalStore } from './library/originals';
import { PreviewScheduler, type WorkingImage } from './preview';
import { ProjectService } from './project-service';
import { referencePrior, transferHints, type TransferReferenceInput } from './reference-transfer';

/** Automatic library backups are taken at most this often. */
const BACKUP_EVERY_MS = 30 * 60 * 1000;

export type Handlers = { [C in Channel]: (args: z.output<(typeof schemas)[C]>) => Promise<Results[C]> };

export interface StudioOptions {
  libraryDir: string;
  modelsDir: string;
  emit: (event: ProgressEvent) => void;
  threads?: number;
}

export class Studio {
  readonly handlers: Handlers;
  private readonly db: LibraryDb;
  private readonly originals: OriginalStore;
  /** Colour references, by SHA-256 like the originals, in their own folder. */
  private readonly references: OriginalStore;
  private readonly referenceWork = new Map<string, Promise<TransferReferenceInput>>();
  private readonly jobs: Jobs;
  readonly projects: ProjectService;
  private readonly exports: ExportService;
  private backingUp: Promise<void> = Promise.resolve();
  private backupTimer: NodeJS.Timeout | null = null;
  private backupStart: NodeJS.Timeout | null = null;
  private colorizer: Promise<Colorizer> | null = null;
  private readonly working = new Map<string, Promise<WorkingImage>>();
  private readonly schedulers = new Map<string, Promise<PreviewScheduler>>();
  /** Temporary files of interrupted writes removed at start (exports and originals). */
  readonly cleanedAtStart: Promise<number>;

  constructor(private readonly options: StudioOptions) {
    this.db = new LibraryDb(path.join(options.libraryDir, 'library.sqlite'));
    this.originals = new OriginalStore(path.join(options.libraryDir, 'originals'));
    this.references = new OriginalStore(path.join(options.libraryDir, 'references'));
    this.jobs = new Jobs(options.emit);
    this.projects = new ProjectService(this.db.db, (id) => this.image(id));
    this.exports = new ExportService({
      exportsDir: path.join(options.libraryDir, 'exports'),
      originals: this.originals,
      projects: this.projects,
      image: (id) => this.image(id),
      model: () => this.model(),
    });
    this.cleanedAtStart = Promise.all([this.exports.cleanPartials(), this.originals.cleanPartials(), this.references.cleanPartials()]).then(([a, b, c]) => a + b + c, () => 0);
    const p = this.projects;
    this.handlers = {
      importImage: (a) => this.importImage(a.name, a.bytes),
      listImages: async () => this.db.listImages(),
      getDisplayImage: async (a) => displayPng(await this.originals.read(this.image(a.imageId).id)),
      colorize: async (a) => (await this.scheduler(a.imageId)).request(a.revision, a.guidance),
      prepareImage: (a) => this.jobs.run(a.jobId, (job) => this.prepare(a.imageId, a.guidance, job)),
      suggestColors: (a) => this.suggest(a.imageId, a.guidance, a.x, a.y, a.count, a.exclude),
      listProjects: async (a) => p.list(a.query, a.sort),
      openImageProject: async (a) => p.forImage(this.image(a.imageId)),
      openProject: async (a) => p.state(a.projectId),
      closeProject: async (a) => this.closeProject(a.projectId),
      applyEdit: async (a) => p.apply(a.projectId, a.base, a.op),
      undo: async (a) => p.move(a.projectId, (h, at) => h.undo(at)),
      redo: async (a) => p.move(a.projectId, (h, at) => h.redo(at)),
      checkout: async (a) => p.move(a.projectId, (h, at) => h.checkout(a.opId, at)),
      createVersion: async (a) => p.createVersion(a.projectId, a.name, a.thumbnail),
      renderVersion: (a) => this.exports.renderVersion(a.projectId, a.versionId, a.longSide),
      renderStep: (a) => this.exports.renderStep(a.projectId, a.opId, a.longSide),
      versionGuidance: async (a) => p.versionGuidance(a.projectId, a.versionId),
      addNote: async (a) => p.addNote(a.projectId, a.target, a.text, a.author, a.source),
      updateProject: async (a) => p.updateMeta(a.projectId, a.meta),
      setThumbnail: async (a) => (p.projects.setThumbnail(a.projectId, a.png), { saved: true as const }),
      trashProject: async (a) => p.trash(a.projectId),
      restoreProject: async (a) => p.projects.restore(a.projectId),
      exportImage: (a) =>
        this.jobs.run(a.jobId, async (job) => this.exports.exportProject(a.projectId, { format: a.format, quality: a.quality, badge: a.badge }, job, { proof: a.proof, c2pa: a.c2pa ? await this.signingIdentity() : undefined })),
      importRecipe: (a) => this.exports.importRecipe(this.image(a.imageId).id, a.recipe),
      readExport: async (a) => ({ bytes: await this.exports.readExport(a.fileName) }),
      importReference: (a) => this.importReference(a.name, a.bytes),
      getReferenceImage: async (a) => displayPng(await this.references.read(this.reference(a.referenceId).id)),
      suggestFromReference: (a) => this.jobs.run(a.jobId, (job) => this.suggestFromReference(a.imageId, a.referenceId, a.guidance, job)),
      cancelJob: async (a) => ({ cancelled: this.jobs.cancel(a.jobId) }),
      modelInfo: async () => {
        const c = await this.model();
        const m = c.model.metadata;
        const prior = c.priorModel && { file: path.basename(c.priorModel.path), sha256: c.priorModel.sha256 };
        return { contract: m.contract, file: path.basename(c.model.path), sha256: c.model.sha256, prior, vividnessDefault: c.vividnessDefault, trainSteps: m.train_steps ?? '', trainData: m.train_data ?? '', created: m.created ?? '' };
      },
      signingIdentity: async () => ({ identity: await libraryIdentityInfo(options.libraryDir) }),
      importSigningIdentity: async (a) => ({ identity: await importIdentity(options.libraryDir, a.keyPem, a.certPem) }),
    };
  }

  /** Take an automatic backup if the newest is older than half an hour (never blocks edits). */
  backup(): Promise<string | null> {
    return autoBackup(this.db.db, this.db.file, BACKUP_EVERY_MS);
  }

  /** Back up a minute after start (not while the first scan opens), then every few minutes; a backup
   * younger than half an hour is kept instead of taking another. */
  keepBackedUp(firstAfterMs = 60_000): void {
    const run = (): void => {
      if (!this.db.db.open) return;
      this.backingUp = this.backup()
        .catch((e: unknown) => console.error(`[tintype] backup failed: ${(e as Error).message}`))
        .then(() => undefined);
    };
    this.backupStart = setTimeout(run, firstAfterMs);
    this.backupStart.unref();
    this.backupTimer = setInterval(run, BACKUP_EVERY_MS / 3);
    this.backupTimer.unref();
  }

  /** The library's Content Credentials identity, made on first use. */
  signingIdentity(): Promise<SigningIdentity> {
    return libraryIdentity(this.options.libraryDir);
  }

  /** Export a project (at a version, or its current state) to a chosen file: the CLI's `export`;
   * signed by `c2pa` when given. */
  async exportTo(projectId: string, versionId: number | null, file: string, output: ExportOutput, o: { proof?: boolean; c2pa?: SigningIdentity } = {}): Promise<Results['exportImage']> {
    return this.exports.exportProject(projectId, output, Jobs.detached(), { versionId: versionId ?? undefined, file, ...o });
  }

  /** The verified model, loaded once; a failed load is retried on the next call. */
  model(): Promise<Colorizer> {
    this.colorizer ??= (async () => {
      const priors = { dir: path.join(this.options.libraryDir, 'priors') };
      const c = new Colorizer(await verifyShippedModel(this.options.modelsDir), this.options.threads ?? 2, priors);
      await c.open();
      return c;
    })().catch((e: unknown) => {
      this.colorizer = null;
      throw e;
    });
    return this.colorizer;
  }

  private image(id: string): ImageInfo {
    const info = this.db.getImage(id);
    if (!info) throw new AppFailure('not-found', 'This image is not in the library.');
    return info;
  }

  private async importImage(name: string, bytes: Uint8Array): Promise<ImageInfo> {
    const p = await probe(bytes);
    const id = await this.originals.put(bytes);
    const info: ImageInfo = { id, name: path.basename(name), ...p, importedAt: new Date().toISOString() };
    return this.db.addImage(info);
  }

  private reference(id: string): ReferenceImage {
    const info = this.db.getReference(id);
    if (!info) throw new AppFailure('not-found', 'This colour reference is not in the library.');
    return info;
  }

  private async importReference(name: string, bytes: Uint8Array): Promise<ReferenceImage> {
    const p = await probe(bytes);
    const id = await this.references.put(bytes);
    return this.db.addReference({ id, name: path.basename(name), width: p.width, height: p.height, format: p.format, importedAt: new Date().toISOString() });
  }

  /** A reference at its working size (L*a*b*) with, under contract 2, its prior: made once per reference. */
  private referenceInput(id: string): Promise<TransferReferenceInput> {
    let r = this.referenceWork.get(id);
    if (!r) {
      const info = this.reference(id);
      const size = { width: info.width, height: info.height };
      const work = workingSize(size);
      r = this.references.readVerified(id).then(async (bytes) => {
        const lab = await workingLab(bytes, work);
        const model = await this.model().catch(() => null);
        return { id, lab, work, size, prior: await referencePrior(model, { lab, work }) };
      });
      r.catch(() => this.referenceWork.delete(id));
      this.referenceWork.set(id, r);
    }
    return r;
  }

  /** "Suggest hints from reference": proposals the user reviews on the stage (nothing is applied here). */
  private async suggestFromReference(imageId: string, referenceId: string, guidance: Guidance, job: Job): Promise<Results['suggestFromReference']> {
    const started = performance.now();
    if (!(guidance.references ?? []).some((r) => r.id === referenceId)) throw new AppFailure('not-found', 'This reference is not attached to the project.');
    job.progress(0.02, 'Reading the reference');
    const ref = await this.referenceInput(referenceId);
    job.check();
    const w = await this.workingImage(imageId);
    job.check();
    const model = await this.model().catch(() => null);
    const input = networkInput(w.l, w.work, w.size, guidance);
    const r = await transferHints(model, { l: input.l, work: w.work, size: w.size, priorKey: priorKey(imageId, guidance) }, ref, job);
    job.progress(1, 'Proposals ready');
    return { proposals: r.hints, millis: performance.now() - started, features: r.features };
  }

  private workingImage(id: string): Promise<WorkingImage> {
    let w = this.working.get(id);
    if (!w) {
      const info = this.image(id);
      const size = { width: info.width, height: info.height };
      const work = workingSize(size);
      w = this.originals.read(id).then(async (bytes) => ({ size, work, l: await workingLightness(bytes, work) }));
      w.catch(() => this.working.delete(id));
      this.working.set(id, w);
    }
    return w;
  }

  /** Release what an open project holds: its history, and its image's working copy and preview
   * scheduler (rebuilt on demand if another project of the same image is still showing). */
  private closeProject(projectId: string): Results['closeProject'] {
    const imageId = this.projects.projects.get(projectId).imageId;
    this.working.delete(imageId);
    this.schedulers.delete(imageId);
    return this.projects.close(projectId);
  }

  /** One scheduler per image, created once even when the first requests arrive together. */
  private scheduler(id: string): Promise<PreviewScheduler> {
    let s = this.schedulers.get(id);
    if (!s) {
      s = this.workingImage(id).then((w) => new PreviewScheduler(() => this.model(), w, id));
      s.catch(() => this.schedulers.delete(id));
      this.schedulers.set(id, s);
    }
    return s;
  }

  /** The network's most likely colours at one original-image pixel, from the current hints less the
   * excluded object and those right at the pointer (shared/network/leave-one-out.ts). */
  private async suggest(id: string, all: Guidance, x: number, y: number, count: number, exclude?: SuggestExclude): Promise<Results['suggestColors']> {
    const w = await this.workingImage(id);
    const model = await this.model();
    const guidance = leaveOneOut(all, { x, y }, w.size, w.work, exclude);
    const out = await model.guide({ ...networkInput(w.l, w.work, w.size, guidance), wantLogits: true }, { key: priorKey(id, guidance), vividness: guidance.vividness });
    if (!out.logits) throw new AppFailure('inference-failed', 'The model returned no colour distribution.');
    const grid = { logits: out.logits, width: w.work.width / 4, height: w.work.height / 4, bins: model.model.abGrid };
    const scale = w.work.width / w.size.width / 4;
    return { colors: suggestColors(grid, x * scale, y * scale, count) };
  }

  /** The open's last phase: the working L* and, under contract 2, the prior for the current tones, so
   * the first preview pays only for the guide. Cancelling abandons the wait (a prior under way is kept). */
  private async prepare(id: string, guidance: Guidance, job: Job): Promise<Results['prepareImage']> {
    const started = performance.now();
    job.progress(0.05, 'Reading the scan');
    const w = await this.workingImage(id);
    job.check();
    const model = await this.model();
    job.check();
    if (!model.priorModel) {
      job.progress(1, 'Ready');
      return { prior: 'none', millis: performance.now() - started };
    }
    job.progress(0.3, 'Analysing the scan');
    const input = networkInput(w.l, w.work, w.size, guidance);
    const got = await model.priorFor(priorKey(id, guidance), input);
    job.check();
    job.progress(1, 'Ready');
    return { prior: got?.source ?? 'none', millis: performance.now() - started };
  }

  async close(): Promise<void> {
    const c = this.colorizer;
    this.colorizer = null;
    if (c) await (await c.catch(() => null))?.close();
    if (this.backupTimer) clearInterval(this.backupTimer);
    if (this.backupStart) clearTimeout(this.backupStart);
    await this.backingUp;
    this.db.close();
  }
}
