// Headers for file downloads.

/** RFC 6266 / 5987 Content-Disposition with the UTF-8 (Chinese) name and an ASCII fallback for old clients. */
export function contentDisposition(name: string): string {
  const clean = name.replace(/[\r\n"\\]/g, '_');
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}
