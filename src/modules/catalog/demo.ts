// The demo county's catalogue (loaded after the demo county, src/main.ts and the module contract):
// published records in every category and organisation, with 解读, attachments, a withdrawn and an
// expired record, and a few drafts in the 县教体局's chain so the staff pages have work to show.
// Everything goes through the real use cases (索引号, audit, search index), each dated in the past.
import type { AppContext } from '../../app-context.ts';
import { withTx } from '../../platform/db/index.ts';
import { writeOfficialDocument } from '../../platform/documents/index.ts';
import { storeFile } from '../../platform/files/index.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { ROLE_KEYS, type Principal } from '../auth/policy.ts';
import * as authRepo from '../auth/repo.ts';
import { listOrgs } from '../org/repo.ts';
import { DEMO_RECORDS, type DemoRecord } from './demo-records.ts';
import * as repo from './repo.ts';
import { createRecord } from './use-cases/createRecord.ts';
import type { Caller } from './use-cases/shared.ts';
import { publishReviewed } from './workflow/publishReviewed.ts';
import { createInterpretation, submitRecord, withdrawRecord } from './workflow/use-cases.ts';

const DEMO_NOTE = '演示数据';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DAY = 86400_000;

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** `{Y}`, `{Y-1}`, `{Y+1}` → years relative to the record's own date. */
export function fillYears(s: string, year: number): string {
  return s.replace(/\{Y([+-]\d+)?\}/g, (_, d: string | undefined) => String(year + (d ? Number(d) : 0)));
}

/** Loads the demo records once (nothing happens when the catalogue has any record). Returns how many were published (解读 included). */
export async function seedCatalogDemo(ctx: AppContext, warn: (msg: string) => void = () => {}): Promise<number> {
  if ((await repo.recordCount(ctx.db)) > 0) return 0;
  return (await loadDemoRecords(ctx, DEMO_RECORDS, warn)).published;
}

/** What loadDemoRecords made of one entry: the record's id and its 解读's (none when it failed or stays in the chain). */
export type LoadedDemoRecord = { id: number; interpretationId?: number } | undefined;

/**
 * Creates `records` through the real use cases (索引号, audit, privacy scan, search index), each on
 * its own day counted back from ctx.now(), and publishes them unless pending. Also used by fixture
 * corpora (the search relevance set), so their records are indexed exactly as in production.
 */
export async function loadDemoRecords(ctx: AppContext, records: readonly DemoRecord[], warn: (msg: string) => void = () => {}): Promise<{ published: number; loaded: LoadedDemoRecord[] }> {
  const orgs = await listOrgs(ctx.db);
  const root = orgs.find((o) => o.parentId === null);
  if (!root) return { published: 0, loaded: records.map(() => undefined) };
  const all = orgs.map((o) => o.id);
  // The demo publisher holds every role everywhere, so each step of a chain is theirs (as for a migration).
  const publisher: Principal = {
    id: 0, username: 'demo', displayName: DEMO_NOTE, orgId: root.id, orgName: root.name, via: 'token',
    grants: ROLE_KEYS.map((role) => ({ role, orgId: root.id, includeSubtree: true, orgIds: all })),
  };
  const clerkUser = await authRepo.findUserByUsername(ctx.db, 'cbr');
  const clerk = clerkUser ? await authRepo.toPrincipal(ctx.db, clerkUser, 'session') : null;
  const now = ctx.now();
  const today = beijingToday(now);
  let published = 0;
  const loaded: LoadedDemoRecord[] = [];

  for (const r of records) {
    const org = orgs.find((o) => o.shortName === r.org);
    if (!org) { warn(`演示信息“${r.title}”未能创建：没有简称为“${r.org}”的机构`); loaded.push(undefined); continue; }
    try {
      const one = await seedOne(ctx, r, org, r.pending ? clerk : publisher, now, today);
      published += one.published;
      loaded.push(one.made);
    } catch (e) {
      // Demo data must never stop the server from starting.
      warn(`演示信息“${r.title}”未能创建：${(e as Error).message}`);
      loaded.push(undefined);
    }
  }
  return { published, loaded };

  async function seedOne(base: AppContext, r: DemoRecord, org: { id: number; name: string }, user: Principal | null, nowAt: Date, todayIso: string): Promise<{ published: number; made: LoadedDemoRecord }> {
    if (!user) return { published: 0, made: undefined };
    const on = addDays(todayIso, -r.daysAgo);
    const year = Number(on.slice(0, 4));
    // The record is made "on its day": its 索引号 year, audit and due dates follow from that.
    const at = new Date(Math.min(nowAt.getTime(), Date.parse(`${on}T01:30:00Z`)));
    const dated: AppContext = { ...base, now: () => at };
    const caller: Caller = { user, ip: null };
    const title = fillYears(r.title, year);
    const body = fillYears(r.body, year);
    const docNo = r.docNo ? fillYears(r.docNo, year) : '';
    const attachments = r.attach ? [await attachment(base, { title, docNo, body, org: org.name, on }, r.docNo ? `${docNo}.docx` : `${title}.docx`)] : [];
    const created = await createRecord(dated, caller, {
      orgId: org.id, attachments,
      form: {
        title, docNo, generatedOn: on, category: r.category, art20Item: r.art20 ? String(r.art20) : '', docType: r.docType ?? 'other',
        importantPolicy: r.importantPolicy ? '1' : '', keywords: r.keywords, body, description: r.description ?? '',
        effectiveOn: r.effectiveInDays ? addDays(on, r.effectiveInDays) : '',
        ...(r.after === 'expire' ? { term: 'limited', termEnd: addDays(on, Math.min(20, r.daysAgo - 1)) } : {}),
      },
    });
    if (!created.ok) throw new Error(created.errors ? Object.values(created.errors).join('；') : created.message);
    if (r.pending === 'draft') return { published: 0, made: undefined };
    if (r.pending === 'review') {
      const s = await submitRecord(dated, caller, created.id, '请审核。');
      if (!s.ok) throw new Error(s.message);
      return { published: 0, made: undefined };
    }
    const p = await publishReviewed(dated, caller, created.id, { publishedOn: on, note: DEMO_NOTE, auditAction: 'catalog.demo.publish' });
    if (!p.ok) throw new Error(p.message + (p.held ? `：${p.held.map((h) => `${h.kind} ${h.excerpt}`).join('，')}` : ''));
    let interpretationId: number | undefined;
    if (r.interpretation) {
      const i = r.interpretation;
      const ion = addDays(on, 2) < todayIso ? addDays(on, 2) : on;
      const idated: AppContext = { ...base, now: () => new Date(Math.min(nowAt.getTime(), Date.parse(`${ion}T02:30:00Z`))) };
      const ic = await createInterpretation(idated, caller, created.id, { title: fillYears(i.title, year), form: i.form, body: fillYears(i.body, year), link: '', keywords: i.keywords });
      if (!ic.ok) throw new Error(ic.message);
      const ip = await publishReviewed(idated, caller, ic.id, { publishedOn: ion, note: DEMO_NOTE, auditAction: 'catalog.demo.publish' });
      if (!ip.ok) throw new Error(ip.message);
      interpretationId = ic.id;
    }
    const withInterpretation = r.interpretation ? 2 : 1;
    if (r.after === 'withdraw') {
      const w = await withdrawRecord({ ...base, now: () => new Date(Math.min(nowAt.getTime(), Date.parse(`${addDays(on, 30)}T02:00:00Z`))) }, caller, created.id,
        '该文件已被新的课后服务管理规定替代，原文件不再执行。');
      if (!w.ok) throw new Error(w.message);
    }
    return { published: withInterpretation, made: { id: created.id, ...(interpretationId ? { interpretationId } : {}) } };
  }
}

/** The record's text as a 公文 .docx, stored like an upload. */
async function attachment(ctx: AppContext, d: { title: string; docNo: string; body: string; org: string; on: string }, name: string): Promise<{ fileId: number; name: string }> {
  const paragraphs = d.body.split('\n').map((s) => s.trim()).filter(Boolean);
  const addressee = paragraphs[0]?.endsWith('：') ? paragraphs.shift() : undefined;
  const bytes = await writeOfficialDocument({
    issuer: d.docNo ? `${d.org}文件` : undefined, docNo: d.docNo || undefined, title: d.title, addressee,
    body: paragraphs, signature: { org: d.org, date: d.on, seal: true }, note: '此件公开发布',
  });
  const text = [d.title, d.docNo, addressee ?? '', ...paragraphs, d.org].filter(Boolean).join('\n');
  const fileId = await withTx(ctx.db, (tx) => storeFile(tx, bytes, 'docx', DOCX_MIME, text));
  return { fileId, name: name.replace(/[\\/:*?"<>|]/g, '_').slice(0, 200) };
}
