// 专家库 and 政务新媒体: an organisation registers and updates its experts and accounts; the press
// office files them (备案). Expert contact data is encrypted and audited masked.
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { maskPhone } from '../../../platform/crypto/index.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { writeSetting } from '../../portal/settings.repo.ts';
import { can } from '../../auth/policy.ts';
import { EXPERT_STATUSES, MEDIA_PLATFORMS, MEDIA_STATUSES, STALE_DAYS_RANGE, labelOf } from '../domain.ts';
import * as repo from '../repo.ts';
import { auditActor, denied, FORBIDDEN, NOT_FOUND, todayOf, type Caller, type Refusal } from './shared.ts';

export const STALE_DAYS_KEY = 'spokesperson.media_stale_days';

export interface ExpertInput { orgId: number; name: string; field: string; employer: string; title: string; phone: string; email: string | null; status: string }

export async function saveExpert(ctx: AppContext, c: Caller, id: number | null, v: ExpertInput): Promise<Result<{ id: number }, Refusal>> {
  const no = denied(c, 'spokesperson.edit', v.orgId);
  if (no) return no;
  const row = {
    orgId: v.orgId, name: v.name, field: v.field, employer: v.employer, title: v.title, status: v.status,
    phoneEnc: ctx.fieldCipher.encrypt(v.phone), emailEnc: v.email ? ctx.fieldCipher.encrypt(v.email) : null,
  };
  const summary = { personName: v.name, field: v.field, employer: v.employer, phone: maskPhone(v.phone), status: labelOf(EXPERT_STATUSES, v.status) };
  return withTx(ctx.db, async (tx) => {
    if (!await repo.findActiveOrg(tx, v.orgId)) return invalid({ orgId: '所选单位不存在，请重新选择' });
    if (id === null) {
      const newId = await repo.insertExpert(tx, row);
      await writeAudit(tx, auditActor(c), { action: 'spokesperson.expert.create', entityType: 'spokes_expert', entityId: newId, summary });
      return { ok: true as const, id: newId };
    }
    const x = await repo.findExpert(tx, id, true);
    if (!x) return NOT_FOUND('专家');
    if (denied(c, 'spokesperson.edit', x.orgId)) return FORBIDDEN;
    // A changed library entry is filed again (seed 003 §10: 设立及调整后，及时报备案).
    await repo.updateExpert(tx, id, { ...row, filedOn: null });
    await writeAudit(tx, auditActor(c), { action: 'spokesperson.expert.update', entityType: 'spokes_expert', entityId: id, summary });
    return { ok: true as const, id };
  });
}

export async function fileExpert(ctx: AppContext, c: Caller, id: number): Promise<Result<object, Refusal>> {
  const today = todayOf(ctx);
  return withTx(ctx.db, async (tx) => {
    const x = await repo.findExpert(tx, id, true);
    if (!x) return NOT_FOUND('专家');
    if (denied(c, 'spokesperson.file', x.orgId)) return FORBIDDEN;
    if (x.filedOn) return fail('conflict' as const, '该专家已备案。');
    await repo.updateExpert(tx, id, { filedOn: today });
    await writeAudit(tx, auditActor(c), { action: 'spokesperson.expert.file', entityType: 'spokes_expert', entityId: id, summary: { personName: x.name, field: x.field, filedOn: today } });
    return { ok: true as const };
  });
}

export interface MediaInput { orgId: number; platform: string; accountName: string; responsible: string; url: string | null; status: string; lastUpdateOn: string | null }

export async function saveMedia(ctx: AppContext, c: Caller, id: number | null, v: MediaInput): Promise<Result<{ id: number }, Refusal>> {
  const no = denied(c, 'spokesperson.edit', v.orgId);
  if (no) return no;
  const summary = { platform: labelOf(MEDIA_PLATFORMS, v.platform), account: v.accountName, responsible: v.responsible, status: labelOf(MEDIA_STATUSES, v.status), lastUpdateOn: v.lastUpdateOn ?? '—' };
  const r = await withTx(ctx.db, async (tx) => {
    if (!await repo.findActiveOrg(tx, v.orgId)) return invalid({ orgId: '所选单位不存在，请重新选择' });
    if (id === null) {
      const newId = await repo.insertMedia(tx, v);
      await writeAudit(tx, auditActor(c), { action: 'spokesperson.media.create', entityType: 'spokes_media_account', entityId: newId, summary });
      return { ok: true as const, id: newId };
    }
    const m = await repo.findMedia(tx, id, true);
    if (!m) return NOT_FOUND('政务新媒体账号');
    if (denied(c, 'spokesperson.edit', m.orgId)) return FORBIDDEN;
    // Only a change of what the account is (platform, name, organisation) needs filing again.
    const refile = m.platform !== v.platform || m.accountName !== v.accountName || m.orgId !== v.orgId;
    await repo.updateMedia(tx, id, { ...v, ...(refile ? { filedOn: null } : {}) });
    await writeAudit(tx, auditActor(c), { action: 'spokesperson.media.update', entityType: 'spokes_media_account', entityId: id, summary: { ...summary, ...(refile ? { refile: '需重新备案' } : {}) } });
    return { ok: true as const, id };
  });
  if (r.ok) publicPagesChanged();
  return r;
}

export async function fileMedia(ctx: AppContext, c: Caller, id: number): Promise<Result<object, Refusal>> {
  const today = todayOf(ctx);
  const r = await withTx(ctx.db, async (tx) => {
    const m = await repo.findMedia(tx, id, true);
    if (!m) return NOT_FOUND('政务新媒体账号');
    if (denied(c, 'spokesperson.file', m.orgId)) return FORBIDDEN;
    if (m.filedOn) return fail('conflict' as const, '该账号已备案。');
    await repo.updateMedia(tx, id, { filedOn: today });
    await writeAudit(tx, auditActor(c), { action: 'spokesperson.media.file', entityType: 'spokes_media_account', entityId: id, summary: { platform: labelOf(MEDIA_PLATFORMS, m.platform), account: m.accountName, filedOn: today } });
    return { ok: true as const };
  });
  if (r.ok) publicPagesChanged();
  return r;
}

export async function setStaleDays(ctx: AppContext, c: Caller, days: number): Promise<Result<object, Refusal>> {
  if (!can(c.user, 'spokesperson.file')) return FORBIDDEN;
  if (!Number.isInteger(days) || days < STALE_DAYS_RANGE.min || days > STALE_DAYS_RANGE.max) return invalid({ days: `天数应为 ${STALE_DAYS_RANGE.min}—${STALE_DAYS_RANGE.max} 之间的整数` });
  return withTx(ctx.db, async (tx) => {
    await writeSetting(tx, STALE_DAYS_KEY, days);
    await writeAudit(tx, auditActor(c), { action: 'spokesperson.media.settings', entityType: 'setting', entityId: STALE_DAYS_KEY, summary: { staleDays: days } });
    return { ok: true as const };
  });
}
