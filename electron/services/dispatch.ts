// The one entry point both transports call: validate the channel and payload with the contract's
// schema, run the handler, and turn every failure into a typed error value.
import { schemas, type Channel } from '../../shared/contract';
import { AppFailure, fail, ok, type Result } from '../../shared/errors';
import type { Handlers } from './studio';

const isChannel = (c: string): c is Channel => Object.prototype.hasOwnProperty.call(schemas, c);

export async function dispatch(handlers: Handlers, channel: string, payload: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('unknown-channel', `Unknown channel "${channel}".`);
  const parsed = schemas[channel].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('invalid-payload', `Invalid ${channel} request: ${issue.path.join('.') || 'payload'}: ${issue.message}`);
  }
  try {
    const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (e) {
    if (e instanceof AppFailure) return fail(e.code, e.message);
    console.error(`[tintype] ${channel} failed:`, e);
    return fail('internal', `Something went wrong in ${channel}: ${(e as Error).message ?? String(e)}`);
  }
}
