// JSON with binary: Uint8Array values travel as {"$bytes": base64}. Used by the browser-host transport;
// Electron IPC clones binary natively.

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

export function encode(value: unknown): string {
  // Read the holder's raw value: JSON.stringify applies toJSON (Node's Buffer has one) before the replacer.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = key === '' ? value : this[key];
    return raw instanceof Uint8Array ? { [KEY]: toBase64(raw) } : v;
  });
}

export function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const rec = v as Record<string, unknown>;
      const b = rec[KEY];
      if (typeof b === 'string' && Object.keys(rec).length === 1) return fromBase64(b);
    }
    return v;
  });
}
