// Two versions of the project side by side, each rendered by the library from its own hints.
import { useEffect, useState } from 'react';
import type { TintypeApi } from '../../../shared/ipc/contract';
import type { VersionNode } from '../../../shared/model/project';
import { PngImage } from './PngImage';

interface Props {
  api: TintypeApi;
  projectId: string;
  versions: [VersionNode, VersionNode];
  onClose: () => void;
}

export function CompareView({ api, projectId, versions, onClose }: Props) {
  const [images, setImages] = useState<(Uint8Array | null)[]>([null, null]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all(versions.map((v) => api.renderVersion({ projectId, versionId: v.id, longSide: 1024 }))).then((rs) => {
      if (!live) return;
      const failed = rs.find((r) => !r.ok);
      if (failed && !failed.ok) setError(failed.error.message);
      setImages(rs.map((r) => (r.ok ? r.value.png : null)));
    });
    return () => {
      live = false;
    };
  }, [api, projectId, versions]);
  return (
    <div className="compare" role="dialog" aria-label="Compare versions" data-testid="compare-view">
      <div className="compare-bar">
        <span>Comparing versions</span>
        <button type="button" onClick={onClose}>Close (Esc)</button>
      </div>
      {error && <p className="error">{error}</p>}
      <div className="compare-pair">
        {versions.map((v, i) => (
          <figure key={v.id}>
            {images[i] ? <PngImage png={images[i]} alt={v.name} /> : <div className="blank">Rendering…</div>}
            <figcaption>{v.name}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
