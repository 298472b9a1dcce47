// Content Credentials: an export signed with the library's generated identity (or an imported PEM pair)
// is read back by an independent C2PA implementation (c2pa-rs, as WebAssembly), whose validator finds
// the signature, every hashed URI and the data hash good; the parent ingredient carries the original's
// SHA-256, the actions say c2pa.opened then colorizing by a trained model, the recipe's hash is the
// sidecar's; changing one byte of the pixels fails validation. exiftool's JUMBF read-out sees the same.
// TIFF carries the store in tag 0xCD41 of its first IFD (c2pa-tiff.ts), read back by c2pa-rs's TIFF reader.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { COLORIZE_ACTION, RECIPE_ASSERTION } from '../../electron/services/export/c2pa';
import { writeExport } from '../../electron/services/export/exporter';
import { generateIdentity, identityFromPem, importIdentity, libraryIdentity, libraryIdentityInfo, trustAnchorFile } from '../../electron/services/export/signing-identity';
import { DIGITAL_SOURCE_TYPE } from '../../electron/services/export/xmp';
import { Jobs } from '../../electron/services/jobs';
import { RECIPE_FORMAT, RECIPE_VERSION, type ExportFormat, type Recipe } from '../../shared/model/recipe';
import { testRecipe } from '../support/recipes';
import { readC2pa } from '../support/c2pa-reader';
import { tempDir } from '../support/paths';

const W = 320;
const H = 200;
const ORIGINAL_SHA = createHash('sha256').update('the scan').digest('hex');
const MODEL_SHA = createHash('sha256').update('the model').digest('hex');

function recipe(format: ExportFormat): Recipe {
  return testRecipe({
    original: { name: 'company-k.tif', sha256: ORIGINAL_SHA, width: W, height: H },
    model: { file: 'colorizer.onnx', sha256: MODEL_SHA, contract: 'tintype-colorizer/2' },
    workingSize: { width: 256, height: 160 },
    hints: [{ id: 'coat', x: 10, y: 10, radius: 8, a: 8, b: -40 }],
    output: { format, badge: false },
  });
}

function pixels() {
  const rgb = new Uint16Array(W * H * 3);
  for (let i = 0; i < W * H; i++) {
    rgb[3 * i] = (i % W) * 200;
    rgb[3 * i + 1] = Math.floor(i / W) * 300;
    rgb[3 * i + 2] = 20000;
  }
  return { width: W, height: H, rgb };
}

const MIME: Record<string, string> = { jpeg: 'image/jpeg', png8: 'image/png', png16: 'image/png', tiff16: 'image/tiff' };
const EXT: Record<ExportFormat, string> = { jpeg: 'jpg', png8: 'png', png16: 'png', tiff16: 'tif' };
const original = sharp({ create: { width: W, height: H, channels: 3, background: '#777' } }).tiff().toBuffer();
const library = tempDir('c2pa-lib');

async function signedExport(format: ExportFormat, dir = tempDir('c2pa')) {
  const file = path.join(dir, `out.${EXT[format]}`);
  const written = await writeExport(file, pixels(), recipe(format), await original, Jobs.detached(), { c2pa: await libraryIdentity(library) });
  return { written, bytes: readFileSync(file), sidecar: readFileSync(written.sidecar) };
}

/** The offset of the first byte of entropy-coded data after a JPEG's start-of-scan. */
function jpegScanData(b: Buffer): number {
  for (let at = 2; at < b.length; ) {
    const marker = b[at + 1];
    const length = b.readUInt16BE(at + 2);
    if (marker === 0xda) return at + 2 + length;
    at += 2 + length;
  }
  throw new Error('no SOS');
}

describe('the library signing identity', () => {
  it('is made on first use, readable by its owner only, and said to be not publicly trusted', async () => {
    const dir = tempDir('c2pa-identity');
    expect(await libraryIdentityInfo(dir)).toBeNull();
    const made = await libraryIdentity(dir);
    const file = path.join(dir, 'signing', 'identity.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readdirSync(path.dirname(file)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(made.algorithm).toBe('ES256');
    expect(made.info).toMatchObject({ kind: 'generated', publiclyTrusted: false });
    expect(made.info.subject).toContain('not publicly trusted');
    expect(made.info.note).toMatch(/not publicly trusted/);
    expect(readFileSync(trustAnchorFile(dir), 'utf8')).toContain('BEGIN CERTIFICATE');
    // The same identity thereafter.
    expect((await libraryIdentityInfo(dir))?.fingerprint).toBe(made.info.fingerprint);
  });
});

describe('Content Credentials in an export', () => {
  it.each(['jpeg', 'png8', 'png16', 'tiff16'] as const)('%s: an independent reader validates the manifest and finds every assertion', async (format) => {
    const { written, bytes, sidecar } = await signedExport(format);
    expect(written.c2pa?.manifestBytes).toBeGreaterThan(1000);
    const read = await readC2pa(bytes, MIME[format]);
    // Valid: signature, hashed URIs and data hash all good; only the signer is unknown to the reader.
    expect(read.state).toBe('Valid');
    expect(read.failures).toEqual(['signingCredential.untrusted']);
    expect(read.successes).toEqual(expect.arrayContaining(['claimSignature.validated', 'assertion.dataHash.match', 'assertion.hashedURI.match']));
    // Trusting the library's root makes it Trusted.
    expect((await readC2pa(bytes, MIME[format], readFileSync(trustAnchorFile(library), 'utf8'))).state).toBe('Trusted');

    const m = read.manifest;
    expect(m.claim_generator_info[0].name).toBe('Tintype');
    expect(m.signature_info).toMatchObject({ alg: 'Es256', common_name: expect.stringContaining('not publicly trusted') });
    expect(m.ingredients).toEqual([expect.objectContaining({ title: 'company-k.tif', format: 'image/tiff', relationship: 'parentOf', instance_id: `sha256:${ORIGINAL_SHA}` })]);
    const [opened, colorized] = read.actions;
    expect(opened.action).toBe('c2pa.opened');
    expect(opened.parameters?.ingredients).toEqual([expect.objectContaining({ url: `self#jumbf=c2pa.assertions/${m.ingredients[0].label}` })]);
    expect(colorized.action).toBe(COLORIZE_ACTION);
    expect(colorized.digitalSourceType).toBe(DIGITAL_SOURCE_TYPE);
    expect(colorized.softwareAgent).toMatchObject({ name: 'Tintype', model: { file: 'colorizer.onnx', version: 'tintype-colorizer/2', sha256: MODEL_SHA } });
    expect(read.assertion(RECIPE_ASSERTION)).toEqual({
      recipe: { file: 'out.tintype.json', format: RECIPE_FORMAT, version: RECIPE_VERSION, sha256: createHash('sha256').update(sidecar).digest('hex') },
      original: { name: 'company-k.tif', sha256: ORIGINAL_SHA },
      model: { file: 'colorizer.onnx', version: 'tintype-colorizer/2', sha256: MODEL_SHA },
    });
    // The XMP is still there beside it.
    expect((await sharp(bytes).metadata()).xmp?.toString()).toContain(DIGITAL_SOURCE_TYPE);
  });

  it('fails validation when one byte of the pixels changes', async () => {
    const { bytes } = await signedExport('jpeg');
    const tampered = Buffer.from(bytes);
    tampered[jpegScanData(tampered) + 100] ^= 0x01;
    const read = await readC2pa(tampered, 'image/jpeg');
    expect(read.state).toBe('Invalid');
    expect(read.failures).toContain('assertion.dataHash.mismatch');

    const png = (await signedExport('png8')).bytes;
    const idat = png.indexOf('IDAT');
    const bad = Buffer.from(png);
    bad[idat + 20] ^= 0x01;
    const readPng = await readC2pa(bad, 'image/png');
    expect(readPng.state).toBe('Invalid');
    expect(readPng.failures).toContain('assertion.dataHash.mismatch');
  });

  it('is read out by exiftool as JUMBF with the same assertions', async () => {
    const dir = tempDir('c2pa-exif');
    await signedExport('jpeg', dir);
    // Plain text, not -j: JSON would fold the repeated JUMD Label tags into one.
    const text = execFileSync('exiftool', ['-a', '-G1', '-JUMBF:all', '-CBOR:all', path.join(dir, 'out.jpg')], { encoding: 'utf8' });
    for (const label of ['c2pa.ingredient.v3', 'c2pa.actions.v2', RECIPE_ASSERTION, 'c2pa.hash.data', 'c2pa.claim.v2', 'c2pa.signature']) expect(text).toContain(label);
    expect(text).toContain(DIGITAL_SOURCE_TYPE);
    expect(text).toContain(`sha256:${ORIGINAL_SHA}`);
  });

  it('TIFF: the store sits in tag 0xCD41 of the first IFD, the pixels still decode, and a changed pixel byte fails', async () => {
    const { bytes } = await signedExport('tiff16');
    const le = bytes.toString('latin1', 0, 2) === 'II';
    const u16 = (at: number) => (le ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
    const u32 = (at: number) => (le ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
    const ifd = u32(4);
    const tags = Array.from({ length: u16(ifd) }, (_, i) => ifd + 2 + 12 * i);
    const c2pa = tags.find((at) => u16(at) === 0xcd41);
    expect(c2pa, 'a C2PA entry in IFD0').toBeDefined();
    expect(tags.map((at) => u16(at))).toEqual([...tags.map((at) => u16(at))].sort((a, b) => a - b));
    const at = c2pa as number;
    expect(u16(at + 2)).toBe(7); // UNDEFINED
    const store = bytes.subarray(u32(at + 8), u32(at + 8) + u32(at + 4));
    expect(store.toString('latin1', 4, 8)).toBe('jumb');
    // The same pixels and metadata as the unsigned export (a reader that knows nothing of C2PA).
    const dir = tempDir('c2pa-tiff-plain');
    const plain = await writeExport(path.join(dir, 'out.tif'), pixels(), recipe('tiff16'), await original, Jobs.detached());
    const decode = (b: Buffer) => sharp(b).raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
    const [signed, unsigned] = await Promise.all([decode(bytes), decode(readFileSync(plain.file))]);
    expect(signed.info).toEqual(unsigned.info);
    expect(signed.data.equals(unsigned.data)).toBe(true);
    expect((await sharp(bytes).metadata()).icc?.length).toBeGreaterThan(0);

    // The first strip's compressed bytes: StripOffsets (273), one LONG offset or a list of them.
    const strips = tags.find((t) => u16(t) === 273) as number;
    const first = u32(strips + 4) === 1 ? u32(strips + 8) : u32(u32(strips + 8));
    const tampered = Buffer.from(bytes);
    tampered[first + 40] ^= 0x01;
    const read = await readC2pa(tampered, 'image/tiff');
    expect(read.state).toBe('Invalid');
    expect(read.failures).toContain('assertion.dataHash.mismatch');
  });
});

describe("the archive's own PEM pair", () => {
  it('is checked, imported as the library identity, and signs exports that validate under its root', async () => {
    const own = await generateIdentity();
    const dir = tempDir('c2pa-import');
    const info = await importIdentity(dir, own.keyPem, own.chainPem.join('\n'));
    expect(info.kind).toBe('imported');
    expect(statSync(path.join(dir, 'signing', 'identity.json')).mode & 0o777).toBe(0o600);
    expect(existsSync(trustAnchorFile(dir))).toBe(false);
    expect((await libraryIdentity(dir)).info.fingerprint).toBe(info.fingerprint);

    const out = path.join(tempDir('c2pa-import-out'), 'own.jpg');
    await writeExport(out, pixels(), recipe('jpeg'), await original, Jobs.detached(), { c2pa: await libraryIdentity(dir) });
    expect((await readC2pa(readFileSync(out), 'image/jpeg', own.rootPem)).state).toBe('Trusted');
  });

  it('refuses a key that is not the certificate’s, and what is not PEM', async () => {
    const a = await generateIdentity();
    const b = await generateIdentity();
    expect(() => identityFromPem(a.keyPem, b.chainPem[0], 'files')).toThrow(/does not belong/);
    expect(() => identityFromPem('nonsense', a.chainPem[0], 'files')).toThrow(/Not a PEM private key/);
    expect(() => identityFromPem(a.keyPem, 'nonsense', 'files')).toThrow(/no PEM certificate/);
    expect(() => identityFromPem(a.keyPem, a.rootPem ?? '', 'files')).toThrow(/does not belong/);
  });
});
