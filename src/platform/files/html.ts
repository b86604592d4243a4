// HTML → plain text for uploaded web pages: htmlparser2 (a streaming tokenizer, linear on any
// input, so a 20 MB or hostile page cannot stall the parse) and entities for the full HTML5 table.
// Scripts, styles and other non-text elements are dropped; paragraph and line breaks are kept.
import { Parser } from 'htmlparser2';
import { decodeHTML } from 'entities';

/** Spaces of every width become one space; invisible joiners and control characters go. */
function cleanChars(s: string): string {
  return s.replace(/[\u00a0\u2002\u2003\u2009]/g, ' ')
    .replace(/[\u00ad\u200b-\u200d\ufeff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

export function decodeEntities(s: string): string {
  return cleanChars(decodeHTML(s));
}

const BLOCK = new Set(('address article aside blockquote br caption center dd div dl dt fieldset figcaption figure footer form ' +
  'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr ul title').split(' '));
// Elements whose content is never document text.
const SKIP = new Set('script style noscript template head svg object iframe select button textarea math'.split(' '));

/** The document's <title>, if any (decoded, whitespace collapsed). */
export function htmlTitle(html: string): string | undefined {
  const m = /<title[^<>]{0,200}>([^<]{0,2000})<\/title\s*>/i.exec(html);
  if (!m) return undefined;
  const t = decodeEntities(m[1]).replace(/\s+/g, ' ').trim();
  return t || undefined;
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  let skip = 0;
  const parser = new Parser({
    onopentag(name) {
      if (SKIP.has(name)) skip++;
      else if (!skip && BLOCK.has(name)) out.push('\n');
    },
    onclosetag(name) {
      if (SKIP.has(name)) { skip = Math.max(0, skip - 1); return; }
      if (skip) return;
      if (BLOCK.has(name)) out.push('\n');
      else if (name === 'td' || name === 'th') out.push('\t');
    },
    ontext(text) { if (!skip) out.push(text); },
  }, { decodeEntities: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  // One line per block, as for Word files: the blank lines between tags carry no meaning.
  return tidyText(cleanChars(out.join(''))).replace(/\n{2,}/g, '\n');
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
