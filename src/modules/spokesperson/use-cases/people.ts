// 新闻发言人 / 新闻助理: an organisation submits its data (a filing waiting for the press office);
// the press office files it — only then it is on the public list — or returns it with a reason.
// Each change is one transaction with its audit row.
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { PERSON_ROLES, filingOf, type PersonRole, type PersonValues } from '../domain.ts';
import * as repo from '../repo.ts';
import { auditActor, denied, NOT_FOUND, todayOf, type Caller, type Refusal } from './shared.ts';

const valuesOf = (p: repo.PersonRow): PersonValues => ({
  name: p.name, position: p.position, basis: (p.basis as PersonValues['basis']) ?? null, officePhone: p.officePhone, email: p.email, termFrom: p.termFrom, termTo: p.termTo,
});

/** Submits the data of the organisation's spokesperson or 新闻助理 for filing (replacing a pending submission). */
export async function submitPerson(ctx: AppContext, c: Caller, orgId: number, role: PersonRole, v: PersonValues): Promise<Result<{ filingId: number }, Refusal>> {
  const no = denied(c, 'spokesperson.edit', orgId);
  if (no) return no;
  const values: PersonValues = { ...v, basis: role === 'spokesperson' ? v.basis : null };
  return withTx(ctx.db, async (tx) => {
    const org = await repo.findActiveOrg(tx, orgId);
    if (!org) return NOT_FOUND('单位');
    const current = await repo.activePerson(tx, orgId, role);
    const f = filingOf(current ? valuesOf(current) : null, values);
    if (!f) return invalid({ name: '与已备案的信息相同，无需再次报备' }, '与已备案的信息相同，无需再次报备。');
    const pending = await repo.pendingFiling(tx, orgId, role, true);
    const row = { kind: f.kind, data: values, changes: f.changes, submittedBy: c.user.id };
    const filingId = pending ? (await repo.updatePendingFiling(tx, pending.id, row), pending.id) : await repo.insertFiling(tx, { orgId, role, ...row });
    await writeAudit(tx, auditActor(c), {
      action: 'spokesperson.filing.submit', entityType: 'spokes_filing', entityId: filingId,
      summary: { org: org.name, post: PERSON_ROLES[role], changes: f.changes, ...(pending ? { replaced: '替换未备案的报备' } : {}) },
    });
    return { ok: true as const, filingId };
  });
}

/** 已备案: the press office files a pending submission; the public list shows it from now on. */
export async function fileFiling(ctx: AppContext, c: Caller, filingId: number): Promise<Result<{ personId: number }, Refusal>> {
  const today = todayOf(ctx);
  const r = await withTx(ctx.db, async (tx) => {
    const f = await repo.lockFiling(tx, filingId);
    if (!f) return NOT_FOUND('备案记录');
    const no = denied(c, 'spokesperson.file', f.orgId);
    if (no) return no;
    if (f.status !== 'pending') return fail('conflict' as const, '该报备已处理，请刷新后查看。');
    const v = f.data as PersonValues;
    const current = await repo.activePerson(tx, f.orgId, f.role, true);
    let personId: number;
    if (current && current.name === v.name) {
      await repo.updatePerson(tx, current.id, v, today);
      personId = current.id;
    } else {
      if (current) await repo.endPerson(tx, current.id, today);
      personId = await repo.insertPerson(tx, f.orgId, f.role, v, today);
    }
    await repo.decideFiling(tx, f.id, { status: 'filed', decidedOn: today, decidedBy: c.user.id, personId });
    const org = await repo.findActiveOrg(tx, f.orgId);
    await writeAudit(tx, auditActor(c), {
      action: 'spokesperson.filing.file', entityType: 'spokes_filing', entityId: f.id,
      summary: { org: org?.name ?? f.orgId, post: labelRole(f.role), changes: f.changes, filedOn: today },
    });
    return { ok: true as const, personId };
  });
  if (r.ok) publicPagesChanged();
  return r;
}

/** The press office returns a submission with a reason; the organisation corrects and submits again. */
export async function returnFiling(ctx: AppContext, c: Caller, filingId: number, reason: string): Promise<Result<object, Refusal>> {
  if (!reason.trim()) return invalid({ reason: '请填写退回原因' });
  const today = todayOf(ctx);
  return withTx(ctx.db, async (tx) => {
    const f = await repo.lockFiling(tx, filingId);
    if (!f) return NOT_FOUND('备案记录');
    const no = denied(c, 'spokesperson.file', f.orgId);
    if (no) return no;
    if (f.status !== 'pending') return fail('conflict' as const, '该报备已处理，请刷新后查看。');
    await repo.decideFiling(tx, f.id, { status: 'returned', decidedOn: today, decidedBy: c.user.id, returnReason: reason });
    const org = await repo.findActiveOrg(tx, f.orgId);
    await writeAudit(tx, auditActor(c), {
      action: 'spokesperson.filing.return', entityType: 'spokes_filing', entityId: f.id,
      summary: { org: org?.name ?? f.orgId, post: labelRole(f.role), changes: f.changes, reason },
    });
    return { ok: true as const };
  });
}

const labelRole = (r: string) => (r in PERSON_ROLES ? PERSON_ROLES[r as PersonRole] : r);
