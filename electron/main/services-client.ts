// Starts the built services process and forwards calls to it. In development it runs on Node (the one
// npm runs: the native modules are built for Node's ABI) with no tsx; a packaged app starts the same
// file as Electron's utilityProcess (index.ts). If it dies it is restarted, with growing delays; after a
// few failed starts in a row it is left stopped and every call answers with the reason it gave (a library
// in use elsewhere, or written by a newer Tintype).
import { fork } from 'node:child_process';
import path from 'node:path';
import type { ProgressEvent } from '../../shared/ipc/contract';
import { fail, type AppError, type Result } from '../../shared/ipc/errors';
import { SERVICES_ENTRY, type FromServices, type LaunchServices, type ServicesChild, type ToServices } from '../app/services-messages';

export interface ServicesOptions {
  /** Delay before each restart in a row; when they are used up the services stay stopped. */
  restartDelaysMs?: readonly number[];
  /** A process that ran this long was healthy: its death starts the count again. */
  healthyAfterMs?: number;
  /** How to start the process; default: Node (nodeLaunch). */
  launch?: LaunchServices;
}

/** The services process on Node, talking over Node's IPC channel with structured-clone messages. */
export function nodeLaunch(root: string): LaunchServices {
  return (entry) => {
    const child = fork(entry, [], {
      execPath: process.env.npm_node_execpath ?? process.env.NODE ?? 'node',
      execArgv: [],
      serialization: 'advanced',
      cwd: root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
    });
    return {
      send: (m) => void child.send(m),
      onMessage: (f) => void child.on('message', (m: FromServices) => f(m)),
      onExit: (f) => void child.on('exit', (code, signal) => f(code, signal)),
      kill: () => void child.kill(),
    };
  };
}

export class ServicesClient {
  private child: ServicesChild | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Result<unknown>) => void>();
  private stopping = false;
  private failedStarts = 0;
  private lastError: AppError | null = null;
  private givenUp = false;
  /** How many times a services process was started (for tests and diagnostics). */
  starts = 0;
  private readonly delays: readonly number[];
  private readonly healthyAfterMs: number;
  private readonly launch: LaunchServices;

  constructor(
    private readonly root: string,
    private readonly onProgress: (event: ProgressEvent) => void,
    options: ServicesOptions = {},
  ) {
    this.delays = options.restartDelaysMs ?? [500, 2_000, 8_000];
    this.healthyAfterMs = options.healthyAfterMs ?? 30_000;
    this.launch = options.launch ?? nodeLaunch(root);
  }

  start(): void {
    this.starts++;
    const startedAt = Date.now();
    let fatal: AppError | null = null;
    const child = this.launch(path.join(this.root, ...SERVICES_ENTRY));
    child.onMessage((m) => {
      if (m.kind === 'progress') return this.onProgress(m.event);
      if (m.kind === 'fatal') return void (fatal = m.error);
      this.waiting.get(m.id)?.(m.result);
      this.waiting.delete(m.id);
    });
    child.onExit((code, signal) => {
      this.child = null;
      if (Date.now() - startedAt >= this.healthyAfterMs && !fatal) this.failedStarts = 0;
      this.lastError = fatal ?? { code: 'internal', message: `The services process stopped (${signal ?? `exit code ${code}`}).` };
      const delay = this.stopping ? undefined : this.delays[this.failedStarts++];
      if (delay === undefined) this.givenUp = !this.stopping;
      const reason = this.unavailable();
      for (const resolve of this.waiting.values()) resolve(reason);
      this.waiting.clear();
      if (delay !== undefined) setTimeout(() => this.start(), delay).unref();
    });
    this.child = child;
  }

  /** The answer while there is no services process: the reason it stopped, and whether it comes back. */
  private unavailable(): Result<never> {
    const e = this.lastError ?? { code: 'internal' as const, message: 'The services process is starting.' };
    return this.givenUp
      ? fail(e.code, `Tintype's services could not start: ${e.message} (gave up after ${this.starts} tries; fix this and restart Tintype).`)
      : fail(e.code, `${e.message} Retrying…`);
  }

  /** Whether the services were given up on after repeated failed starts. */
  get stopped(): boolean {
    return this.givenUp;
  }

  call(channel: string, payload: unknown): Promise<Result<unknown>> {
    const child = this.child;
    if (!child) return Promise.resolve(this.unavailable());
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      const message: ToServices = { id, channel, payload };
      child.send(message);
    });
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill();
  }
}
