// Starts the services process with Node (the one npm runs) and forwards calls to it; restarts it if it dies.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ProgressEvent } from '../../shared/contract';
import { fail, type Result } from '../../shared/errors';
import type { FromServices, ToServices } from '../host/services-messages';

export class ServicesClient {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Result<unknown>) => void>();
  private stopping = false;

  constructor(
    private readonly root: string,
    private readonly onProgress: (event: ProgressEvent) => void,
  ) {}

  start(): void {
    const child = fork(path.join(this.root, 'electron', 'host', 'services-process.ts'), [], {
      execPath: process.env.npm_node_execpath ?? process.env.NODE ?? 'node',
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      cwd: this.root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
    });
    child.on('message', (m: FromServices) => {
      if (m.kind === 'progress') return this.onProgress(m.event);
      this.waiting.get(m.id)?.(m.result);
      this.waiting.delete(m.id);
    });
    child.on('exit', () => {
      for (const resolve of this.waiting.values()) resolve(fail('internal', 'The services process stopped; it is being restarted.'));
      this.waiting.clear();
      this.child = null;
      if (!this.stopping) setTimeout(() => this.start(), 500);
    });
    this.child = child;
  }

  call(channel: string, payload: unknown): Promise<Result<unknown>> {
    const child = this.child;
    if (!child) return Promise.resolve(fail('internal', 'The services process is restarting; try again.'));
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
