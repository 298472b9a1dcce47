// The CLI's Content Credentials options: `--c2pa` signs with the library's identity (made on first use,
// self-signed and not publicly trusted), `--c2pa-key FILE --c2pa-cert FILE` with the archive's own PEM
// pair (either implies signing).
import { identityFromFiles, libraryIdentity, type IdentityInfo, type SigningIdentity } from '../services/export/signing-identity';

export const C2PA_OPTIONS = {
  c2pa: { type: 'boolean', default: false },
  'c2pa-key': { type: 'string' },
  'c2pa-cert': { type: 'string' },
} as const;

export interface C2paValues {
  c2pa?: boolean;
  'c2pa-key'?: string;
  'c2pa-cert'?: string;
}

/** The identity the options ask for, or undefined when they ask for no signing. */
export async function signingIdentityFor(v: C2paValues, libraryDir: string): Promise<SigningIdentity | undefined> {
  const key = v['c2pa-key'];
  const cert = v['c2pa-cert'];
  if ((key === undefined) !== (cert === undefined)) throw new Error('--c2pa-key and --c2pa-cert go together: the private key and its certificate (chain), both PEM');
  if (key !== undefined && cert !== undefined) return identityFromFiles(key, cert);
  return v.c2pa ? libraryIdentity(libraryDir) : undefined;
}

export const describeSigner = (i: IdentityInfo): string => `${i.subject}${i.publiclyTrusted ? '' : ' (not publicly trusted)'}`;
