// Settings for Content Credentials: who signs this library's exports, and importing the archive's own
// PEM pair (private key, certificate or chain) in place of the key made on first use.
import { useEffect, useState } from 'react';
import type { SigningIdentityInfo, TintypeApi } from '../../../shared/ipc/contract';

const KIND: Record<SigningIdentityInfo['kind'], string> = { generated: 'Made by Tintype on first use', imported: 'Imported from the archive', files: 'Given as files' };

export function SigningSettings({ api, onClose }: { api: TintypeApi; onClose: () => void }) {
  const [identity, setIdentity] = useState<SigningIdentityInfo | null | undefined>(undefined);
  const [keyFile, setKeyFile] = useState<File | null>(null);
  const [certFile, setCertFile] = useState<File | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void api.signingIdentity({}).then((r) => setIdentity(r.ok ? r.value.identity : null));
  }, [api]);

  const importPair = async (): Promise<void> => {
    if (!keyFile || !certFile) return;
    const r = await api.importSigningIdentity({ keyPem: await keyFile.text(), certPem: await certFile.text() });
    if (r.ok) {
      setIdentity(r.value.identity);
      setMessage('Imported: exports signed from now on use this key.');
    } else setMessage(r.error.message);
  };

  return (
    <div className="help-overlay" role="dialog" aria-label="Content Credentials signing" data-testid="signing-settings" onClick={onClose}>
      <div className="help-card signing-card" onClick={(e) => e.stopPropagation()}>
        <h3>Content Credentials signing</h3>
        {identity === undefined ? (
          <p>Reading…</p>
        ) : identity === null ? (
          <p data-testid="signing-identity">No key yet: the first signed export makes one (self-signed, not publicly trusted), or import the archive’s own below.</p>
        ) : (
          <dl data-testid="signing-identity">
            <dt>Signer</dt>
            <dd>{identity.subject}</dd>
            <dt>Issued by</dt>
            <dd>{identity.issuer}</dd>
            <dt>Key</dt>
            <dd>{KIND[identity.kind]}, {identity.algorithm}, valid until {identity.notAfter.slice(0, 10)}</dd>
            <dt>SHA-256</dt>
            <dd className="mono">{identity.fingerprint}</dd>
            <dt>Trust</dt>
            <dd className={identity.publiclyTrusted ? '' : 'warning'}>{identity.publiclyTrusted ? 'Publicly trusted' : 'Not publicly trusted.'} {identity.note}</dd>
          </dl>
        )}
        <h4>Import the archive’s key pair (PEM)</h4>
        <label className="inline">Private key <input type="file" accept=".pem,.key" data-testid="signing-key-file" onChange={(e) => setKeyFile(e.target.files?.[0] ?? null)} /></label>
        <label className="inline">Certificate (chain) <input type="file" accept=".pem,.crt,.cer" data-testid="signing-cert-file" onChange={(e) => setCertFile(e.target.files?.[0] ?? null)} /></label>
        <div>
          <button type="button" disabled={!keyFile || !certFile} onClick={() => void importPair()} data-testid="signing-import">Import</button>
          <button type="button" onClick={onClose}>Close</button>
        </div>
        {message && <p data-testid="signing-message">{message}</p>}
      </div>
    </div>
  );
}
