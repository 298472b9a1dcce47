// Parsing a call against the contract: the one place a channel name and payload are checked, used by
// the services' dispatcher and again by Electron's main process before it forwards anything.
import { schemas, type Channel } from './contract';
import { fail, ok, type Result } from './errors';

export const isChannel = (c: unknown): c is Channel => typeof c === 'string' && Object.prototype.hasOwnProperty.call(schemas, c);

export function validateCall(channel: unknown, payload: unknown): Result<{ channel: Channel; args: unknown }> {
  if (!isChannel(channel)) return fail('unknown-channel', `Unknown channel "${String(channel)}".`);
  const parsed = schemas[channel].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('invalid-payload', `Invalid ${channel} request: ${issue.path.join('.') || 'payload'}: ${issue.message}`);
  }
  return ok({ channel, args: parsed.data });
}
