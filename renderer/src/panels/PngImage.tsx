// An <img> for PNG bytes, with the object URL released when the bytes change or the image goes away.
import { useEffect, useState } from 'react';

export function PngImage({ png, alt, className }: { png: Uint8Array | null; alt: string; className?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!png) return setUrl(null);
    const u = URL.createObjectURL(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [png]);
  return url ? <img src={url} alt={alt} className={className} /> : <div className={`${className ?? ''} blank`} aria-label={alt} />;
}
