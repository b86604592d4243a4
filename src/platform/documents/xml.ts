// A strict well-formedness check of XML parts (tests): balanced tags, quoted attributes, no bare "<"
// or "&". What an OOXML consumer refuses first; LibreOffice is not installed on the build machines.

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ATTRS = /^(\s+[A-Za-z_][\w.:-]*\s*=\s*("[^"<]*"|'[^'<]*'))*\s*$/;
const TEXT_OK = /^([^<&]|&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)*$/s;

/** Null when the text is well-formed XML with one root element, else the first problem. */
export function xmlProblem(xml: string): string | null {
  let s = xml.replace(/^\uFEFF/, '');
  s = s.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const text = s.slice(i, lt < 0 ? s.length : lt);
    if (!TEXT_OK.test(text)) return `bad character data near ${JSON.stringify(text.slice(0, 40))}`;
    if (stack.length === 0 && text.trim() !== '') return 'text outside the root element';
    if (lt < 0) break;
    if (s.startsWith('<!--', lt)) { const e = s.indexOf('-->', lt); if (e < 0) return 'unclosed comment'; i = e + 3; continue; }
    if (s.startsWith('<![CDATA[', lt)) { const e = s.indexOf(']]>', lt); if (e < 0) return 'unclosed CDATA'; i = e + 3; continue; }
    if (s.startsWith('<?', lt)) { const e = s.indexOf('?>', lt); if (e < 0) return 'unclosed PI'; i = e + 2; continue; }
    const gt = s.indexOf('>', lt);
    if (gt < 0) return 'unclosed tag';
    const tag = s.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) return `mismatched </${name}>`;
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const m = /^([^\s/>]+)(.*)$/s.exec(body);
      if (!m || !NAME.test(m[1])) return `bad tag <${tag.slice(0, 30)}>`;
      if (!ATTRS.test(m[2])) return `bad attributes in <${m[1]}>`;
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(m[1]);
    }
    i = gt + 1;
  }
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  return roots === 1 ? null : `${roots} root elements`;
}
