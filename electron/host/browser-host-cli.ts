// `npm run host [-- --port N]`: the browser host alone, printing its address (for tests and remote-less use).
import { AppFailure } from '../../shared/ipc/errors';
import { startStudioHost } from './studio-host';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : undefined;
const started = await startStudioHost({ port }).catch((e: unknown) => {
  // A refused library (in use elsewhere, newer schema, damaged without a backup) is the user's to fix: say why, once.
  console.error(`Tintype cannot start: ${e instanceof AppFailure ? e.message : String(e)}`);
  process.exit(e instanceof AppFailure && e.code === 'library-in-use' ? 3 : 2);
});
const { host, studio } = started;
console.log(`TINTYPE_URL=${host.url}`);
const stop = (): void => void Promise.all([host.close(), studio.close()]).finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
