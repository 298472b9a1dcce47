// Reads `metadata_props` from an ONNX file without a protobuf library: ModelProto field 14 holds
// StringStringEntryProto { key = 1, value = 2 }. Everything else is skipped by its wire type.
import { AppFailure } from '../../../shared/ipc/errors';

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint');
      const byte = this.buf[this.pos++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
      if (shift > 63) throw new Error('varint too long');
    }
  }
  bytes(): Uint8Array {
    const len = this.varint();
    if (this.pos + len > this.buf.length) throw new Error('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wireType}`);
    if (this.pos > this.buf.length) throw new Error('truncated field');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readEntry(bytes: Uint8Array): [string, string] {
  const r = new Reader(bytes);
  let key = '';
  let value = '';
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    if (field === 1 && tag % 8 === 2) key = utf8.decode(r.bytes());
    else if (field === 2 && tag % 8 === 2) value = utf8.decode(r.bytes());
    else r.skip(tag % 8);
  }
  return [key, value];
}

export function readOnnxMetadata(file: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let sawGraph = false;
  try {
    const r = new Reader(file);
    while (!r.done) {
      const tag = r.varint();
      const field = Math.floor(tag / 8);
      if (field === 14 && tag % 8 === 2) {
        const [k, v] = readEntry(r.bytes());
        out[k] = v;
      } else {
        if (field === 7) sawGraph = true;
        r.skip(tag % 8);
      }
    }
  } catch (e) {
    throw new AppFailure('model-invalid', `The model file is not a readable ONNX file (${(e as Error).message}).`);
  }
  if (!sawGraph) throw new AppFailure('model-invalid', 'The model file is not an ONNX model (it has no graph).');
  return out;
}
