// The public version of each attachment, made when its record is published. An attachment with
// spans masked in review is masked in its own format where we can (a .docx, in place); otherwise
// (PDF, or a .docx the redactor refused) the public get its masked text, and the public list says
// so. A .docx without masks is published without the people named in its properties (author, last
// editor) when it names any; other attachments are served as uploaded. Each gets the title the
// document gives itself, for the link.
//
// The Word files are rewritten in the parse sandbox (worker thread: zip check, heap limit, hard
// timeout), before the publishing transaction: planPublicAttachments prepares the bytes,
// storePublicAttachments stores them inside the transaction after checking that the attachments
// and masks it was prepared for are still the record's (else the caller prepares again).
import type { Executor, Tx } from '../../../platform/db/index.ts';
import { extractMetadata, redactDocxUpload, storeFile, type Kind, type RedactTerm } from '../../../platform/files/index.ts';
import { sm3Hex } from '../../../platform/crypto/index.ts';
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

/** What the public get of one attachment. */
export interface PlannedAttachment {
  attachmentId: number;
  /** The masked text (null: nothing masked). */
  text: string | null;
  /** A public file in the original's format (masked, or without the people in its properties). */
  file: { bytes: Buffer; kind: Kind; mime: string; text: string } | null;
  title: string | null;
}

export interface PublicPlan { key: string; items: PlannedAttachment[] }

export type PlanResult = { ok: true; plan: PublicPlan } | { ok: false; message: string };

const masksOf = (findings: readonly StoredFinding[], attachmentId: number) =>
  findings.filter((f) => f.resolution === 'redact' && f.source === 'attachment' && f.attachmentId === attachmentId);

/** What a plan depends on: each attachment (its uploaded file) and the spans masked in it. */
function planKey(sources: readonly wrepo.AttachmentSource[], findings: readonly StoredFinding[]): string {
  const parts = sources.map((a) => [a.id, a.fileId, masksOf(findings, a.id).map((f) => [f.start, f.end, f.excerpt])]);
  return sm3Hex(JSON.stringify(parts));
}

/** The masks of a .docx as terms for the redactor: each span as found in the extracted text. */
export const termsOf = (original: string, masks: readonly StoredFinding[]): RedactTerm[] =>
  masks.map((f) => ({ text: original.slice(f.start, f.end), mask: f.excerpt }));

/** A sandbox refusal, or a redactor refusal that means the file is hostile: publication stops. */
function blocked(name: string, message: string): { ok: false; message: string } {
  return { ok: false, message: `附件“${name}”无法生成公开版本，暂不能发布：${message}请更换该附件后重新提交。` };
}

/**
 * The public version of one attachment (no database writes). A .docx goes through the sandbox;
 * a hostile one (zip bomb, runaway parse, absurd nesting) refuses, and the caller does not publish.
 */
export async function planAttachment(db: Executor, a: wrepo.AttachmentSource, findings: readonly StoredFinding[], today: string):
  Promise<{ ok: true; item: PlannedAttachment } | { ok: false; /** Why, in Chinese (the sandbox's or the redactor's sentence). */ message: string }> {
  const masks = masksOf(findings, a.id);
  const original = a.text ?? '';
  const text = masks.length ? publicText(original, findings, 'attachment', a.id) : null;
  if (a.kind !== 'docx') return { ok: true, item: { attachmentId: a.id, text, file: null, title: titleFromText(text ?? a.text, today) } };
  const terms = termsOf(original, masks);
  const r = await redactDocxUpload(await wrepo.attachmentData(db, a.id), terms);
  if (!r.ok) {
    // The zip check's "damaged archive" is treated like the redactor's own "corrupt" below.
    if ('code' in r ? r.code !== 'file.corrupt' : r.reason === 'too_large' || r.reason === 'too_deep') return { ok: false, message: r.message };
  }
  const title = ('title' in r ? r.title : null) ?? titleFromText(text ?? a.text, today);
  if (r.ok && (masks.length || r.changed)) {
    // Masked in place, or (nothing masked) the same document without the people in its properties.
    return { ok: true, item: { attachmentId: a.id, text, file: { bytes: r.bytes, kind: 'docx', mime: a.mime, text: text ?? original }, title } };
  }
  // Nothing to change, or a file the redactor refused: masked text when there are masks (the list
  // says so), else the upload as it is.
  return { ok: true, item: { attachmentId: a.id, text, file: null, title } };
}

/** Prepares the public version of every attachment of a record for `findings` (outside any transaction). */
export async function planPublicAttachments(db: Executor, recordId: number, findings: readonly StoredFinding[], today: string): Promise<PlanResult> {
  const sources = await wrepo.attachmentSources(db, recordId);
  const items: PlannedAttachment[] = [];
  for (const a of sources) {
    const r = await planAttachment(db, a, findings, today);
    if (!r.ok) return blocked(a.name, r.message);
    items.push(r.item);
  }
  return { ok: true, plan: { key: planKey(sources, findings), items } };
}

/**
 * Stores the planned public versions, inside the publishing transaction. False (nothing written)
 * when the plan is missing or was made for other attachments or masks than the record's now;
 * a record without attachments needs no plan.
 */
export async function storePublicAttachments(tx: Tx, recordId: number, findings: readonly StoredFinding[], plan: PublicPlan | null): Promise<boolean> {
  const sources = await wrepo.attachmentSources(tx, recordId);
  if (!sources.length) return true;
  if (!plan || plan.key !== planKey(sources, findings)) return false;
  for (const p of plan.items) {
    const fileId = p.file ? await storeFile(tx, p.file.bytes, p.file.kind, p.file.mime, p.file.text) : null;
    await wrepo.setAttachmentPublic(tx, p.attachmentId, { text: p.text, fileId, title: p.title });
  }
  return true;
}

/** Thrown inside a publishing transaction whose plan is missing or stale: rolled back, prepared, run again. */
export class NeedsPublicPlan extends Error {
  constructor(readonly findings: StoredFinding[]) { super('public attachments not prepared'); }
}

export const STALE_ATTACHMENTS = '发布过程中该信息的附件或遮盖处理发生了变化，请刷新页面后重新操作。';

/**
 * Runs a publishing transaction with the public attachments prepared before it: `run` gets the
 * plan (first the one given, maybe null) and throws NeedsPublicPlan when it does not fit; the
 * plan is then made for the findings the transaction saw, outside it, and `run` tried again.
 */
export async function withPublicPlan<T>(db: Executor, recordId: number, today: string, first: PublicPlan | null,
  run: (plan: PublicPlan | null) => Promise<T>): Promise<T | { ok: false; reason: string; message: string }> {
  let plan = first;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await run(plan);
    } catch (e) {
      if (!(e instanceof NeedsPublicPlan)) throw e;
      const p = await planPublicAttachments(db, recordId, e.findings, today);
      if (!p.ok) return { ok: false, reason: 'attachment', message: p.message };
      plan = p.plan;
    }
  }
  return { ok: false, reason: 'stale', message: STALE_ATTACHMENTS };
}
