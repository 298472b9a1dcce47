import { describe, expect, it } from 'vitest';
import { decode, decodeBody, decodeFrames, encode, encodeFrames } from '../../shared/ipc/codec';

describe('transport codec', () => {
  it('carries Uint8Array and Node Buffers as bytes', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const out = decode(encode({ a: bytes, b: Buffer.from([1, 2, 3]), n: 1, s: 'x' })) as Record<string, unknown>;
    expect(out.a).toBeInstanceOf(Uint8Array);
    expect(Array.from(out.a as Uint8Array)).toEqual(Array.from(bytes));
    expect(Array.from(out.b as Uint8Array)).toEqual([1, 2, 3]);
    expect(out.n).toBe(1);
  });
  it('leaves look-alike objects with extra keys alone', () => {
    expect(decode(encode({ $bytes: 'AA==', other: 1 }))).toEqual({ $bytes: 'AA==', other: 1 });
  });

  it('decodes a body from its bytes exactly as decode does from its text', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 70_001]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 13 + 5) % 256);
      const value = { name: 'a "quoted" {"$bytes":"x"} name', bytes, nested: [{ more: bytes.subarray(0, 2) }], tags: ['é', '漢'] };
      const body = new TextEncoder().encode(encode(value));
      expect(decodeBody(body)).toEqual(decode(encode(value)));
    }
  });
  it('refuses malformed base64 and JSON in a body', () => {
    const enc = (t: string) => new TextEncoder().encode(t);
    expect(() => decodeBody(enc('{"b":{"$bytes":"#0"}}'))).toThrow(SyntaxError);
    expect(() => decodeBody(enc('{"b":{"$bytes":"AAA"}}'))).toThrow(SyntaxError);
    expect(() => decodeBody(enc('{"b":{"$bytes":"AA'))).toThrow(SyntaxError);
    expect(() => decodeBody(enc('{not json'))).toThrow(SyntaxError);
  });

  const join = (parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.byteLength;
    }
    return out;
  };

  it('frames carry binary as its own bytes and read it back as views, with JSON equal to decode', () => {
    for (const n of [0, 1, 5, 70_001]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 13 + 5) % 256);
      const value = { name: 'a "quoted" {"$bytes":"#9"} name', bytes, nested: [{ more: bytes.subarray(0, 2) }], tags: ['é', '漢'], z: null };
      const parts = encodeFrames(value);
      expect(parts.slice(2)).toEqual([bytes, bytes.subarray(0, 2)]); // the caller's memory, not copies
      const body = join(parts);
      expect(body.byteLength).toBeLessThan(n + 400); // no base64: the body is the bytes plus a little JSON
      const back = decodeFrames(body) as typeof value;
      expect(back).toEqual(decode(encode(value)));
      expect(back.bytes.buffer).toBe(body.buffer); // a view into the body
    }
    expect(decodeFrames(join(encodeFrames(undefined)))).toBe(null);
  });

  it('refuses malformed frames with SyntaxError', () => {
    const good = join(encodeFrames({ b: new Uint8Array([1, 2, 3]), s: 'x' }));
    const patched = (at: number, v: number) => {
      const c = good.slice();
      new DataView(c.buffer).setUint32(at, v, true);
      return c;
    };
    expect(() => decodeFrames(good.subarray(0, good.length - 1))).toThrow(SyntaxError); // truncated value
    expect(() => decodeFrames(join([good, new Uint8Array([0])]))).toThrow(SyntaxError); // trailing byte
    expect(() => decodeFrames(patched(0, 0x12345678))).toThrow(SyntaxError); // magic
    expect(() => decodeFrames(patched(4, 0xffffffff))).toThrow(SyntaxError); // JSON length
    expect(() => decodeFrames(patched(8, 0x3fffffff))).toThrow(SyntaxError); // value count
    expect(() => decodeFrames(patched(12, 2))).toThrow(SyntaxError); // value length
    expect(() => decodeFrames(new Uint8Array(5))).toThrow(SyntaxError);
    const noValue = join(encodeFrames({ s: 'x' })).slice();
    const text = new TextEncoder().encode('{"b":{"$bytes":"#0"}}');
    const head = new DataView(new ArrayBuffer(12));
    head.setUint32(0, new DataView(noValue.buffer).getUint32(0, true), true);
    head.setUint32(4, text.length, true);
    expect(() => decodeFrames(join([new Uint8Array(head.buffer), text]))).toThrow(SyntaxError); // a reference to no value
    const badUtf8 = join([new Uint8Array(head.buffer).slice(), new Uint8Array(text.length).fill(0xff)]);
    expect(() => decodeFrames(badUtf8)).toThrow(SyntaxError);
  });
});
