// Documents the desk core hands over as data (a PDF in base64, a CSV as text) turned into files in the
// renderer: a Blob, an object URL for a viewer or a download link, revoked when no longer shown. Also whether
// this window's content security policy lets a blob: URL into an <iframe> (the in-app PDF viewer).
import { useEffect, useState } from 'react';

export function base64ToBlob(base64: string, mimeType: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mimeType });
}

/** An object URL for `blob` while the component is mounted (revoked after). */
export function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url;
}

/** Saves `blob` as `fileName` through a temporary download link (Electron asks where to save it). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; give it a moment before releasing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A CSV from the desk core (already with its BOM and CRLF line ends): downloaded as is. */
export function downloadCsv(csv: string, fileName: string): void {
  downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName);
}

/**
 * Whether the page's meta CSP lets an <iframe> load a blob: URL: the first of frame-src, child-src, default-src
 * that is present must list `blob:`. No meta policy: allowed (a header policy, if any, is caught by the
 * viewer's `securitypolicyviolation` listener).
 */
export function blobFramesAllowed(): boolean {
  const meta = document.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy" i]');
  if (!meta) return true;
  const directives = new Map(
    meta.content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]!.toLowerCase(), parts.slice(1)] as const),
  );
  const sources = directives.get('frame-src') ?? directives.get('child-src') ?? directives.get('default-src');
  return !sources || sources.includes('blob:'); // `*` does not cover blob: URLs
}
