// Messages between the Electron main process and the services process.
import type { ProgressEvent } from '../../shared/ipc/contract';
import type { AppError, Result } from '../../shared/ipc/errors';

export interface ToServices {
  id: number;
  channel: string;
  payload: unknown;
}

/** 'fatal': the services could not start (the library refused: in use, newer schema, damaged), sent
 * just before the process exits, so the shell can say why instead of restarting blindly. */
export type FromServices = { kind: 'reply'; id: number; result: Result<unknown> } | { kind: 'progress'; event: ProgressEvent } | { kind: 'fatal'; error: AppError };

/** The services process as the shell sees it, however it was started. */
export interface ServicesChild {
  send(message: ToServices): void;
  onMessage(listener: (message: FromServices) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

/** Starts the built services process (out/main/services-process.js). */
export type LaunchServices = (entry: string) => ServicesChild;

/** Where the build puts the services process, from the app's root. */
export const SERVICES_ENTRY = ['out', 'main', 'services-process.js'] as const;
