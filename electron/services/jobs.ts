// Long calls (export, batch) are jobs: a caller-chosen id, progress events, cancellation by id.
import type { ProgressEvent } from '../../shared/ipc/contract';
import { AppFailure } from '../../shared/ipc/errors';

export interface Job {
  readonly signal: AbortSignal;
  progress(value: number, title: string): void;
  /** Throws a 'cancelled' failure if the job was cancelled. */
  check(): void;
}

export class Jobs {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly emit: (event: ProgressEvent) => void) {}

  async run<T>(jobId: string, work: (job: Job) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw new AppFailure('invalid-payload', `Job ${jobId} is already running.`);
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const job: Job = {
      signal: controller.signal,
      progress: (value, title) => this.emit({ jobId, value: Math.min(1, Math.max(0, value)), title }),
      check: () => {
        if (controller.signal.aborted) throw new AppFailure('cancelled', 'Cancelled.');
      },
    };
    try {
      return await work(job);
    } finally {
      this.running.delete(jobId);
    }
  }

  /** A job for short internal work nobody watches or cancels. */
  static detached(): Job {
    return { signal: new AbortController().signal, progress: () => {}, check: () => {} };
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    c?.abort();
    return Boolean(c);
  }
}
