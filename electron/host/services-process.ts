// The studio's services in their own Node process, for the Electron shell. Native modules (sharp,
// onnxruntime, SQLite) stay on Node's ABI, and a crash here cannot take the window down.
import { AppFailure, redactPaths } from '../../shared/errors';
import { bootStudio } from '../app/boot';
import type { FromServices, ToServices } from '../app/services-messages';
import { dispatch } from '../services/dispatch';
import type { Studio } from '../services/studio';

const send = (m: FromServices): void => void process.send?.(m);

/** The studio, or null when it cannot start: then the reason goes to the shell and the process exits. */
function start(): Studio | null {
  try {
    return bootStudio({ emit: (event) => send({ kind: 'progress', event }) });
  } catch (e) {
    const error = e instanceof AppFailure ? { code: e.code, message: redactPaths(e.message) } : { code: 'internal' as const, message: redactPaths(`The services could not start: ${(e as Error).message}`) };
    console.error(`[tintype] cannot start: ${error.message}`);
    process.send?.({ kind: 'fatal', error } satisfies FromServices, () => process.exit(3));
    if (!process.send) process.exit(3);
    return null;
  }
}

const studio = start();
if (studio) {
  process.on('message', (m: ToServices) => {
    void dispatch(studio.handlers, m.channel, m.payload).then((result) => send({ kind: 'reply', id: m.id, result }));
  });
  process.on('disconnect', () => void studio.close().finally(() => process.exit(0)));
}
