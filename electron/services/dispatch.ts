// The one entry point both transports call: validate the channel and payload with the contract's
// schema, run the handler, and turn every failure into a typed error value.
import { AppFailure, fail, ok, redactPaths, type Result } from '../../shared/ipc/errors';
import { validateCall } from '../../shared/ipc/validate';
import type { Handlers } from './studio';

function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

export async function dispatch(handlers: Handlers, channel: string, payload: unknown): Promise<Result<unknown>> {
  const call = validateCall(channel, payload);
  if (!call.ok) return call;
  try {
    const handler = handlers[call.value.channel] as (args: unknown) => Promise<unknown>;
    return ok(await handler(call.value.args));
  } catch (e) {
    if (e instanceof AppFailure) return fail(e.code, redactPaths(e.message));
    if (isDiskFull(e)) return fail('disk-full', 'The disk is full: nothing was saved. Free some space and try again.');
    console.error(`[tintype] ${channel} failed:`, e);
    return fail('internal', redactPaths(`Something went wrong in ${channel}: ${(e as Error).message ?? String(e)}`));
  }
}
