// Messages between the Electron main process and the services process.
import type { ProgressEvent } from '../../shared/contract';
import type { Result } from '../../shared/errors';

export interface ToServices {
  id: number;
  channel: string;
  payload: unknown;
}

export type FromServices = { kind: 'reply'; id: number; result: Result<unknown> } | { kind: 'progress'; event: ProgressEvent };
