// Review-chain engine: the pure rules. A chain is an ordered list of steps; an instance is one pass
// of a subject (a catalogue record, a press event, an annual report …) through a copy of the steps.
// Nothing here touches the database: every input is an argument, so the rules have table tests.
import { can, isRole, ROLES, type Grant, type Principal, type Role } from '../auth/policy.ts';

// ---------------------------------------------------------------------------------------------
// Steps and scopes

/**
 * Where the actor's role grant must sit relative to the subject's organisation. All three are
 * answered from the principal's grants alone (a grant lists the organisations it covers: its own,
 * plus descendants when it includes the subtree), so eligibility needs no tree lookup:
 *  - own_org:     a grant of the role anchored on the subject's own organisation
 *                 (承办人, 承办部门审核人, 单位审发人 of that department or town);
 *  - ancestor:    a subtree grant of the role anchored on a strict ancestor of the subject's
 *                 organisation (the county's 保密审查员 or 政务公开办 reviewing a department's record);
 *  - grant_scope: any grant of the role that covers the subject's organisation (own or ancestor).
 */
export const STEP_SCOPES = {
  own_org: '本单位',
  ancestor: '上级单位',
  grant_scope: '授权范围内任一单位',
} as const;
export type StepScope = keyof typeof STEP_SCOPES;
export const STEP_SCOPE_KEYS = Object.keys(STEP_SCOPES) as StepScope[];
export function isStepScope(v: unknown): v is StepScope { return typeof v === 'string' && Object.hasOwn(STEP_SCOPES, v); }

/** Step kinds the subject's module may hook into (a 'secrecy' step needs the 保密审查 record). */
export const STEP_KINDS = { secrecy: '保密审查' } as const;
export type StepKind = keyof typeof STEP_KINDS;
export function isStepKind(v: unknown): v is StepKind { return typeof v === 'string' && Object.hasOwn(STEP_KINDS, v); }

export interface StepDef {
  /** Stable code, unique within the chain (lower case letters, digits, underscore). */
  key: string;
  /** Chinese name shown to users, ≤ 20 characters (承办部门审核). */
  name: string;
  role: Role;
  scope: StepScope;
  kind?: StepKind;
  /**
   * The person who performed the previous step may also perform this one. Absent (the default)
   * means the chain separates actors: nobody passes two consecutive steps of one instance (三审).
   * Stored per step so the flag travels with the steps copied into each instance.
   */
  allowSameActor?: boolean;
}

/** The chain-level view of the separation flag: true unless some step allows the same actor. */
export function separateActors(steps: readonly StepDef[]): boolean {
  return !steps.some((s) => s.allowSameActor);
}

/** Applies the chain-level separation flag to every step after the first. */
export function withSeparation(steps: readonly StepDef[], separate: boolean): StepDef[] {
  return steps.map((s, i) => {
    const { allowSameActor: _drop, ...rest } = s;
    return !separate && i > 0 ? { ...rest, allowSameActor: true } : rest;
  });
}

// ---------------------------------------------------------------------------------------------
// Subject types, conclusions, statuses

/**
 * Subject types the engine serves, with the record kinds a chain may be specific to. The
 * subject's module passes one of these kind codes as `recordKind` (or none).
 */
export const SUBJECT_TYPES = {
  catalog_record: {
    label: '主动公开信息',
    kinds: { rule: '规章', normative: '行政规范性文件', other: '其他政府信息', interpretation: '政策解读' } as Record<string, string>,
  },
  request_reply: {
    label: '依申请公开答复',
    kinds: { disclosure: '政府信息公开申请', correction: '政府信息更正申请' } as Record<string, string>,
  },
  press_event: { label: '新闻发布活动', kinds: { department: '部门新闻发布', government: '以政府名义的新闻发布' } as Record<string, string> },
  annual_report: { label: '年度报告', kinds: {} as Record<string, string> },
  opinion_response: { label: '政务舆情回应', kinds: {} as Record<string, string> },
} as const;
export type SubjectType = keyof typeof SUBJECT_TYPES;
export const SUBJECT_TYPE_KEYS = Object.keys(SUBJECT_TYPES) as SubjectType[];
export function isSubjectType(v: unknown): v is SubjectType { return typeof v === 'string' && Object.hasOwn(SUBJECT_TYPES, v); }
export function subjectTypeLabel(t: string): string { return isSubjectType(t) ? SUBJECT_TYPES[t].label : t; }
export function recordKindLabel(t: string, kind: string | null): string {
  if (kind === null) return '全部类型';
  return isSubjectType(t) && Object.hasOwn(SUBJECT_TYPES[t].kinds, kind) ? SUBJECT_TYPES[t].kinds[kind] : kind;
}

/** What a person concluded at a step. 'submit' is the drafter's first step; 'cancel' withdraws an open instance. */
export const STEP_CONCLUSIONS = {
  submit: '提交',
  pass: '通过',
  return: '退回修改',
  refuse: '不予公开',
  cancel: '撤回',
} as const;
export type ActionConclusion = keyof typeof STEP_CONCLUSIONS;
/** The conclusions a reviewer may choose at a review step. */
export type Conclusion = 'pass' | 'return' | 'refuse';
export const CONCLUSIONS: readonly Conclusion[] = ['pass', 'return', 'refuse'];
export function isConclusion(v: unknown): v is Conclusion { return v === 'pass' || v === 'return' || v === 'refuse'; }

export const INSTANCE_STATUSES = {
  in_progress: '审核中',
  approved: '审核通过',
  returned: '已退回修改',
  refused: '不予公开',
  cancelled: '已撤回',
} as const;
export type InstanceStatus = keyof typeof INSTANCE_STATUSES;
export function statusLabel(s: string): string { return Object.hasOwn(INSTANCE_STATUSES, s) ? INSTANCE_STATUSES[s as InstanceStatus] : s; }

export const OPINION_MAX = 2000;

// ---------------------------------------------------------------------------------------------
// Default chains

/** The default chain for catalogue records (seed 001 三审 with 保密审查, seed 002 附件4). */
export const DEFAULT_CATALOG_STEPS: readonly StepDef[] = [
  { key: 'submit', name: '承办人提交', role: 'clerk', scope: 'own_org' },
  { key: 'dept_review', name: '承办部门审核', role: 'dept_reviewer', scope: 'own_org' },
  { key: 'secrecy', name: '保密审查', role: 'secrecy_reviewer', scope: 'grant_scope', kind: 'secrecy' },
  { key: 'approve', name: '单位审发', role: 'unit_approver', scope: 'own_org' },
];

/** The default chain for replies to applications: 承办 → 审核 → 签发 (seed 002 附件2). */
export const DEFAULT_REQUEST_REPLY_STEPS: readonly StepDef[] = [
  { key: 'submit', name: '承办人拟办', role: 'clerk', scope: 'own_org' },
  { key: 'dept_review', name: '承办部门审核', role: 'dept_reviewer', scope: 'own_org' },
  { key: 'sign', name: '单位签发', role: 'unit_approver', scope: 'own_org' },
];

/**
 * The default chain for responses to public opinion: the lead unit's 承办人 drafts, its 单位审发人
 * signs off — two steps only, since the 5 h / 24 h / 48 h clocks leave no room for 三审.
 */
export const DEFAULT_OPINION_RESPONSE_STEPS: readonly StepDef[] = [
  { key: 'submit', name: '承办人起草', role: 'clerk', scope: 'own_org' },
  { key: 'approve', name: '单位审核发布', role: 'unit_approver', scope: 'own_org' },
];

/**
 * A department's (or town's) press event: a written application approved by the propaganda department
 * before it takes place (seed 000 五(二)2, seed 003 §3).
 */
export const DEFAULT_PRESS_DEPARTMENT_STEPS: readonly StepDef[] = [
  { key: 'apply', name: '承办单位提出申请', role: 'clerk', scope: 'own_org' },
  { key: 'press_approve', name: '宣传部审批', role: 'press_office', scope: 'grant_scope' },
];

/** An event in the government's name: 牵头部门拟稿 → 新闻办审核 → 分管副县长审定 → 县长批准 (seed 000 五(二)1). */
export const DEFAULT_PRESS_GOVERNMENT_STEPS: readonly StepDef[] = [
  { key: 'draft', name: '牵头部门拟稿', role: 'clerk', scope: 'own_org' },
  { key: 'press_review', name: '新闻办审核', role: 'press_office', scope: 'grant_scope' },
  { key: 'deputy_review', name: '分管副县长审定', role: 'deputy_leader', scope: 'grant_scope' },
  { key: 'head_approve', name: '县长批准', role: 'principal_leader', scope: 'grant_scope' },
];

/** Built-in chains per subject type and record kind (the fallback after a stored chain of the kind). */
export const DEFAULT_KIND_CHAINS: Partial<Record<SubjectType, Record<string, { name: string; steps: readonly StepDef[] }>>> = {
  press_event: {
    government: { name: '以政府名义新闻发布默认审批流程', steps: DEFAULT_PRESS_GOVERNMENT_STEPS },
  },
};

/** Built-in chains per subject type: created by ensureDefaultChains, and the fallback when none is stored. */
export const DEFAULT_CHAINS: Partial<Record<SubjectType, { name: string; steps: readonly StepDef[] }>> = {
  catalog_record: { name: '主动公开信息默认审核流程', steps: DEFAULT_CATALOG_STEPS },
  request_reply: { name: '依申请公开答复默认审核流程', steps: DEFAULT_REQUEST_REPLY_STEPS },
  opinion_response: { name: '政务舆情回应默认审核流程', steps: DEFAULT_OPINION_RESPONSE_STEPS },
  press_event: { name: '部门新闻发布默认审批流程', steps: DEFAULT_PRESS_DEPARTMENT_STEPS },
};

// ---------------------------------------------------------------------------------------------
// Eligibility

function grantFits(g: Grant, scope: StepScope, subjectOrgId: number): boolean {
  if (!g.orgIds.includes(subjectOrgId)) return false;
  if (scope === 'own_org') return g.orgId === subjectOrgId;
  if (scope === 'ancestor') return g.orgId !== subjectOrgId;
  return true;
}

/** True when the principal holds the step's role with a grant that fits the step's scope. */
export function mayActOnStep(step: StepDef, actor: Principal, subjectOrgId: number): boolean {
  return actor.grants.some((g) => g.role === step.role && grantFits(g, step.scope, subjectOrgId));
}

// ---------------------------------------------------------------------------------------------
// Transitions

/** The part of an instance the rules look at. */
export interface InstanceState {
  status: InstanceStatus | string;
  currentStep: number;
  steps: readonly StepDef[];
  subjectOrgId: number;
  /** Who performed the most recent action (the previous step), for the separate-actors rule. */
  lastActorId: number | null;
  startedBy?: number | null;
}

export interface ActionRecord {
  stepIndex: number;
  stepKey: string;
  stepName: string;
  conclusion: ActionConclusion;
  opinion: string | null;
  actorId: number;
  actorName: string;
  actedAt: Date;
}

export type DecideFailureReason =
  | 'bad_conclusion' | 'closed' | 'stale' | 'not_eligible' | 'same_actor' | 'opinion_required' | 'opinion_too_long' | 'no_steps';

export type Decision =
  | { ok: true; next: { currentStep: number; status: InstanceStatus; finished: boolean }; action: ActionRecord; step: StepDef }
  | { ok: false; reason: DecideFailureReason; message: string; fields?: Record<string, string> };

export const STALE_MESSAGE = '该事项已由他人处理，请刷新页面后查看最新状态。';

function checkOpinion(conclusion: ActionConclusion, raw: string | null | undefined): { ok: true; opinion: string | null } | Extract<Decision, { ok: false }> {
  const opinion = (raw ?? '').trim();
  if (opinion.length > OPINION_MAX) {
    return { ok: false, reason: 'opinion_too_long', message: `意见不能超过 ${OPINION_MAX} 字。`, fields: { opinion: `意见不能超过 ${OPINION_MAX} 字，当前 ${opinion.length} 字` } };
  }
  if (!opinion && (conclusion === 'return' || conclusion === 'refuse')) {
    const msg = conclusion === 'return' ? '退回修改时请填写需修改的内容。' : '不予公开时请填写理由和依据。';
    return { ok: false, reason: 'opinion_required', message: msg, fields: { opinion: msg.replace(/。$/, '') } };
  }
  return { ok: true, opinion: opinion || null };
}

/**
 * One reviewer's conclusion at the instance's current step.
 *  - only a person eligible for the current step may act (role + scope);
 *  - unless the step allows it, the person who performed the previous step may not act;
 *  - 'pass' moves to the next step, or finishes with 'approved' after the last one;
 *  - 'return' (退回修改) ends the instance as 'returned': the drafter revises and submits again,
 *    which starts a new instance; 'refuse' (不予公开) ends it as 'refused';
 *  - return and refuse need an opinion; every opinion is at most OPINION_MAX characters.
 * `expectedStep` is the step the actor saw on their form: if the instance has moved on, the
 * answer is 'stale' (someone else acted first) rather than a confusing eligibility refusal.
 */
export function decide(
  inst: InstanceState, actor: Principal, conclusion: unknown, opinion: string | null | undefined, now: Date,
  opts: { expectedStep?: number } = {},
): Decision {
  if (!isConclusion(conclusion)) return { ok: false, reason: 'bad_conclusion', message: '请选择审核结论（通过、退回修改或不予公开）。', fields: { conclusion: '请选择审核结论' } };
  const stale = opts.expectedStep !== undefined && opts.expectedStep !== inst.currentStep;
  if (inst.status !== 'in_progress') {
    return stale || opts.expectedStep !== undefined
      ? { ok: false, reason: 'stale', message: STALE_MESSAGE }
      : { ok: false, reason: 'closed', message: `该审核流程已结束（${statusLabel(inst.status)}），不能再办理。` };
  }
  if (stale) return { ok: false, reason: 'stale', message: STALE_MESSAGE };
  const step = inst.steps[inst.currentStep];
  if (!step) return { ok: false, reason: 'no_steps', message: '审核流程数据有误，请联系系统管理员。' };
  if (!mayActOnStep(step, actor, inst.subjectOrgId)) {
    return { ok: false, reason: 'not_eligible', message: `您不是“${step.name}”步骤的办理人，不能办理此事项。` };
  }
  if (!step.allowSameActor && inst.lastActorId !== null && inst.lastActorId === actor.id) {
    const prev = inst.steps[inst.currentStep - 1];
    return { ok: false, reason: 'same_actor', message: `您已办理上一步骤“${prev?.name ?? ''}”，“${step.name}”须由其他人员办理。` };
  }
  const op = checkOpinion(conclusion, opinion);
  if (!op.ok) return op;
  const last = inst.currentStep >= inst.steps.length - 1;
  const status: InstanceStatus = conclusion === 'return' ? 'returned' : conclusion === 'refuse' ? 'refused' : last ? 'approved' : 'in_progress';
  const currentStep = status === 'in_progress' ? inst.currentStep + 1 : inst.currentStep;
  return {
    ok: true,
    next: { currentStep, status, finished: status !== 'in_progress' },
    action: {
      stepIndex: inst.currentStep, stepKey: step.key, stepName: step.name, conclusion, opinion: op.opinion,
      actorId: actor.id, actorName: actor.displayName, actedAt: now,
    },
    step,
  };
}

/**
 * Starting an instance is the first step (承办人提交) performed by the drafter: the actor must be
 * eligible for step 0. A one-step chain is approved at once.
 */
export function decideStart(steps: readonly StepDef[], actor: Principal, subjectOrgId: number, opinion: string | null | undefined, now: Date): Decision {
  const step = steps[0];
  if (!step) return { ok: false, reason: 'no_steps', message: '该审核流程没有步骤，请联系政务公开办配置审核流程。' };
  if (!mayActOnStep(step, actor, subjectOrgId)) {
    return { ok: false, reason: 'not_eligible', message: `您不是“${step.name}”步骤的办理人，不能提交审核。` };
  }
  const op = checkOpinion('submit', opinion);
  if (!op.ok) return op;
  const only = steps.length === 1;
  return {
    ok: true,
    next: { currentStep: only ? 0 : 1, status: only ? 'approved' : 'in_progress', finished: only },
    action: { stepIndex: 0, stepKey: step.key, stepName: step.name, conclusion: 'submit', opinion: op.opinion, actorId: actor.id, actorName: actor.displayName, actedAt: now },
    step,
  };
}

/** The drafter who started it, or a review administrator over the subject's organisation, may withdraw an open instance. */
export function decideCancel(inst: InstanceState, actor: Principal): { ok: true } | { ok: false; reason: 'closed' | 'forbidden'; message: string } {
  if (inst.status !== 'in_progress') return { ok: false, reason: 'closed', message: `该审核流程已结束（${statusLabel(inst.status)}），不能撤回。` };
  if (inst.startedBy === actor.id || can(actor, 'review.configure', { orgId: inst.subjectOrgId })) return { ok: true };
  return { ok: false, reason: 'forbidden', message: '只有提交人或政务公开办可以撤回审核。' };
}

// ---------------------------------------------------------------------------------------------
// Chain definitions: reading stored steps and validating the admin form

export const CHAIN_LIMITS = { steps: 10, stepName: 20, chainName: 30, key: 30, rows: 14 } as const;
const KEY_RE = /^[a-z][a-z0-9_]*$/;

/** Reads steps stored as jsonb defensively: null when the data is not a valid step list. */
export function parseSteps(json: unknown): StepDef[] | null {
  if (!Array.isArray(json) || json.length === 0) return null;
  const out: StepDef[] = [];
  for (const s of json) {
    if (!s || typeof s !== 'object') return null;
    const o = s as Record<string, unknown>;
    if (typeof o.key !== 'string' || typeof o.name !== 'string' || typeof o.role !== 'string' || !isRole(o.role) || !isStepScope(o.scope)) return null;
    const step: StepDef = { key: o.key, name: o.name, role: o.role, scope: o.scope };
    if (isStepKind(o.kind)) step.kind = o.kind;
    if (o.allowSameActor === true) step.allowSameActor = true;
    out.push(step);
  }
  return out;
}

/** Rule check of a step list (also used for chains built in code). Returns a Chinese message or null. */
export function checkSteps(steps: readonly StepDef[]): string | null {
  if (steps.length === 0) return '审核流程至少需要 1 个步骤';
  if (steps.length > CHAIN_LIMITS.steps) return `审核流程最多 ${CHAIN_LIMITS.steps} 个步骤`;
  const keys = new Set<string>();
  for (const s of steps) {
    if (!KEY_RE.test(s.key) || s.key.length > CHAIN_LIMITS.key) return `步骤代码“${s.key}”无效`;
    if (keys.has(s.key)) return `步骤代码“${s.key}”重复`;
    keys.add(s.key);
    if (!s.name.trim() || [...s.name].length > CHAIN_LIMITS.stepName) return `步骤名称“${s.name}”应为 1 至 ${CHAIN_LIMITS.stepName} 个字`;
    if (!isRole(s.role)) return `步骤“${s.name}”的角色无效`;
    if (!isStepScope(s.scope)) return `步骤“${s.name}”的办理范围无效`;
  }
  return null;
}

/** One row of the step editor as typed (all strings; `del` is the delete checkbox). */
export interface StepRow { order: string; key: string; name: string; role: string; scope: string; kind: string; del: boolean }

export interface ChainForm {
  name: string;
  subjectType: string;
  recordKind: string;
  /** '' = 全部单位默认 */
  orgId: string;
  separateActors: boolean;
  rows: StepRow[];
}

export interface ChainValue {
  name: string;
  subjectType: SubjectType;
  recordKind: string | null;
  orgId: number | null;
  steps: StepDef[];
}

export type ChainValidation = { ok: true; value: ChainValue } | { ok: false; fields: Record<string, string> };

/** Positive int id from a form or URL string, or null. */
export function parseId(s: unknown): number | null {
  if (typeof s !== 'string' || !/^[1-9][0-9]{0,9}$/.test(s)) return null;
  const n = Number(s);
  return n <= 2_147_483_647 ? n : null;
}

const isBlankRow = (r: StepRow) => !r.key.trim() && !r.name.trim() && !r.role && !r.kind;

/**
 * Validates the chain editor. Rows left blank or ticked for deletion are dropped; the rest are
 * ordered by their order number (then by position). Errors are keyed `s<row>_<field>` after the
 * row as displayed, so each message sits next to the field that caused it. A step without a code
 * gets one (step1, step2 …).
 */
export function validateChainForm(f: ChainForm): ChainValidation {
  const fields: Record<string, string> = {};
  const name = f.name.trim();
  if (!name) fields.name = '请填写流程名称';
  else if ([...name].length > CHAIN_LIMITS.chainName) fields.name = `流程名称不能超过 ${CHAIN_LIMITS.chainName} 个字`;
  const subjectType = isSubjectType(f.subjectType) ? f.subjectType : null;
  if (!subjectType) fields.subjectType = '请选择适用事项';
  let recordKind: string | null = null;
  if (f.recordKind) {
    if (subjectType && Object.hasOwn(SUBJECT_TYPES[subjectType].kinds, f.recordKind)) recordKind = f.recordKind;
    else fields.recordKind = '信息类型无效，请从列表中选择';
  }
  let orgId: number | null = null;
  if (f.orgId) {
    orgId = parseId(f.orgId);
    if (orgId === null) fields.orgId = '适用单位无效，请从列表中选择';
  }

  const kept: { row: number; order: number; step: StepDef }[] = [];
  f.rows.forEach((r, i) => {
    if (r.del || isBlankRow(r)) return;
    const p = `s${i}_`;
    let order = i;
    if (r.order.trim()) {
      if (/^\d{1,2}$/.test(r.order.trim())) order = Number(r.order.trim());
      else fields[p + 'order'] = `第 ${i + 1} 行：顺序应为 0 至 99 的整数`;
    }
    const key = r.key.trim();
    if (key && (!KEY_RE.test(key) || key.length > CHAIN_LIMITS.key)) {
      fields[p + 'key'] = `第 ${i + 1} 行：步骤代码只能使用小写英文字母、数字和下划线，以字母开头，不超过 ${CHAIN_LIMITS.key} 位`;
    }
    const stepName = r.name.trim();
    if (!stepName) fields[p + 'name'] = `第 ${i + 1} 行：请填写步骤名称`;
    else if ([...stepName].length > CHAIN_LIMITS.stepName) fields[p + 'name'] = `第 ${i + 1} 行：步骤名称不能超过 ${CHAIN_LIMITS.stepName} 个字`;
    if (!isRole(r.role)) fields[p + 'role'] = `第 ${i + 1} 行：请选择办理角色`;
    if (!isStepScope(r.scope)) fields[p + 'scope'] = `第 ${i + 1} 行：请选择办理范围`;
    if (r.kind && !isStepKind(r.kind)) fields[p + 'kind'] = `第 ${i + 1} 行：步骤类别无效`;
    kept.push({ row: i, order, step: { key, name: stepName, role: r.role as Role, scope: r.scope as StepScope, ...(isStepKind(r.kind) ? { kind: r.kind } : {}) } });
  });
  kept.sort((a, b) => a.order - b.order || a.row - b.row);

  if (kept.length === 0) fields.steps = '审核流程至少需要 1 个步骤';
  else if (kept.length > CHAIN_LIMITS.steps) fields.steps = `审核流程最多 ${CHAIN_LIMITS.steps} 个步骤，当前 ${kept.length} 个`;

  // Codes: generated where left empty (avoiding typed ones), then checked for duplicates.
  const typed = new Set(kept.map((k) => k.step.key).filter(Boolean));
  let n = 1;
  const seen = new Set<string>();
  for (const k of kept) {
    if (!k.step.key) {
      while (typed.has(`step${n}`)) n++;
      k.step.key = `step${n++}`;
    }
    if (seen.has(k.step.key) && !fields[`s${k.row}_key`]) fields[`s${k.row}_key`] = `第 ${k.row + 1} 行：步骤代码“${k.step.key}”与其他步骤重复`;
    seen.add(k.step.key);
  }

  if (Object.keys(fields).length || !subjectType) return { ok: false, fields };
  return { ok: true, value: { name, subjectType, recordKind, orgId, steps: withSeparation(kept.map((k) => k.step), f.separateActors) } };
}

/** The editor rows for a stored chain, plus `blank` empty rows for adding steps. */
export function rowsFor(steps: readonly StepDef[], blank = 3): StepRow[] {
  const rows: StepRow[] = steps.map((s, i) => ({ order: String(i + 1), key: s.key, name: s.name, role: s.role, scope: s.scope, kind: s.kind ?? '', del: false }));
  const extra = Math.max(0, Math.min(blank, CHAIN_LIMITS.rows - rows.length));
  for (let i = 0; i < extra; i++) rows.push({ order: '', key: '', name: '', role: '', scope: 'own_org', kind: '', del: false });
  return rows;
}

/** Step summary for lists: 承办人提交（承办人，本单位） → … */
export function describeStep(s: StepDef): string {
  return `${s.name}（${ROLES[s.role]}，${STEP_SCOPES[s.scope]}${s.kind ? `，${STEP_KINDS[s.kind]}` : ''}）`;
}
