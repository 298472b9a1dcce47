// `npm run host [-- --port N]`: the browser host alone, printing its address (for tests and remote-less use).
import { startStudioHost } from './studio-host';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : undefined;
const { host, studio } = await startStudioHost({ port });
console.log(`TINTYPE_URL=${host.url}`);
const stop = (): void => void Promise.all([host.close(), studio.close()]).finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
