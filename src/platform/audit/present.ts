// Pure presentation rules of the audit log screen: action labels, readable summaries, filter parsing.
import { isValidIsoDate } from '../../calendar/calendar.ts';

const ACTION_LABELS = new Map<string, string>([
  ['auth.login', '登录'],
  ['auth.login_failed', '登录失败'],
  ['auth.login_refused_locked', '登录被拒绝（已锁定）'],
  ['auth.lock_alert', '告警：账户登录失败次数过多'],
  ['auth.logout', '退出'],
  ['auth.password_changed', '修改密码'],
  ['token.create', '创建接口令牌'],
  ['token.revoke', '吊销接口令牌'],
  ['demo.seed', '载入演示数据'],
  ['audit.verify', '校验审计日志哈希链'],
  ['calendar.import', '导入节假日安排'],
  ['calendar.override_set', '设置日历人工调整'],
  ['calendar.override_remove', '删除日历人工调整'],
  ['org.create', '新建组织机构'],
  ['org.update', '修改组织机构'],
  ['org.deactivate', '停用组织机构'],
  ['org.reactivate', '启用组织机构'],
  ['user.create', '新建用户'],
  ['user.update', '修改用户'],
  ['user.deactivate', '停用用户'],
  ['user.reactivate', '启用用户'],
  ['user.unlock', '解除账户锁定'],
  ['user.reset_password', '重置密码'],
  ['grant.add', '授予角色'],
  ['grant.remove', '撤销角色'],
  ['catalog.record.create', '新建公开信息'],
  ['catalog.record.update', '修改公开信息'],
  ['catalog.upload', '上传文件'],
  ['catalog.submit', '提交审核'],
  ['catalog.review.pass', '审核通过'],
  ['catalog.review.return', '退回修改'],
  ['catalog.review.refuse', '审核不予公开'],
  ['catalog.finding.resolve', '处理隐私与涉密检查结果'],
  ['catalog.plan.save', '保存解读方案'],
  ['catalog.interpretation.link', '关联政策解读'],
  ['catalog.withdraw', '撤回公开信息'],
  ['catalog.recheck.keep', '复查：继续不予公开'],
  ['catalog.recheck.declassify', '复查：解密'],
  ['catalog.coordination.send', '发送征求意见'],
  ['catalog.coordination.reply', '答复征求意见'],
  ['catalog.coordination.decide', '征求意见分歧裁定'],
  ['catalog.import.publish', '迁移导入并公开'],
  ['catalog.demo.publish', '载入演示信息并公开'],
  ['catalog.settings.index_format', '设置索引号格式'],
  ['catalog.synonyms.update', '修改检索同义词'],
  ['catalog.synonyms.reset', '恢复默认检索同义词'],
  ['review.start', '发起审核'],
  ['review.pass', '审核通过'],
  ['review.return', '退回修改'],
  ['review.refuse', '不予公开'],
  ['review.cancel', '撤回审核'],
  ['review.import', '迁移数据审核记录'],
  ['review_chain.create', '新建审核流程'],
  ['review_chain.update', '修改审核流程'],
  ['review_chain.deactivate', '停用审核流程'],
]);

/** Prefix groups offered in the action filter ('auth.*' matches every auth action). */
const ACTION_GROUPS = new Map<string, string>([
  ['auth.*', '登录与账户（全部）'],
  ['token.*', '接口令牌（全部）'],
  ['calendar.*', '工作日历（全部）'],
  ['audit.*', '审计日志（全部）'],
  ['org.*', '组织机构（全部）'],
  ['user.*', '用户与角色（全部）'],
  ['catalog.*', '主动公开（全部）'],
  ['review.*', '审核流程（全部）'],
]);

/**
 * Modules add Chinese labels for their own action codes (and optional prefix groups), the keys of
 * their audit summaries and the coded values under a key (channel: online → 网上申请). Keys and
 * values are the module's own (`scope`, its name): two modules may use one key in two meanings
 * (dueOn: a filing deadline, a rectification deadline), and a row is read with the labels of the
 * module whose action wrote it. Without a scope they are the platform's, shared by every row.
 */
export function registerAuditActionLabels(labels: Record<string, string>, groups: Record<string, string> = {}, fields: Record<string, string> = {}, values: Record<string, Record<string, string>> = {}, entities: Record<string, string> = {}, scope?: string): void {
  for (const [k, v] of Object.entries(labels)) ACTION_LABELS.set(k, v);
  for (const [k, v] of Object.entries(groups)) ACTION_GROUPS.set(k, v);
  Object.assign(ENTITY_LABELS, entities);
  if (scope === undefined) {
    Object.assign(KEY_LABELS, fields);
    for (const [k, m] of Object.entries(values)) VALUE_LABELS[k] = { ...VALUE_LABELS[k], ...m };
    return;
  }
  for (const a of Object.keys(labels)) SCOPE_OF_ACTION.set(a, scope);
  const own = SCOPED.get(scope) ?? { keys: {}, values: {} };
  Object.assign(own.keys, fields);
  for (const [k, m] of Object.entries(values)) own.values[k] = { ...own.values[k], ...m };
  SCOPED.set(scope, own);
}

const SCOPE_OF_ACTION = new Map<string, string>();
const SCOPED = new Map<string, { keys: Record<string, string>; values: Record<string, Record<string, string>> }>();

/** The Chinese label of an action code; unknown codes are shown as they are. */
export function actionLabel(action: string): string {
  return ACTION_LABELS.get(action) ?? ACTION_GROUPS.get(action) ?? action;
}

export function actionOptions(): { value: string; label: string }[] {
  const groups = [...ACTION_GROUPS].map(([value, label]) => ({ value, label }));
  const single = [...ACTION_LABELS].map(([value, label]) => ({ value, label: `${label}（${value}）` }));
  return [...groups, ...single];
}

const ENTITY_LABELS: Record<string, string> = {
  user: '用户', api_token: '接口令牌', system: '系统', audit_log: '审计日志',
  calendar_year: '节假日年度安排', calendar_day: '日历日期', org: '组织机构',
  org_unit: '组织机构（单位）', catalog_record: '公开信息', file: '文件', review_chain: '审核流程', review_instance: '审核事项',
  request_case: '依申请公开案件', request_template: '文书模板', request_reminders: '依申请公开提醒', setting: '站点设置',
};

/** The object types as choices for the filter (Chinese names, codes as values). */
export function entityOptions(): { value: string; label: string }[] {
  return Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }));
}

export function entityLabel(entityType: string, entityId: string | null): string {
  const t = ENTITY_LABELS[entityType] ?? entityType;
  return entityId == null || entityId === '' ? t : `${t} #${entityId}`;
}

const VALUE_LABELS: Record<string, Record<string, string>> = {};

const KEY_LABELS: Record<string, string> = {
  trackingNo: '受理编号', orgId: '机构编号', title: '标题', indexNo: '索引号', status: '状态', version: '版本',
  username: '用户名', displayName: '姓名', email: '电子邮箱', role: '角色', roles: '角色', includeSubtree: '含下级机构',
  format: '格式', count: '数量', documentId: '文书编号', fileId: '文件编号', step: '步骤', conclusion: '结论', opinion: '意见',
  from: '起', to: '止', method: '方式', category: '类别', active: '启用', ip: '地址',
  reason: '原因', failedLogins: '连续失败次数', locked: '已锁定', user: '用户', name: '名称',
  expiresAt: '到期时间', orgs: '机构数', users: '用户数', ok: '结果', rows: '记录数', brokenAt: '异常记录编号',
  date: '日期', isOffDay: '放假', year: '年度', days: '天数', offDays: '放假天数', workDays: '调休上班天数',
  note: '备注', recalculated: '重新计算事项数', replacedDays: '替换原导入天数', kind: '类型',
  groupsBefore: '修改前组数', groupsAfter: '修改后组数',
  accountFailures: '全部地址失败次数', scope: '锁定范围', lockedUntil: '锁定至', windowMinutes: '统计时长（分钟）', via: '方式', integration: '接口集成账户',
};

type Scoped = { keys: Record<string, string>; values: Record<string, Record<string, string>> } | undefined;

function valueText(v: unknown, key?: string, own?: Scoped): string {
  if (key && (typeof v === 'string' || typeof v === 'number')) {
    const coded = own?.values[key]?.[String(v)] ?? VALUE_LABELS[key]?.[String(v)];
    if (coded) return coded;
  }
  if (Array.isArray(v)) return v.map((x) => valueText(x, key, own)).join('、');
  if (v === null || v === undefined || v === '') return '（无）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

const keyText = (k: string, own: Scoped) => own?.keys[k] ?? KEY_LABELS[k] ?? k;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Readable lines for a summary. A `{before, after}` pair becomes one "字段：旧 → 新" line per
 * changed field; other keys become "字段：值". Long output is cut so a row stays scannable.
 */
export function summaryLines(summary: unknown, maxLen = 400, action?: string): string[] {
  if (!isObj(summary)) return summary == null ? [] : [valueText(summary)];
  const scope = action === undefined ? undefined : SCOPE_OF_ACTION.get(action);
  const own = scope === undefined ? undefined : SCOPED.get(scope);
  const lines: string[] = [];
  const { before, after, ...rest } = summary;
  if (isObj(before) || isObj(after)) {
    const b = isObj(before) ? before : {};
    const a = isObj(after) ? after : {};
    if (!isObj(before)) lines.push('新增');
    else if (!isObj(after)) lines.push('删除');
    for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
      const bv = valueText(b[k], k, own);
      const av = valueText(a[k], k, own);
      if (!isObj(before)) lines.push(`${keyText(k, own)}：${av}`);
      else if (!isObj(after)) lines.push(`${keyText(k, own)}：${bv}`);
      else if (bv !== av) lines.push(`${keyText(k, own)}：${bv} → ${av}`);
    }
  } else {
    if (before !== undefined) rest.before = before;
    if (after !== undefined) rest.after = after;
  }
  for (const [k, v] of Object.entries(rest)) lines.push(`${keyText(k, own)}：${valueText(v, k, own)}`);
  let used = 0;
  const out: string[] = [];
  for (const l of lines) {
    if (used + l.length > maxLen) { out.push(l.slice(0, Math.max(0, maxLen - used)) + '…'); break; }
    out.push(l);
    used += l.length;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Filters from the query string

export interface AuditFilterValues { actor: string; action: string; entityType: string; entityId: string; from: string; to: string }

export interface ParsedAuditFilters {
  values: AuditFilterValues;
  errors: Partial<Record<keyof AuditFilterValues | 'page', string>>;
  before?: number;
  after?: number;
}

function q(query: unknown, name: string, max: number): string {
  const v = query && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim().slice(0, max) : '';
}

function cursor(raw: string): number | undefined | null {
  if (raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && Number.isSafeInteger(n) ? n : null;
}

/** Validates the filter form; bad values get a message and are left out of the query. */
export function parseAuditFilters(query: unknown): ParsedAuditFilters {
  const values: AuditFilterValues = {
    actor: q(query, 'actor', 100), action: q(query, 'action', 100), entityType: q(query, 'entityType', 100),
    entityId: q(query, 'entityId', 100), from: q(query, 'from', 30), to: q(query, 'to', 30),
  };
  const errors: ParsedAuditFilters['errors'] = {};
  // PostgreSQL text cannot hold NUL; other control characters are never legitimate here either.
  for (const k of ['actor', 'entityId'] as const) if (/[\u0000-\u001f\u007f]/.test(values[k])) errors[k] = '包含无效字符';
  if (values.action && !/^[a-z][a-z0-9_.]{0,62}(\.\*)?$/.test(values.action)) errors.action = '操作类型无效';
  if (values.entityType && !/^[a-z][a-z0-9_]{0,39}$/.test(values.entityType)) errors.entityType = '请从列表中选择对象类型';
  if (values.from && !isValidIsoDate(values.from)) errors.from = '开始日期应为 YYYY-MM-DD 格式的有效日期';
  if (values.to && !isValidIsoDate(values.to)) errors.to = '结束日期应为 YYYY-MM-DD 格式的有效日期';
  if (values.from && values.to && !errors.from && !errors.to && values.from > values.to) errors.to = '结束日期不能早于开始日期';
  const before = cursor(q(query, 'before', 40));
  const after = cursor(q(query, 'after', 40));
  const out: ParsedAuditFilters = { values, errors };
  if (before === null || after === null) errors.page = '分页参数无效，已显示最新记录';
  else if (before !== undefined) out.before = before;
  else if (after !== undefined) out.after = after;
  return out;
}

/** Query string for the current filters (blank and invalid ones dropped) plus a cursor. */
export function filterQuery(p: ParsedAuditFilters, extra: Record<string, string | number> = {}): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(p.values)) if (v && !p.errors[k as keyof AuditFilterValues]) u.set(k, v);
  for (const [k, v] of Object.entries(extra)) u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
