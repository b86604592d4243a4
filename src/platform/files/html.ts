// HTML → plain text for uploaded web pages: drops scripts, styles and markup, decodes entities,
// keeps paragraph and line breaks. Regex-based on purpose (no DOM dependency); every pattern is
// linear so a 20 MB page cannot stall the server.

const NAMED: Record<string, string> = {
  nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  middot: '·', mdash: '—', ndash: '–', hellip: '…', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™', times: '×', divide: '÷', yen: '¥',
  deg: '°', plusmn: '±', sect: '§', para: '¶', bull: '•', permil: '‰', prime: '′', Prime: '″',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', shy: '', zwj: '', zwnj: '',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,10});?/g, (all, ent: string) => {
    if (ent[0] === '#') {
      const n = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      // Invalid or control code points become nothing rather than garbage.
      if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '';
      if (n < 0x20 && n !== 9 && n !== 10 && n !== 13) return '';
      return String.fromCodePoint(n);
    }
    return Object.prototype.hasOwnProperty.call(NAMED, ent) ? NAMED[ent] : all;
  });
}

const BLOCK = 'address|article|aside|blockquote|br|caption|center|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|thead|tfoot|tr|ul';

/** The document's <title>, if any (decoded, whitespace collapsed). */
export function htmlTitle(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]{0,2000}?)<\/title\s*>/i.exec(html);
  if (!m) return undefined;
  const t = decodeEntities(m[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
  return t || undefined;
}

export function htmlToText(html: string): string {
  let s = html;
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  // Elements whose content is never document text.
  s = s.replace(/<(script|style|noscript|template|head|svg|object|iframe|select|button)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  s = s.replace(/<(script|style|head)\b[^>]*>[\s\S]*$/i, ''); // unclosed at the end
  s = s.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  s = s.replace(/<!doctype[^>]*>/gi, '');
  s = s.replace(new RegExp(`<\\/?(?:${BLOCK})\\b[^>]*>`, 'gi'), '\n');
  s = s.replace(/<\/t[dh]\s*>/gi, '\t');
  s = s.replace(/<[A-Za-z\/!?][^>]*>/g, '');
  s = decodeEntities(s);
  // One line per block, as for Word files: the blank lines between tags carry no meaning.
  return tidyText(s).replace(/\n{2,}/g, '\n');
}

/** Collapses runs of spaces inside lines, trims lines, keeps at most one blank line in a row. */
export function tidyText(s: string): string {
  const lines = s.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim());
  const out: string[] = [];
  for (const l of lines) {
    if (l === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
