import { describe, expect, it } from 'vitest';
import { decode, decodeBody, encode } from '../../shared/codec';

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
});
