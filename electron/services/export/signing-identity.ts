// The archive's C2PA signing identity: a private key and the certificate chain that names it, kept in
// the library folder (signing/identity.json, readable by its owner only) and used entirely offline.
// Either the archive's own pair, imported from PEM files, or — when it has none — one made on first
// use: a local root certificate (self-signed, and said to be not publicly trusted in its very name)
// that issues the signing certificate, whose private key is then thrown away. A C2PA validator rejects
// a self-signed signing certificate outright, but accepts one issued by a root it does not know and
// reports it as untrusted, which is the truth; signing/trust-anchor.pem is that root, for anyone who
// wants their validator to trust this archive.
import { createPrivateKey, randomBytes, webcrypto, X509Certificate as NodeCertificate, type KeyObject } from 'node:crypto';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { z } from 'zod';
import type { SigningIdentityInfo as IdentityInfo } from '../../../shared/ipc/contract';
import { AppFailure } from '../../../shared/ipc/errors';
import { APP } from '../app-info';
import { writeAtomic } from './atomic-write';

export type SigningAlgorithm = IdentityInfo['algorithm'];

/** signing/identity.json. */
export const StoredIdentitySchema = z.object({
  kind: z.enum(['generated', 'imported']),
  createdAt: z.string(),
  keyPem: z.string().min(1),
  /** The signing certificate first, then any intermediates. */
  chainPem: z.array(z.string().min(1)).min(1),
  /** The local root that issued a generated certificate. */
  rootPem: z.string().optional(),
});
export type StoredIdentity = z.infer<typeof StoredIdentitySchema>;

export type { IdentityInfo };

export interface SigningIdentity {
  key: KeyObject;
  algorithm: SigningAlgorithm;
  /** DER, signing certificate first. */
  chain: Uint8Array<ArrayBuffer>[];
  info: IdentityInfo;
}

const GENERATED_NOTE = 'Self-signed by this archive and not publicly trusted: validators will report the signature as valid but from an unknown signer unless they trust signing/trust-anchor.pem.';
const IMPORTED_NOTE = 'The archive’s own certificate. Whether validators trust it depends on who issued it.';

const EC_CURVES: Record<string, SigningAlgorithm> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
/** Extended key usages a C2PA signing certificate may carry: emailProtection, documentSigning, C2PA claimSigning. */
const C2PA_EKUS = ['1.3.6.1.5.5.7.3.4', '1.3.6.1.5.5.7.3.36', '1.3.6.1.4.1.62558.2.1'];
const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

const pemBlocks = (text: string, label: string): string[] => text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g')) ?? [];

function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519';
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  const alg = curve ? EC_CURVES[curve] : undefined;
  if (!alg) throw new AppFailure('invalid-payload', `C2PA signing here takes an EC (P-256, P-384, P-521) or Ed25519 key, not ${key.asymmetricKeyType ?? 'this'} key.`);
  return alg;
}

/** A key and chain, checked the way a C2PA validator will check them, so a bad pair fails here with a
 * clear message rather than producing exports every validator rejects. */
export function identityFromPem(keyPem: string, certPem: string, kind: IdentityInfo['kind']): SigningIdentity {
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (e) {
    const message = (e as Error).message;
    throw new AppFailure('invalid-payload', /passphrase/i.test(message) ? 'The private key is protected by a passphrase; export it without one (PKCS#8 PEM).' : `Not a PEM private key: ${message}`);
  }
  const blocks = pemBlocks(certPem, 'CERTIFICATE');
  if (blocks.length === 0) throw new AppFailure('invalid-payload', 'The certificate file holds no PEM certificate.');
  const certs = blocks.map((b) => {
    try {
      return new NodeCertificate(b);
    } catch (e) {
      throw new AppFailure('invalid-payload', `Not a valid certificate: ${(e as Error).message}`);
    }
  });
  const leaf = certs[0];
  if (!leaf.checkPrivateKey(key)) throw new AppFailure('invalid-payload', 'The private key does not belong to the (first) certificate.');
  const now = Date.now();
  if (Date.parse(leaf.validTo) < now || Date.parse(leaf.validFrom) > now) throw new AppFailure('invalid-payload', `The certificate is valid from ${leaf.validFrom} to ${leaf.validTo}, not now.`);
  if (leaf.ca) throw new AppFailure('invalid-payload', 'The certificate is a CA certificate; C2PA signs with an end-entity certificate issued by it.');
  if (leaf.issuer === leaf.subject && leaf.verify(leaf.publicKey)) throw new AppFailure('invalid-payload', 'The certificate is self-signed; C2PA validators reject those. Issue it from a (local) CA instead.');
  if (leaf.keyUsage?.length && !leaf.keyUsage.some((u) => C2PA_EKUS.includes(u))) throw new AppFailure('invalid-payload', 'The certificate’s extended key usage allows neither document signing, email protection nor C2PA claim signing.');
  const algorithm = algorithmOf(key);
  const local = kind === 'generated';
  return {
    key,
    algorithm,
    chain: certs.map((c) => new Uint8Array(c.raw)),
    info: { kind, subject: leaf.subject.replace(/\n/g, ', '), issuer: leaf.issuer.replace(/\n/g, ', '), notAfter: new Date(leaf.validTo).toISOString(), algorithm, fingerprint: leaf.fingerprint256, publiclyTrusted: false, note: local ? GENERATED_NOTE : IMPORTED_NOTE },
  };
}

/** The identity from a key file and a certificate (chain) file: the CLI's --c2pa-key / --c2pa-cert. */
export async function identityFromFiles(keyFile: string, certFile: string): Promise<SigningIdentity> {
  const read = (f: string) => readFile(f, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new AppFailure('not-found', `Cannot read ${f}: ${e.code ?? e.message}`);
  });
  return identityFromPem(await read(keyFile), await read(certFile), 'files');
}

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const serial = (): string => {
  const b = randomBytes(16);
  b[0] &= 0x7f; // a positive INTEGER
  return b.toString('hex');
};
const toPem = async (key: webcrypto.CryptoKey): Promise<string> => createPrivateKey({ key: Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key)), format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();

/** A new ES256 key and a certificate for it from a new local root, valid ten years. */
export async function generateIdentity(now = new Date()): Promise<StoredIdentity> {
  const notAfter = new Date(now.getTime() + 10 * 365.25 * 86_400_000);
  const subtle = webcrypto.subtle;
  const rootKeys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const keys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  // Node's WebCrypto, in the type @peculiar/x509 names after the DOM's.
  const crypto = webcrypto as unknown as NonNullable<Parameters<typeof x509.X509CertificateGenerator.create>[1]>;
  const org = `O=${APP.name} archive (self-signed; not publicly trusted)`;
  const root = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(),
      name: `CN=${APP.name} local signing root (not publicly trusted), ${org}`,
      notBefore: now,
      notAfter,
      keys: rootKeys,
      signingAlgorithm: EC_P256,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true), await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey, false, crypto)],
    },
    crypto,
  );
  const leaf = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serial(),
      subject: `CN=${APP.name} archive signer (not publicly trusted), ${org}`,
      issuer: root.subject,
      notBefore: now,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm: EC_P256,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([DOCUMENT_SIGNING], false),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  // The root's private key is never stored: it has issued its one certificate.
  return { kind: 'generated', createdAt: now.toISOString(), keyPem: await toPem(keys.privateKey), chainPem: [leaf.toString('pem')], rootPem: root.toString('pem') };
}

export const identityDir = (libraryDir: string): string => path.join(libraryDir, 'signing');
const identityFile = (libraryDir: string): string => path.join(identityDir(libraryDir), 'identity.json');
export const trustAnchorFile = (libraryDir: string): string => path.join(identityDir(libraryDir), 'trust-anchor.pem');

const fromStored = (s: StoredIdentity): SigningIdentity => identityFromPem(s.keyPem, s.chainPem.join('\n'), s.kind);

async function store(libraryDir: string, s: StoredIdentity): Promise<void> {
  await mkdir(identityDir(libraryDir), { recursive: true, mode: 0o700 });
  await writeAtomic(identityFile(libraryDir), `${JSON.stringify(s, null, 2)}\n`, { mode: 0o600 });
  if (s.rootPem) await writeAtomic(trustAnchorFile(libraryDir), s.rootPem);
}

async function readStored(libraryDir: string): Promise<StoredIdentity | null> {
  const text = await readFile(identityFile(libraryDir), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw new AppFailure('io-failed', `Cannot read the signing identity: ${e.message}`);
  });
  if (text === null) return null;
  const parsed = StoredIdentitySchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppFailure('invalid-payload', `signing/identity.json is damaged: ${parsed.error.issues[0]?.message ?? 'unreadable'}. Import a key pair again or delete the file to make a new one.`);
  return parsed.data;
}

const making = new Map<string, Promise<SigningIdentity>>();

/** The library's identity; made (and stored) on first use when the library has none. */
export function libraryIdentity(libraryDir: string): Promise<SigningIdentity> {
  const dir = path.resolve(libraryDir);
  let p = making.get(dir);
  if (!p) {
    p = (async () => {
      const stored = await readStored(dir);
      if (stored) return fromStored(stored);
      const made = await generateIdentity();
      await store(dir, made);
      return fromStored(made);
    })();
    making.set(dir, p);
    p.catch(() => making.delete(dir));
  }
  return p;
}

/** What signs this library's exports, without making anything: null until the first signed export. */
export async function libraryIdentityInfo(libraryDir: string): Promise<IdentityInfo | null> {
  const stored = await readStored(libraryDir);
  return stored ? fromStored(stored).info : null;
}

/** The archive's own PEM pair, checked, then kept as the library's identity (replacing any other). */
export async function importIdentity(libraryDir: string, keyPem: string, certPem: string): Promise<IdentityInfo> {
  const identity = identityFromPem(keyPem, certPem, 'imported');
  const keyOut = identity.key.export({ format: 'pem', type: 'pkcs8' }).toString();
  const chainPem = identity.chain.map((der) => new x509.X509Certificate(der).toString('pem'));
  const dir = path.resolve(libraryDir);
  await store(dir, { kind: 'imported', createdAt: new Date().toISOString(), keyPem: keyOut, chainPem });
  await unlink(trustAnchorFile(dir)).catch(() => undefined); // a generated root, if any, signs nothing any more
  making.delete(dir);
  return identity.info;
}
