// The content security policy shared by both hosts: app code and styles only from the app's own files
// (React and Konva set styles through the DOM, which CSP allows; no inline style is needed), images
// from blobs.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** decodeURIComponent, or undefined for a malformed escape such as "/%". */
export function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
