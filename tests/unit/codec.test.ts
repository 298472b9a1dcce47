import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../shared/codec';

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
});
