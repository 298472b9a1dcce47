// The studio's services in their own process, for the Electron shell: Node in development (native
// modules stay on Node's ABI), Electron's utilityProcess in a packaged app (process.parentPort there).
// Either way a crash here cannot take the window down. Built to out/main/services-process.js.
import { AppFailure, redactPaths } from '../../shared/ipc/errors';
import { bootStudio } from '../app/boot';
import type { FromServices, ToServices } from '../app/services-messages';
import { dispatch } from '../services/dispatch';
import type { Studio } from '../services/studio';

/** Electron's utility-process port (absent on Node, where Node's IPC channel is used). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: ToServices }) => void): void;
}
const port = (process as unknown as { parentPort?: ParentPort }).parentPort;

const send = (m: FromServices): void => void (port ? port.postMessage(m) : process.send?.(m));
const onMessage = (f: (m: ToServices) => void): void => void (port ? port.on('message', (e) => f(e.data)) : process.on('message', f));

/** The studio, or null when it cannot start: then the reason goes to the shell and the process exits. */
function start(): Studio | null {
  try {
    return bootStudio({ emit: (event) => send({ kind: 'progress', event }) });
  } catch (e) {
    const error = e instanceof AppFailure ? { code: e.code, message: redactPaths(e.message) } : { code: 'internal' as const, message: redactPaths(`The services could not start: ${(e as Error).message}`) };
    console.error(`[tintype] cannot start: ${error.message}`);
    if (port) {
      port.postMessage({ kind: 'fatal', error } satisfies FromServices);
      setTimeout(() => process.exit(3), 100);
    } else {
      process.send?.({ kind: 'fatal', error } satisfies FromServices, () => process.exit(3));
      if (!process.send) process.exit(3);
    }
    return null;
  }
}

const studio = start();
if (studio) {
  onMessage((m) => {
    void dispatch(studio.handlers, m.channel, m.payload).then((result) => send({ kind: 'reply', id: m.id, result }));
  });
  // Node: the shell's IPC channel closes; a utility process is killed by the shell (Studio writes are
  // atomic, so nothing acknowledged is lost either way).
  process.on('disconnect', () => void studio.close().finally(() => process.exit(0)));
}
