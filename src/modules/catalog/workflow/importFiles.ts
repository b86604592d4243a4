// Migration of an old website's records (`gongkai catalog import FILE… [--org CODE] [--publish]`):
// each file becomes a draft record with its file attached; with --publish, records already approved
// on the old site are recorded as reviewed by the importing administrator and published — unless
// the privacy scan finds something, in which case the record stays a draft for the chain.
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { DOCUMENT_KINDS, MAX_DOCUMENT_BYTES, checkUpload, extractMetadata, extractUpload, storeFile } from '../../../platform/files/index.ts';
import { suggestKeywords } from '../../../platform/text/index.ts';
import { ROLE_KEYS, type Principal } from '../../auth/policy.ts';
import type { RecordForm } from '../domain.ts';
import * as wrepo from '../repo.workflow.ts';
import { createRecord } from '../use-cases/createRecord.ts';
import { todayOf, type Caller } from '../use-cases/shared.ts';
import { publishReviewed } from './publishReviewed.ts';

export const MIGRATION_OPINION = '历史数据迁移';

export type ImportOutcome =
  | { file: string; status: 'imported'; id: number; indexNo: string; published: boolean }
  | { file: string; status: 'held'; id: number; indexNo: string; findings: { kind: string; excerpt: string }[]; reason?: string }
  | { file: string; status: 'duplicate'; id: number; indexNo: string }
  | { file: string; status: 'failed'; reason: string };

const POLICY_TITLE = /(办法|规定|细则|意见|制度|规划|方案|规则|决定)$/;

/**
 * Form fields from a document's text: extracted metadata, then defaults for what is missing
 * (`titleFound` / `dateFound` say whether the file name and today stood in).
 */
export function formFromDocument(text: string, fileName: string, today: string): { form: Partial<RecordForm>; titleFound: boolean; dateFound: boolean } {
  const meta = extractMetadata(text, { today });
  const title = (meta.title ?? path.basename(fileName).replace(/\.[^.]+$/, '')).trim().slice(0, 200);
  const body = (meta.body ?? text).trim();
  const keywords = suggestKeywords(title, body).join(' ') || '政务公开';
  // 政策文件 when the document carries a 文号 or is named like a policy; otherwise 工作信息.
  const category = meta.docNo || POLICY_TITLE.test(title.replace(/[》」』”"]+$/, '')) ? 'zcwj' : 'gzxx';
  return {
    form: { title, docNo: meta.docNo ?? '', generatedOn: meta.date ?? today, category, keywords, body, publisher: meta.publisher ?? '' },
    titleFound: !!meta.title?.trim(), dateFound: !!meta.date,
  };
}

export async function importFiles(ctx: AppContext, files: readonly string[], opts: { orgCode?: string; publish: boolean; actorName: string }): Promise<{ ok: true; outcomes: ImportOutcome[] } | { ok: false; message: string }> {
  const orgs = await wrepo.activeOrgs(ctx.db);
  const code = opts.orgCode?.trim().toUpperCase();
  const org = code ? orgs.find((o) => o.orgCode === code) : orgs.find((o) => o.parentId === null);
  if (!org) return { ok: false, message: opts.orgCode ? `未找到统一社会信用代码为 ${opts.orgCode} 的在用机构。` : '数据库中没有机构，请先创建本级人民政府。' };
  // The importing administrator: every role on the organisation, so each step of the chain is theirs.
  const user: Principal = {
    id: 0, username: opts.actorName, displayName: opts.actorName, orgId: org.id, orgName: org.name, via: 'token',
    grants: ROLE_KEYS.map((role) => ({ role, orgId: org.id, includeSubtree: false, orgIds: [org.id] })),
  };
  const caller: Caller = { user, ip: null };
  const out: ImportOutcome[] = [];
  for (const file of files) out.push(await importOne(ctx, caller, org.id, file, opts.publish));
  return { ok: true, outcomes: out };
}

async function importOne(ctx: AppContext, caller: Caller, orgId: number, file: string, publish: boolean): Promise<ImportOutcome> {
  let bytes: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { file, status: 'failed', reason: '不是文件' };
    if (st.size > MAX_DOCUMENT_BYTES) return { file, status: 'failed', reason: '文件超过 20 MB' };
    bytes = fs.readFileSync(file);
  } catch {
    return { file, status: 'failed', reason: '文件不存在或没有读取权限' };
  }
  const check = await checkUpload(bytes, path.basename(file), { allowed: DOCUMENT_KINDS, maxBytes: MAX_DOCUMENT_BYTES });
  if (!check.ok) return { file, status: 'failed', reason: check.message };
  // An old site's files are as untrusted as any upload: parsed in the sandbox.
  const text = await extractUpload(bytes, check.kind, { encoding: check.encoding });
  if (!text.ok) return { file, status: 'failed', reason: text.message };
  const { today } = todayOf(ctx);
  const { form, titleFound, dateFound } = formFromDocument(text.text, file, today);
  const name = check.name.slice(0, 200);
  // Running a migration again must not make a second record of the same file (same SM3, same
  // organisation). A draft that an earlier run without --publish left untouched (made by an import,
  // never edited, still 主动公开) is published now if asked; any other record is only named.
  const { fileId, before } = await withTx(ctx.db, async (tx) => {
    const id = await storeFile(tx, bytes, check.kind, check.mime, text.text);
    const dup = await wrepo.recordWithFile(tx, orgId, id);
    if (!dup) await writeAudit(tx, { id: null, name: caller.user.username }, { action: 'catalog.upload', entityType: 'file', entityId: id, summary: { name, kind: check.kind, size: bytes.length, via: 'cli' } });
    return { fileId: id, before: dup };
  });
  let record: { id: number; indexNo: string };
  if (before) {
    const untouchedImport = before.status === 'draft' && before.version === 1 && before.createdBy === caller.user.id && before.disclosure === 'active';
    if (!publish || !untouchedImport) return { file, status: 'duplicate', id: before.id, indexNo: before.indexNo };
    record = before;
  } else {
    let created = await createRecord(ctx, caller, { orgId, form, attachments: [{ fileId, name }] });
    // An old site's 文号 that does not parse is not worth losing the record: import without it.
    if (!created.ok && created.reason === 'invalid' && created.errors?.docNo && Object.keys(created.errors).length === 1) {
      created = await createRecord(ctx, caller, { orgId, form: { ...form, docNo: '' }, attachments: [{ fileId, name }] });
    }
    if (!created.ok) {
      const detail = created.errors ? Object.values(created.errors).join('；') : created.message;
      return { file, status: 'failed', reason: detail };
    }
    record = created;
    if (!publish) return { file, status: 'imported', id: created.id, indexNo: created.indexNo, published: false };
  }
  // The file name is no 信息名称 to publish under: such a record waits for a person to name it.
  if (!titleFound) return { file, status: 'held', id: record.id, indexNo: record.indexNo, findings: [], reason: '未能从文件中提取信息名称（暂以文件名代替），请核对后提交审核' };
  // The old site's date is the publication date; "today" only when the file has none.
  return publishMigrated(ctx, caller, record.id, record.indexNo, file, dateFound ? form.generatedOn : undefined);
}

/** Records the whole chain as done by the importing administrator and publishes — unless the scan finds something. */
async function publishMigrated(ctx: AppContext, caller: Caller, id: number, indexNo: string, file: string, publishedOn?: string): Promise<ImportOutcome> {
  const r = await publishReviewed(ctx, caller, id, { publishedOn, note: MIGRATION_OPINION, auditAction: 'catalog.import.publish', summary: { file: path.basename(file) } });
  if (r.ok) return { file, status: 'imported', id, indexNo, published: true };
  if (r.held) return { file, status: 'held', id, indexNo, findings: r.held };
  return { file, status: 'failed', reason: r.message };
}
