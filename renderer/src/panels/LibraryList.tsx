// Scans already in the library, newest first: reopening one restores its hints.
import { useEffect, useState } from 'react';
import type { ImageInfo, TintypeApi } from '../../../shared/contract';

export function LibraryList({ api, onOpen }: { api: TintypeApi; onOpen: (info: ImageInfo) => void }) {
  const [images, setImages] = useState<ImageInfo[]>([]);
  useEffect(() => {
    void api.listImages({}).then((r) => r.ok && setImages(r.value));
  }, [api]);
  if (images.length === 0) return null;
  return (
    <section className="library" data-testid="library">
      <h3>In the library</h3>
      <ul>
        {images.slice(0, 30).map((info) => (
          <li key={info.id}>
            <button type="button" onClick={() => onOpen(info)}>
              {info.name} <span className="dim">{info.width}×{info.height}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
