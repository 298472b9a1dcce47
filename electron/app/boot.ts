// Start-up of the studio's services, one way for every transport (the Electron shell's services process
// and the browser host): the library folder, the Studio, the model loading while the window opens,
// automatic backups and the export's compose workers.
import { mkdirSync } from 'node:fs';
import type { ProgressEvent } from '../../shared/ipc/contract';
import { warmComposeWorkers } from '../services/export/compose';
import { Studio } from '../services/studio';
import { defaultLibraryDir, MODELS_DIR } from './paths';

export interface BootOptions {
  libraryDir?: string;
  /** Where progress events go (the transport's broadcast). */
  emit: (event: ProgressEvent) => void;
}

/** A running Studio; throws (an AppFailure where it is the user's to fix) when it cannot start. */
export function bootStudio(options: BootOptions): Studio {
  const libraryDir = options.libraryDir ?? defaultLibraryDir();
  mkdirSync(libraryDir, { recursive: true });
  const studio = new Studio({ libraryDir, modelsDir: MODELS_DIR, emit: options.emit });
  // Load the model while the window opens, so the first preview does not pay for it (about 2 s here).
  void studio.model().catch((e: unknown) => console.error(`[tintype] model: ${(e as Error).message}`));
  studio.keepBackedUp();
  warmComposeWorkers(20_000);
  return studio;
}
