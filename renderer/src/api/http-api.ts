// The browser-host transport's client: one POST per call (framed: binary travels as bytes, both ways),
// progress over server-sent events.
import { CHANNELS } from '../../../shared/ipc/channels';
import { decode, decodeFrames, encodeFrames, FRAMES_TYPE } from '../../../shared/ipc/codec';
import type { ProgressEvent, TintypeApi } from '../../../shared/ipc/contract';
import { fail, type Result } from '../../../shared/ipc/errors';

async function call(origin: string, token: string, channel: string, args: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`${origin}/rpc/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': FRAMES_TYPE, Accept: FRAMES_TYPE, Authorization: `Bearer ${token}` },
      body: new Blob(encodeFrames(args) as BlobPart[]),
    });
    if (res.headers.get('Content-Type')?.startsWith(FRAMES_TYPE)) return decodeFrames(new Uint8Array(await res.arrayBuffer())) as Result<unknown>;
    return decode(await res.text()) as Result<unknown>;
  } catch (e) {
    return fail('internal', `Lost contact with the Tintype host (${(e as Error).message}). Is it still running?`);
  }
}

export function httpApi(origin: string, token: string): TintypeApi {
  const listeners = new Set<(e: ProgressEvent) => void>();
  let source: EventSource | null = null;
  const methods = Object.fromEntries(CHANNELS.map((c) => [c, (args: unknown) => call(origin, token, c, args)]));
  return {
    ...methods,
    onProgress(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`${origin}/events?token=${token}`);
        source.onmessage = (m: MessageEvent) => {
          const event = JSON.parse(String(m.data)) as ProgressEvent;
          for (const l of listeners) l(event);
        };
      }
      return () => void listeners.delete(listener);
    },
  } as TintypeApi;
}
