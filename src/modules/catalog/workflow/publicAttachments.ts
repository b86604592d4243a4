// The public version of each attachment, made when its record is published. An attachment with
// spans masked in review is masked in its own format where we can (a .docx, in place); otherwise
// (PDF, or a .docx the redactor refused) the public get its masked text, and the public list says
// so. Attachments without masks are served as uploaded. Each gets the title the document gives
// itself, for the link.
import type { Tx } from '../../../platform/db/index.ts';
import { docxTitle, extractMetadata, redactDocx, storeFile } from '../../../platform/files/index.ts';
import * as wrepo from '../repo.workflow.ts';
import { publicText, type StoredFinding } from './domain.ts';

const TITLE_MAX = 200;

/** The document's title from its text (the heading of an official document), when it has one. */
function titleFromText(text: string | null, today: string): string | null {
  if (!text) return null;
  // The title is in the first lines; the rest of a long file need not be read.
  const t = extractMetadata(text.slice(0, 20_000), { today }).title?.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, TITLE_MAX) : null;
}

export async function preparePublicAttachments(tx: Tx, recordId: number, findings: readonly StoredFinding[], today: string): Promise<void> {
  for (const a of await wrepo.attachmentSources(tx, recordId)) {
    const masks = findings.filter((f) => f.resolution === 'redact' && f.source === 'attachment' && f.attachmentId === a.id);
    if (!masks.length) {
      const title = (a.kind === 'docx' ? docxTitle(await wrepo.attachmentData(tx, a.id)) : null) ?? titleFromText(a.text, today);
      await wrepo.setAttachmentPublic(tx, a.id, { text: null, fileId: null, title });
      continue;
    }
    const original = a.text ?? '';
    const text = publicText(original, findings, 'attachment', a.id);
    let fileId: number | null = null;
    let title: string | null = null;
    if (a.kind === 'docx') {
      // Each masked span as found in the extracted text: the redactor masks it wherever Word put it.
      const terms = masks.map((f) => ({ text: original.slice(f.start, f.end), mask: f.excerpt }));
      const bytes = await wrepo.attachmentData(tx, a.id);
      const r = redactDocx(bytes, terms);
      if (r.ok) {
        fileId = await storeFile(tx, r.bytes, 'docx', a.mime, text);
        title = r.title;
      } else {
        // Published as text (the list says so), still under the document's own title, masked.
        title = docxTitle(bytes, terms);
      }
    }
    await wrepo.setAttachmentPublic(tx, a.id, { text, fileId, title: title ?? titleFromText(text, today) });
  }
}
