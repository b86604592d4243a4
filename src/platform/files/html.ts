// HTML → plain text for uploaded web pages: drops scripts, styles and markup, decodes entities,
// keeps paragraph and line breaks. No DOM dependency; linear so a 20 MB page cannot stall the server.

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

const BLOCK = new Set(('address article aside blockquote br caption center dd div dl dt fieldset figcaption figure footer form ' +
  'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr ul title').split(' '));
// Elements whose content is never document text.
const SKIP = new Set('script style noscript template head svg object iframe select button textarea math'.split(' '));
const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9-]*)/y;
const closers = new Map<string, RegExp>();

/** The document's <title>, if any (decoded, whitespace collapsed). */
export function htmlTitle(html: string): string | undefined {
  const m = /<title[^<>]{0,200}>([^<]{0,2000})<\/title\s*>/i.exec(html);
  if (!m) return undefined;
  const t = decodeEntities(m[1]).replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/**
 * A single forward scan (every search starts where the previous one ended), so unclosed comments,
 * scripts or tags cannot make it quadratic.
 */
export function htmlToText(html: string): string {
  const s = html;
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) { out.push(s.slice(i)); break; }
    out.push(s.slice(i, lt));
    if (s.startsWith('<!--', lt)) {
      const k = s.indexOf('-->', lt + 4);
      if (k < 0) break;
      i = k + 3;
      continue;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const k = s.indexOf(']]>', lt + 9);
      if (k < 0) break;
      i = k + 3;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const m = TAG_NAME.exec(s);
    if (!m) {
      if (s[lt + 1] === '!' || s[lt + 1] === '?') { // <!doctype …>, <?xml …?>
        const k = s.indexOf('>', lt);
        if (k < 0) break;
        i = k + 1;
      } else { out.push('<'); i = lt + 1; } // a bare "<" in text
      continue;
    }
    const gt = s.indexOf('>', lt);
    if (gt < 0) break;
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    i = gt + 1;
    if (!closing && SKIP.has(name) && s[gt - 1] !== '/') {
      let re = closers.get(name);
      if (!re) { re = new RegExp(`</${name}\\s*>`, 'gi'); closers.set(name, re); }
      re.lastIndex = i;
      const c = re.exec(s);
      if (!c) break;
      i = c.index + c[0].length;
      continue;
    }
    if (BLOCK.has(name)) out.push('\n');
    else if (closing && (name === 'td' || name === 'th')) out.push('\t');
  }
  // One line per block, as for Word files: the blank lines between tags carry no meaning.
  return tidyText(decodeEntities(out.join(''))).replace(/\n{2,}/g, '\n');
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
