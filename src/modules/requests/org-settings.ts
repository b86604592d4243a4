// An organisation's intake settings (依申请公开): its tracking-number format and its rule set with
// the internal target lead. Each change is audited in its transaction.
import type { AppContext } from '../../app-context.ts';
import { withTx, type Executor } from '../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../platform/audit/index.ts';
import { can, type Principal } from '../auth/policy.ts';
import type { Failure } from './pii.ts';
import { DEFAULT_INTERNAL_LEAD_DAYS, DEFAULT_RULE_SET, RULE_SETS, isRuleSetId, type RuleSetId } from './domain.ts';
import { DEFAULT_TRACKING_FORMAT, validateTrackingFormat } from './tracking.ts';
import * as repo from './intake.repo.ts';

const staffActor = (p: Principal, ip: string | null): Actor => ({ id: p.id, name: p.username, ip });

/** Sets an organisation's tracking-number format (request.manage on that organisation). */
export async function saveTrackingFormat(ctx: AppContext, actor: Principal, orgId: number, format: string, ip: string | null = null): Promise<{ ok: true } | Failure> {
  if (!can(actor, 'request.manage', { orgId })) return { ok: false, reason: 'forbidden', message: '您没有修改该机关受理编号格式的权限。' };
  const f = format.trim();
  const err = f ? validateTrackingFormat(f) : null;
  if (err) return { ok: false, reason: 'invalid', message: err, fields: { trackingFormat: err } };
  return withTx(ctx.db, async (tx) => {
    await repo.upsertTrackingFormat(tx, orgId, f || null);
    await writeAudit(tx, staffActor(actor, ip), { action: 'request.tracking_format', entityType: 'org', entityId: orgId, summary: { format: f || DEFAULT_TRACKING_FORMAT } });
    return { ok: true as const };
  });
}

/** Organisations' own tracking-number formats (the others use DEFAULT_TRACKING_FORMAT). */
export async function listTrackingFormats(db: Executor): Promise<Map<number, string>> {
  return new Map((await repo.selectTrackingFormats(db)).map((x) => [x.orgId, x.format]));
}

/** Longest internal lead the settings accept (working days before the statutory date). */
export const MAX_LEAD_DAYS = 15;

/**
 * Sets an organisation's rule set (条例2019 by default; a local preset such as 鄂托克前旗2018) and its
 * internal target lead. The rule set applies to applications received afterwards: a case keeps the
 * rules it was received under.
 */
export async function saveOrgRules(ctx: AppContext, actor: Principal, orgId: number, input: { ruleSet: string; leadDays: string }, ip: string | null = null): Promise<{ ok: true } | Failure> {
  if (!can(actor, 'request.manage', { orgId })) return { ok: false, reason: 'forbidden', message: '您没有修改该机关办理规则的权限。' };
  const fields: Record<string, string> = {};
  if (!isRuleSetId(input.ruleSet)) fields.ruleSet = '请选择办理规则';
  const lead = input.leadDays.trim() === '' ? DEFAULT_INTERNAL_LEAD_DAYS : /^\d{1,2}$/.test(input.leadDays.trim()) ? Number(input.leadDays.trim()) : NaN;
  if (!Number.isInteger(lead) || lead < 0 || lead > MAX_LEAD_DAYS) fields.leadDays = `内部办理期限提前的工作日数应为 0 至 ${MAX_LEAD_DAYS} 之间的整数`;
  if (Object.keys(fields).length) return { ok: false, reason: 'invalid', message: '请修改标出的项目。', fields };
  return withTx(ctx.db, async (tx) => {
    await repo.upsertOrgRules(tx, orgId, input.ruleSet, lead);
    await writeAudit(tx, staffActor(actor, ip), { action: 'request.org_rules', entityType: 'org', entityId: orgId, summary: { ruleSet: input.ruleSet, internalLeadDays: lead } });
    return { ok: true as const };
  });
}

/** Organisations' own settings: rule set (DEFAULT_RULE_SET when unset) and lead days (null: the default lead). */
export async function listOrgRules(db: Executor): Promise<Map<number, { ruleSet: RuleSetId; leadDays: number | null }>> {
  return new Map((await repo.selectOrgRules(db)).map((x) => [x.orgId, { ruleSet: isRuleSetId(x.ruleSet) ? x.ruleSet : DEFAULT_RULE_SET, leadDays: x.leadDays }]));
}

/** The rule sets as choices, each with its periods in words. */
export const RULE_SET_OPTIONS = Object.values(RULE_SETS).map((r) => ({
  value: r.id,
  label: `${r.label}：答复${r.replyDays}个工作日，延长不超过${r.extensionMaxDays}个工作日${r.provideDays ? `，决定公开的${r.provideDays}个工作日内提供` : ''}`,
}));
