// What the public get of an attachment, in one place for the record page's list and the download
// route, so the label always names the file actually served: the upload as it is, the masked
// file in its own format, or — when the format could not be masked in place — its masked text.

/**
 * original: as uploaded; cleaned: as uploaded but for the people named in its document properties
 * (author, last editor), removed; redacted: masked in its own format; text: masked text only.
 */
export type PublicVersion = 'original' | 'cleaned' | 'redacted' | 'text';

export type PublicAttachment = {
  id: number;
  /** Link text: the document's own title, else the served file's name. */
  linkText: string;
  /** The name of the served file (its download name). */
  fileName: string;
  /** Format shown, e.g. "DOCX", "纯文本". */
  format: string;
  size: number;
  version: PublicVersion;
};

const baseName = (name: string) => name.replace(/\.[^.]+$/, '') || name;

/** Download name of the served file: the public versions say so in the name. */
export function publicFileName(name: string, version: PublicVersion, kind: string): string {
  if (version === 'original' || version === 'cleaned') return name;
  if (version === 'text') return `${baseName(name)}（公开版，纯文本）.txt`;
  return `${baseName(name)}（公开版）.${kind}`;
}

export function publicAttachment(row: { id: number; name: string; title: string | null; version: PublicVersion; kind: string; size: number }): PublicAttachment {
  const fileName = publicFileName(row.name, row.version, row.kind);
  return {
    id: row.id,
    linkText: row.title?.trim() || fileName,
    fileName,
    format: row.version === 'text' ? '纯文本' : row.kind.toUpperCase(),
    size: row.size,
    version: row.version,
  };
}

/** The served text's bytes: UTF-8 with a BOM (so that Windows Notepad reads it as UTF-8). */
export const publicTextBody = (text: string) => `\ufeff${text}`;
