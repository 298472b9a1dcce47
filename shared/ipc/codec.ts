// JSON with binary, for the browser-host transport (Electron IPC clones binary natively), in two forms:
//  - frames (FRAMES_TYPE, what the studio's own client sends and asks for): a small header, the JSON with
//    each Uint8Array as {"$bytes": "#k"}, then the bytes themselves, never base64 — a 512 MiB import
//    travels as 512 MiB and is read back as views into the received body, without a copy;
//  - plain JSON with {"$bytes": base64}, kept for simple clients (curl, tests).

const KEY = '$bytes';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    s += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const SEXTETS = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) SEXTETS['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/** Base64 held as ASCII bytes, decoded without ever becoming a string (a 512 MiB file's base64 is
 * longer than the longest string V8 can hold). */
function base64Bytes(b64: Uint8Array): Uint8Array {
  let n = b64.length;
  while (n > 0 && b64[n - 1] === 0x3d) n--; // '=' padding
  if (b64.length % 4 !== 0 || b64.length - n > 2) throw new SyntaxError('bad base64');
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a = SEXTETS[b64[i]], b = SEXTETS[b64[i + 1]], c = SEXTETS[b64[i + 2]], d = SEXTETS[b64[i + 3]];
    if ((a | b | c | d) < 0) throw new SyntaxError('bad base64');
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  const rest = n - i;
  if (rest > 0) {
    const a = SEXTETS[b64[i]], b = SEXTETS[b64[i + 1]], c = rest === 3 ? SEXTETS[b64[i + 2]] : 0;
    if (rest === 1 || (a | b | c) < 0) throw new SyntaxError('bad base64');
    const v = (a << 18) | (b << 12) | (c << 6);
    out[o++] = v >> 16;
    if (rest === 3) out[o++] = (v >> 8) & 0xff;
  }
  return out;
}

const MARK = new TextEncoder().encode(`{"${KEY}":"`);

function indexOfMark(body: Uint8Array, from: number): number {
  for (let at = body.indexOf(MARK[0], from); at >= 0; at = body.indexOf(MARK[0], at + 1)) {
    let k = 1;
    while (k < MARK.length && body[at + k] === MARK[k]) k++;
    if (k === MARK.length) return at;
  }
  return -1;
}

function reviver(blobs: readonly Uint8Array[]) {
  return (_key: string, v: unknown): unknown => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const rec = v as Record<string, unknown>;
      const b = rec[KEY];
      if (typeof b === 'string' && Object.keys(rec).length === 1) {
        const ref = /^#(\d+)$/.exec(b);
        return ref ? (blobs[Number(ref[1])] ?? fromBase64(b)) : fromBase64(b);
      }
    }
    return v;
  };
}

export function encode(value: unknown): string {
  // Read the holder's raw value: JSON.stringify applies toJSON (Node's Buffer has one) before the replacer.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = key === '' ? value : this[key];
    return raw instanceof Uint8Array ? { [KEY]: toBase64(raw) } : v;
  });
}

export function decode(text: string): unknown {
  return JSON.parse(text, reviver([]));
}

/** `decode` of a UTF-8 body as received: each binary value's base64 is decoded straight from the bytes
 * and only the rest of the JSON becomes a string, so a body of any allowed size parses, with about its
 * own size in memory again. (The sequence {"$bytes":" cannot occur inside a JSON string, where quotes
 * are escaped.) Throws SyntaxError on malformed input. */
export function decodeBody(body: Uint8Array): unknown {
  const parts: Uint8Array[] = [];
  const blobs: Uint8Array[] = [];
  let from = 0;
  for (let at = indexOfMark(body, 0); at >= 0; at = indexOfMark(body, from)) {
    const start = at + MARK.length;
    const end = body.indexOf(0x22, start);
    if (end < 0) break;
    parts.push(body.subarray(from, start), new TextEncoder().encode(`#${blobs.length}`));
    blobs.push(base64Bytes(body.subarray(start, end)));
    from = end;
  }
  parts.push(body.subarray(from));
  const rest = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    rest.set(p, o);
    o += p.length;
  }
  return JSON.parse(new TextDecoder().decode(rest), reviver(blobs));
}

/** The content type of a framed body. */
export const FRAMES_TYPE = 'application/x-tintype-frames';

// Header: "TTF1", the JSON's byte length, the number of binary values, then each one's byte length
// (all unsigned 32-bit little-endian); the JSON and the values follow in that order, nothing after.
const FRAMES_MAGIC = 0x31465454;

/** `value` as a framed body, in parts (the binary values are the caller's own memory, not copies). */
export function encodeFrames(value: unknown): Uint8Array[] {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = key === '' ? value : this[key];
    if (!(raw instanceof Uint8Array)) return v;
    blobs.push(raw);
    return { [KEY]: `#${blobs.length - 1}` };
  });
  const text = new TextEncoder().encode(json ?? 'null');
  const head = new DataView(new ArrayBuffer(12 + 4 * blobs.length));
  head.setUint32(0, FRAMES_MAGIC, true);
  head.setUint32(4, text.length, true);
  head.setUint32(8, blobs.length, true);
  blobs.forEach((b, i) => head.setUint32(12 + 4 * i, b.byteLength, true));
  return [new Uint8Array(head.buffer), text, ...blobs];
}

/** A framed body back to its value; binary values are views into `body`. Throws SyntaxError on anything
 * malformed (wrong magic, lengths that do not add up to the body, a reference to no value). */
export function decodeFrames(body: Uint8Array): unknown {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (body.byteLength < 12 || view.getUint32(0, true) !== FRAMES_MAGIC) throw new SyntaxError('not a framed body');
  const jsonLength = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  if (count > (body.byteLength - 12) / 4) throw new SyntaxError('framed body: too many values');
  let at = 12 + 4 * count;
  const jsonAt = at;
  at += jsonLength;
  const blobs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const n = view.getUint32(12 + 4 * i, true);
    if (at + n > body.byteLength) throw new SyntaxError('framed body: truncated');
    blobs.push(body.subarray(at, at + n));
    at += n;
  }
  if (at !== body.byteLength) throw new SyntaxError('framed body: lengths do not match its size');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(jsonAt, jsonAt + jsonLength));
  } catch {
    throw new SyntaxError('framed body: the JSON is not UTF-8');
  }
  return JSON.parse(text, (_key: string, v: unknown): unknown => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const rec = v as Record<string, unknown>;
    if (!(KEY in rec) || Object.keys(rec).length !== 1) return v;
    const ref = typeof rec[KEY] === 'string' ? /^#(\d+)$/.exec(rec[KEY]) : null;
    const blob = ref ? blobs[Number(ref[1])] : undefined;
    if (!blob) throw new SyntaxError('framed body: a reference to no value');
    return blob;
  });
}
