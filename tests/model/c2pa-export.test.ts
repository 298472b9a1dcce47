// Content Credentials end to end: the studio's export with "Sign with Content Credentials" and the CLI's
// --c2pa / --c2pa-key --c2pa-cert (JPEG, PNG and TIFF), each read back by c2pa-rs (an implementation independent of the
// writer): valid, the parent ingredient is the imported original by its SHA-256, the model named in the
// colorizing action is the shipped one, and the recipe's hash is the sidecar's.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLORIZE_ACTION, RECIPE_ASSERTION } from '../../electron/services/export/c2pa';
import { dispatch } from '../../electron/services/dispatch';
import { generateIdentity, trustAnchorFile } from '../../electron/services/export/signing-identity';
import { DIGITAL_SOURCE_TYPE } from '../../electron/services/export/xmp';
import { Studio } from '../../electron/services/studio';
import type { ExportResult, Results } from '../../shared/ipc/contract';
import { readC2pa } from '../support/c2pa-reader';
import { MODELS, ROOT, tempDir } from '../support/paths';
import { call, projectWithHints, syntheticScan } from '../support/studio-fixtures';

// The file the recipe's model entry names: contract 1's colorizer, or contract 2's per-edit guide.
const MANIFEST = JSON.parse(readFileSync(path.join(MODELS, 'manifest.json'), 'utf8')) as { sha256?: string; guide?: { sha256: string } };
const MODEL_SHA = MANIFEST.guide?.sha256 ?? MANIFEST.sha256 ?? "";
const CLI = path.join(ROOT, 'electron', 'cli', 'tintype.ts');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 300_000 });
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

const studios: Studio[] = [];
afterAll(async () => {
  for (const s of studios) await s.close();
});

describe('a signed studio export', () => {
  it('carries Content Credentials that c2pa-rs validates, naming the original, the model and the recipe', async () => {
    const libraryDir = tempDir('c2pa-studio');
    const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: () => {} });
    studios.push(studio);
    const { image, projectId } = await projectWithHints(studio, 'company-k.jpg', await syntheticScan(900, 600), [{ id: 'coat', x: 200, y: 300, radius: 12, a: 8, b: -40 }]);
    expect(await call<Results['signingIdentity']>(studio, 'signingIdentity', {})).toEqual({ identity: null });

    const out = await call<ExportResult>(studio, 'exportImage', { projectId, format: 'jpeg', badge: false, c2pa: true, jobId: 'signed' });
    expect(out.c2pa?.signer).toMatchObject({ kind: 'generated', publiclyTrusted: false });
    const bytes = readFileSync(path.join(libraryDir, 'exports', out.fileName));
    const read = await readC2pa(bytes, 'image/jpeg');
    expect(read.state).toBe('Valid');
    expect(read.failures).toEqual(['signingCredential.untrusted']);
    expect(read.manifest.ingredients[0]).toMatchObject({ title: 'company-k.jpg', format: 'image/jpeg', relationship: 'parentOf', instance_id: `sha256:${image.id}` });
    const colorized = read.actions.find((a) => a.action === COLORIZE_ACTION);
    expect(colorized?.digitalSourceType).toBe(DIGITAL_SOURCE_TYPE);
    expect(colorized?.softwareAgent).toMatchObject({ name: 'Tintype', model: { sha256: MODEL_SHA } });
    expect(read.assertion(RECIPE_ASSERTION)).toMatchObject({ recipe: { sha256: sha(readFileSync(path.join(libraryDir, 'exports', out.sidecarName))) }, original: { sha256: image.id } });
    expect((await readC2pa(bytes, 'image/jpeg', readFileSync(trustAnchorFile(libraryDir), 'utf8'))).state).toBe('Trusted');

    // The identity is the library's from now on, and signs the 16-bit TIFF master too (tag 0xCD41).
    const info = await call<Results['signingIdentity']>(studio, 'signingIdentity', {});
    expect(info.identity?.fingerprint).toBe(out.c2pa?.signer.fingerprint);
    const tiff = await call<ExportResult>(studio, 'exportImage', { projectId, format: 'tiff16', badge: false, c2pa: true, jobId: 'tiff' });
    expect(tiff.c2pa?.signer.fingerprint).toBe(out.c2pa?.signer.fingerprint);
    const readTiff = await readC2pa(readFileSync(path.join(libraryDir, 'exports', tiff.fileName)), 'image/tiff');
    expect(readTiff.state).toBe('Valid');
    expect(readTiff.manifest.ingredients[0]).toMatchObject({ relationship: 'parentOf', instance_id: `sha256:${image.id}` });
    expect(readTiff.actions.find((a) => a.action === COLORIZE_ACTION)?.digitalSourceType).toBe(DIGITAL_SOURCE_TYPE);
  });

  it('imports the archive’s PEM pair in settings and signs with it; a mismatched pair is refused', async () => {
    const libraryDir = tempDir('c2pa-studio-import');
    const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: () => {} });
    studios.push(studio);
    const own = await generateIdentity();
    const other = await generateIdentity();
    const bad = await dispatch(studio.handlers, 'importSigningIdentity', { keyPem: own.keyPem, certPem: other.chainPem[0] });
    expect(bad.ok ? null : bad.error.message).toMatch(/does not belong/);
    const imported = await call<Results['importSigningIdentity']>(studio, 'importSigningIdentity', { keyPem: own.keyPem, certPem: own.chainPem.join('\n') });
    expect(imported.identity.kind).toBe('imported');
    const { projectId } = await projectWithHints(studio, 'plate.jpg', await syntheticScan(640, 480), []);
    const out = await call<ExportResult>(studio, 'exportImage', { projectId, format: 'png8', badge: false, c2pa: true, jobId: 'own' });
    expect(out.c2pa?.signer.fingerprint).toBe(imported.identity.fingerprint);
    expect((await readC2pa(readFileSync(path.join(libraryDir, 'exports', out.fileName)), 'image/png', own.rootPem)).state).toBe('Trusted');
  });
});

describe('tintype export --c2pa', () => {
  // Each CLI run loads the model and renders in a fresh process.
  const CLI_TIMEOUT = 180_000;
  let libraryDir = '';
  let projectId = '';
  const project = async (): Promise<void> => {
    if (projectId) return;
    libraryDir = tempDir('c2pa-cli');
    const studio = new Studio({ libraryDir, modelsDir: MODELS, emit: () => {} });
    ({ projectId } = await projectWithHints(studio, 'plate.jpg', await syntheticScan(640, 480), [{ id: 'h', x: 100, y: 100, radius: 5, a: 20, b: 30 }]));
    await studio.close();
  };

  it('signs with the library key, made on first use', async () => {
    await project();
    const file = path.join(libraryDir, 'delivered', 'plate.jpg');
    const r = run(['export', projectId, '--out', file, '--c2pa', '--library', libraryDir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Content Credentials signed by .*not publicly trusted.*, \d+ bytes/);
    expect(existsSync(path.join(libraryDir, 'signing', 'identity.json'))).toBe(true);
    expect((await readC2pa(readFileSync(file), 'image/jpeg')).state).toBe('Valid');
  }, CLI_TIMEOUT);

  it('signs with --c2pa-key and --c2pa-cert, which go together', async () => {
    await project();
    const own = await generateIdentity();
    const keys = tempDir('c2pa-cli-keys');
    writeFileSync(path.join(keys, 'key.pem'), own.keyPem, { mode: 0o600 });
    writeFileSync(path.join(keys, 'cert.pem'), own.chainPem.join('\n'));
    const file = path.join(libraryDir, 'delivered', 'plate-own.png');
    const half = run(['export', projectId, '--out', file, '--c2pa-key', path.join(keys, 'key.pem'), '--library', libraryDir]);
    expect(half.status).toBe(2);
    expect(half.stderr).toMatch(/--c2pa-key and --c2pa-cert go together/);
    const r = run(['export', projectId, '--out', file, '--c2pa-key', path.join(keys, 'key.pem'), '--c2pa-cert', path.join(keys, 'cert.pem'), '--library', libraryDir]);
    expect(r.status, r.stderr).toBe(0);
    expect((await readC2pa(readFileSync(file), 'image/png', own.rootPem)).state).toBe('Trusted');
  }, CLI_TIMEOUT);
});
