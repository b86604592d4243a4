// 舆情 settings changes (opinion.manage): monitoring plans, lexicon terms, routing rules and duty
// contacts. Each change is one transaction with its audit row; a duty phone is stored encrypted and
// audited masked. Ingestion reads all of these afresh for every batch (ingest-deps.ts).
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { maskPhone } from '../../../platform/crypto/index.ts';
import { DEFAULT_LEXICONS } from '../pipeline/index.ts';
import { LEXICONS, type Lexicon } from '../model.ts';
import * as repo from '../settings.repo.ts';

type Refusal = 'invalid' | 'not_found';
const NOT_FOUND = (what: string) => fail('not_found', `${what}不存在或已被删除。`);

// --- plans ---------------------------------------------------------------------------------------

export async function savePlan(ctx: AppContext, actor: Actor, id: number | null, v: repo.PlanValues): Promise<Result<{ id: number }, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const summary = {
      name: v.name, groups: (v.includeGroups ?? []).map((g) => g.join('+')).join('；') || '无', excludes: (v.excludeWords ?? []).join('、') || '无',
      active: v.active ? '是' : '否',
    };
    if (id === null) {
      const p = await repo.insertPlan(tx, v);
      await writeAudit(tx, actor, { action: 'opinion.plan.create', entityType: 'opinion_plan', entityId: p.id, summary });
      return { ok: true as const, id: p.id };
    }
    if (!await repo.lockPlan(tx, id)) return NOT_FOUND('监测方案');
    await repo.updatePlan(tx, id, v);
    await writeAudit(tx, actor, { action: 'opinion.plan.update', entityType: 'opinion_plan', entityId: id, summary });
    return { ok: true as const, id };
  });
}

export async function removePlan(ctx: AppContext, actor: Actor, id: number): Promise<Result<object, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const p = await repo.lockPlan(tx, id);
    if (!p) return NOT_FOUND('监测方案');
    await repo.deletePlan(tx, id);
    await writeAudit(tx, actor, { action: 'opinion.plan.delete', entityType: 'opinion_plan', entityId: id, summary: { name: p.name } });
    return { ok: true };
  });
}

// --- lexicons ------------------------------------------------------------------------------------

/** The pipeline's default words of a lexicon (gazetteer: none; the county adds its places). */
export function defaultTerms(lexicon: Lexicon): { term: string; weight: number }[] {
  if (lexicon === 'negative') return DEFAULT_LEXICONS.negative;
  if (lexicon === 'sensitive') return DEFAULT_LEXICONS.sensitive;
  if (lexicon === 'stop') return DEFAULT_LEXICONS.stop.map((term) => ({ term, weight: 1 }));
  if (lexicon.startsWith('category_')) return DEFAULT_LEXICONS.categories.find((c) => `category_${c.category}` === lexicon)?.terms ?? [];
  return [];
}

export async function addTerms(ctx: AppContext, actor: Actor, lexicon: Lexicon, terms: string[], weight: number, data: unknown): Promise<Result<{ added: number; skipped: number }, Refusal>> {
  if (!terms.length) return invalid({ terms: '请填写要添加的词语' });
  return withTx(ctx.db, async (tx) => {
    // A list with no stored word uses the defaults: the first edit starts from them, so adding one word does not drop the rest.
    const seeded = (await repo.lexiconCounts(tx)).get(lexicon) ? 0 : await repo.insertTerms(tx, defaultTerms(lexicon).map((t) => ({ lexicon, ...t })));
    const added = await repo.insertTerms(tx, terms.map((term) => ({ lexicon, term, weight, data })));
    await writeAudit(tx, actor, {
      action: 'opinion.lexicon.add', entityType: 'opinion_lexicon', entityId: null,
      summary: { lexicon: LEXICONS[lexicon], term: terms.slice(0, 20).join('、'), terms: added, termWeight: weight, ...(seeded ? { defaults: seeded } : {}) },
    });
    return { ok: true as const, added, skipped: terms.length - added };
  });
}

export async function loadDefaultTerms(ctx: AppContext, actor: Actor, lexicon: Lexicon): Promise<Result<{ added: number }, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const added = await repo.insertTerms(tx, defaultTerms(lexicon).map((t) => ({ lexicon, ...t })));
    await writeAudit(tx, actor, { action: 'opinion.lexicon.defaults', entityType: 'opinion_lexicon', entityId: null, summary: { lexicon: LEXICONS[lexicon], terms: added } });
    return { ok: true as const, added };
  });
}

export async function setTermWeight(ctx: AppContext, actor: Actor, id: number, weight: number): Promise<Result<{ lexicon: string }, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const t = await repo.findLexiconTerm(tx, id);
    if (!t) return NOT_FOUND('词语');
    await repo.updateTerm(tx, id, { weight });
    await writeAudit(tx, actor, { action: 'opinion.lexicon.update', entityType: 'opinion_lexicon', entityId: id, summary: { lexicon: LEXICONS[t.lexicon as Lexicon] ?? t.lexicon, term: t.term, termWeight: weight } });
    return { ok: true as const, lexicon: t.lexicon };
  });
}

export async function removeTerm(ctx: AppContext, actor: Actor, id: number): Promise<Result<{ lexicon: string }, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const t = await repo.findLexiconTerm(tx, id);
    if (!t) return NOT_FOUND('词语');
    await repo.deleteTerm(tx, id);
    await writeAudit(tx, actor, { action: 'opinion.lexicon.delete', entityType: 'opinion_lexicon', entityId: id, summary: { lexicon: LEXICONS[t.lexicon as Lexicon] ?? t.lexicon, term: t.term } });
    return { ok: true as const, lexicon: t.lexicon };
  });
}

// --- routing rules -------------------------------------------------------------------------------

type RuleValues = { term: string; orgId: number; priority: number; vertical: boolean };

export async function saveRoutingRule(ctx: AppContext, actor: Actor, id: number | null, v: RuleValues, orgName: string): Promise<Result<{ id: number }, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const same = await repo.findRuleByTermOrg(tx, v.term, v.orgId);
    if (same && same.id !== id) return invalid({ term: '已有相同关键词和责任单位的规则' });
    const summary = { term: v.term, org: orgName, priority: v.priority, vertical: v.vertical ? '是' : '否' };
    if (id === null) {
      const newId = await repo.insertRoutingRule(tx, v);
      await writeAudit(tx, actor, { action: 'opinion.routing.create', entityType: 'opinion_routing_rule', entityId: newId, summary });
      return { ok: true as const, id: newId };
    }
    if (!await repo.findRoutingRule(tx, id)) return NOT_FOUND('分办规则');
    await repo.updateRoutingRule(tx, id, v);
    await writeAudit(tx, actor, { action: 'opinion.routing.update', entityType: 'opinion_routing_rule', entityId: id, summary });
    return { ok: true as const, id };
  });
}

export async function removeRoutingRule(ctx: AppContext, actor: Actor, id: number): Promise<Result<object, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const r = await repo.findRoutingRule(tx, id);
    if (!r) return NOT_FOUND('分办规则');
    await repo.deleteRoutingRule(tx, id);
    await writeAudit(tx, actor, { action: 'opinion.routing.delete', entityType: 'opinion_routing_rule', entityId: id, summary: { term: r.term, org: r.orgName } });
    return { ok: true };
  });
}

// --- duty contacts -------------------------------------------------------------------------------

type DutyValues = { orgId: number; name: string; position: string; phone: string; email: string | null; hours: string; active: boolean };

export async function saveDutyContact(ctx: AppContext, actor: Actor, id: number | null, v: DutyValues, orgName: string): Promise<Result<{ id: number }, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const { phone, ...rest } = v;
    const row = { ...rest, phoneEnc: ctx.fieldCipher.encrypt(phone) };
    const summary = { org: orgName, name: v.name, position: v.position, phone: maskPhone(phone), hours: v.hours, active: v.active ? '是' : '否' };
    if (id === null) {
      const newId = await repo.insertDutyContact(tx, row);
      await writeAudit(tx, actor, { action: 'opinion.duty.create', entityType: 'opinion_duty_contact', entityId: newId, summary });
      return { ok: true as const, id: newId };
    }
    if (!await repo.findDutyContact(tx, id)) return NOT_FOUND('值班联系人');
    await repo.updateDutyContact(tx, id, row);
    await writeAudit(tx, actor, { action: 'opinion.duty.update', entityType: 'opinion_duty_contact', entityId: id, summary });
    return { ok: true as const, id };
  });
}

export async function removeDutyContact(ctx: AppContext, actor: Actor, id: number): Promise<Result<object, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const d = await repo.findDutyContact(tx, id);
    if (!d) return NOT_FOUND('值班联系人');
    await repo.deleteDutyContact(tx, id);
    await writeAudit(tx, actor, { action: 'opinion.duty.delete', entityType: 'opinion_duty_contact', entityId: id, summary: { org: d.orgName, name: d.name } });
    return { ok: true };
  });
}
