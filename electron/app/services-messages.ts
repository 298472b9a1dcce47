// Messages between the Electron main process and the services process.
import type { ProgressEvent } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';

export interface ToServices {
  id: number;
  channel: string;
  payload: unknown;
}

/** 'fatal': the services could not start (the library refused: in use, newer schema, damaged), sent
 * just before the process exits, so the shell can say why instead of restarting blindly. */
export type FromServices = { kind: 'reply'; id: number; result: Result<unknown> } | { kind: 'progress'; event: ProgressEvent } | { kind: 'fatal'; error: AppError };
