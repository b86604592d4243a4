// Roles (SPEC.md "Users and roles") and the policy function every admin route goes through.
// Pure: the principal carries its grants with the organisation ids each grant covers.

export const ROLES = {
  clerk: '承办人',
  dept_reviewer: '承办部门审核人',
  unit_approver: '单位审发人',
  secrecy_reviewer: '保密审查员',
  disclosure_office: '政务公开办',
  press_office: '宣传部/新闻办',
  deputy_leader: '分管领导',
  principal_leader: '主要负责人',
  opinion_monitor: '舆情专员',
  sysadmin: '系统管理员',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as Role[];
export function isRole(v: string): v is Role { return Object.hasOwn(ROLES, v); }

/** Which roles may perform each action. Modules add their actions here, next to the roles they concern. */
export const ACTIONS = {
  'admin.access': ROLE_KEYS,
  'org.read': ['sysadmin', 'disclosure_office'],
  'org.manage': ['sysadmin'],
  'user.read': ['sysadmin', 'disclosure_office'],
  'user.manage': ['sysadmin'],
  'token.manage': ['sysadmin'],
  'audit.read': ['sysadmin', 'disclosure_office'],
  'calendar.read': ROLE_KEYS,
  'calendar.manage': ['disclosure_office', 'sysadmin'],
  'portal.manage': ['disclosure_office', 'clerk', 'sysadmin'],
  // 主动公开 catalogue (issue 3): who drafts, who reviews at which step, who oversees.
  'catalog.read': ['clerk', 'dept_reviewer', 'unit_approver', 'secrecy_reviewer', 'disclosure_office', 'press_office', 'sysadmin'],
  'catalog.draft': ['clerk', 'disclosure_office'],
  'catalog.review': ['dept_reviewer', 'secrecy_reviewer', 'unit_approver', 'disclosure_office'],
  'catalog.secrecy': ['secrecy_reviewer'],
  'catalog.manage': ['disclosure_office'],
  'review.configure': ['disclosure_office', 'sysadmin'],
  // 依申请公开 (issue 4): registering, handling, reviewing replies, approving extensions, oversight.
  'request.read': ['clerk', 'dept_reviewer', 'unit_approver', 'disclosure_office'],
  'request.register': ['clerk', 'disclosure_office'],
  'request.handle': ['clerk', 'disclosure_office'],
  'request.assign': ['dept_reviewer', 'disclosure_office'],
  'request.review': ['dept_reviewer', 'unit_approver', 'disclosure_office'],
  /** Approving or refusing an extension of the reply period: the disclosure-office head (第33条第2款). */
  'request.extension.approve': ['disclosure_office'],
  /** Seeing an applicant's personal data in full for oversight (the case's own handler sees it through request.handle). */
  'request.pii.reveal': ['disclosure_office'],
  /** Being told of overdue cases of the organisation and its units (the reminders' escalation and digest). */
  'request.escalation.receive': ['disclosure_office'],
  'request.manage': ['disclosure_office', 'sysadmin'],
  'request.stats': ['disclosure_office', 'unit_approver', 'dept_reviewer'],
  // 政务舆情 (issue 11): monitors collect and 研判; the lead organisation answers; the office supervises.
  /** Seeing incidents: every monitor; a department's staff see those their organisation leads or co-handles. */
  'opinion.read': ['opinion_monitor', 'disclosure_office', 'press_office', 'clerk', 'dept_reviewer', 'unit_approver'],
  /** 研判: confirm, merge, split, dismiss, escalate, grade and categorise; manual entry and imports. */
  'opinion.monitor': ['opinion_monitor'],
  /** Naming the lead organisation when several are concerned (the government office, seed 004 §三). */
  'opinion.assign': ['opinion_monitor', 'disclosure_office'],
  /** Drafting and recording responses for the organisation's incidents. */
  'opinion.respond': ['clerk', 'opinion_monitor', 'disclosure_office', 'press_office'],
  /** Sources, monitoring plans, lexicons, routing rules and duty contacts. */
  'opinion.manage': ['opinion_monitor', 'disclosure_office'],
  /** Pushing items through the API (an integration account's token). */
  'opinion.ingest': ['opinion_monitor'],
  /** Being told at once of 重大 / 特别重大 incidents and of missed deadlines (seed 004 §四, §六). */
  'opinion.escalation.receive': ['disclosure_office', 'opinion_monitor'],
  /** Deciding accountability findings (通报 / 约谈 / 问责). */
  'opinion.accountability': ['disclosure_office'],
  // 互动交流 (issue 12): drafts for comment and online interviews of an organisation, their public comments and questions.
  /** Seeing drafts, interviews and the public's submissions in the back office. */
  'interaction.read': ['clerk', 'dept_reviewer', 'unit_approver', 'disclosure_office', 'press_office'],
  /** Drafting 意见征集 and 在线访谈, answering questions, publishing 采纳情况 and 文字实录. */
  'interaction.manage': ['clerk', 'disclosure_office', 'press_office'],
  /** The approval step: publishing a draft for comment, announcing an interview. */
  'interaction.approve': ['unit_approver', 'disclosure_office'],
  /** Moderating the public's comments and questions (通过 / 不予展示). */
  'interaction.moderate': ['clerk', 'dept_reviewer', 'disclosure_office', 'press_office'],
  // 新闻发言人与政务新媒体 (issue 12): organisations keep their data, the press office files and evaluates.
  /** Seeing spokespersons, filings, evaluations, experts and 政务新媒体 accounts. */
  'spokesperson.read': ['clerk', 'dept_reviewer', 'unit_approver', 'disclosure_office', 'press_office'],
  /** An organisation's own data: spokesperson and 新闻助理, yearly confirmation, experts, accounts, 整改. */
  'spokesperson.edit': ['clerk', 'press_office'],
  /** 备案, the yearly round, performance evaluation and the stale-account setting (宣传部/新闻办). */
  'spokesperson.file': ['press_office'],
  // 社会评议 (issue 12, seed 002 附件7): surveys built by the office or a unit's clerk; 整改 closed by the unit.
  /** Seeing surveys, their results and the 整改 items of the organisation. */
  'survey.read': ['disclosure_office', 'clerk', 'dept_reviewer', 'unit_approver'],
  /** Building, publishing and ending surveys; exporting answers; raising 整改 items from them. */
  'survey.manage': ['disclosure_office', 'clerk'],
  /** Closing the organisation's 整改 items with a rectification or an explanation. */
  'survey.rectify': ['clerk', 'disclosure_office'],
  // 新闻发布 (issue 12): departments apply, the propaganda department approves; events in the government's
  // name also pass the 分管副县长 (deputy_leader) and the 县长 (principal_leader) of the government.
  /** Seeing press events (and their 答问口径) of the organisations in the grant. */
  'press.read': ['clerk', 'dept_reviewer', 'unit_approver', 'press_office', 'disclosure_office', 'deputy_leader', 'principal_leader'],
  /** Drafting an event's application, its 口径, marking it held and publishing its release and transcript. */
  'press.apply': ['clerk', 'press_office'],
  /** Acting on a step of an event's approval chain (the engine decides which step). */
  'press.approve': ['press_office', 'deputy_leader', 'principal_leader'],
  /** The quota and compliance overview of every organisation, and its export. */
  'press.manage': ['press_office', 'disclosure_office'],
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof ACTIONS;
export function isAction(v: string): v is Action { return Object.hasOwn(ACTIONS, v); }

/** The roles that may perform an action: role lists (handler candidates, escalation targets) come from here, never typed out. */
export function rolesFor(action: Action): readonly Role[] {
  return ACTIONS[action];
}

/** What each action allows, in Chinese (for screens and messages that name a permission). */
export const ACTION_LABELS: Record<Action, string> = {
  'admin.access': '进入后台',
  'org.read': '查看机构',
  'org.manage': '管理机构',
  'user.read': '查看用户',
  'user.manage': '管理用户和角色',
  'token.manage': '管理接口令牌',
  'audit.read': '查看审计日志',
  'calendar.read': '查看工作日历',
  'calendar.manage': '维护工作日历',
  'portal.manage': '管理门户栏目',
  'catalog.read': '查看主动公开目录',
  'catalog.draft': '起草主动公开信息',
  'catalog.review': '审核主动公开信息',
  'catalog.secrecy': '保密审查',
  'catalog.manage': '管理主动公开',
  'review.configure': '配置审核流程',
  'request.read': '查看依申请公开案件',
  'request.register': '登记依申请公开申请',
  'request.handle': '办理依申请公开案件',
  'request.assign': '分办依申请公开案件',
  'request.review': '审核答复',
  'request.extension.approve': '审批延期答复',
  'request.pii.reveal': '查看申请人完整个人信息',
  'request.escalation.receive': '接收逾期督办提醒',
  'request.manage': '管理依申请公开设置',
  'request.stats': '查看依申请公开统计',
  'opinion.read': '查看政务舆情',
  'opinion.monitor': '舆情研判',
  'opinion.assign': '指定舆情牵头单位',
  'opinion.respond': '回应舆情',
  'opinion.manage': '管理舆情监测设置',
  'opinion.ingest': '推送舆情信息',
  'opinion.escalation.receive': '接收重大舆情和超时督办提醒',
  'opinion.accountability': '舆情回应问责',
  'interaction.read': '查看互动交流',
  'interaction.manage': '办理意见征集和在线访谈',
  'interaction.approve': '审核发布意见征集和访谈预告',
  'interaction.moderate': '审核公众留言',
  'spokesperson.read': '查看新闻发言人和政务新媒体',
  'spokesperson.edit': '报备本单位新闻发言人、专家和政务新媒体',
  'spokesperson.file': '新闻发言人备案和绩效评估',
  'survey.read': '查看社会评议',
  'survey.manage': '管理社会评议',
  'survey.rectify': '办理评议整改',
  'press.read': '查看新闻发布活动',
  'press.apply': '申请和办理新闻发布活动',
  'press.approve': '审批新闻发布活动',
  'press.manage': '新闻发布考核和撤回已公开文稿',
};

export interface Grant {
  role: Role;
  orgId: number;
  includeSubtree: boolean;
  /** The organisations this grant covers: orgId, plus its descendants when includeSubtree. */
  orgIds: readonly number[];
}

export interface Principal {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  orgName: string;
  grants: readonly Grant[];
  /** How the request was authenticated. */
  via: 'session' | 'token';
  sessionId?: string;
  /** Set after an administrator created the account or reset its password. */
  mustChangePassword?: boolean;
}

export interface Resource {
  /** The organisation that owns the resource; omitted for actions not tied to one. */
  orgId?: number | null;
}

/** True when one of the principal's grants allows the action on the resource's organisation. */
export function can(user: Principal | null | undefined, action: Action, resource?: Resource): boolean {
  if (!user) return false;
  const allowed = ACTIONS[action] as readonly Role[];
  return user.grants.some((g) => allowed.includes(g.role) && (resource?.orgId == null || g.orgIds.includes(resource.orgId)));
}

/** Organisation ids on which the principal may perform the action (for filtering lists). */
export function scopeOf(user: Principal, action: Action): Set<number> {
  const allowed = ACTIONS[action] as readonly Role[];
  const out = new Set<number>();
  for (const g of user.grants) if (allowed.includes(g.role)) for (const id of g.orgIds) out.add(id);
  return out;
}

export function rolesOf(user: Principal): Role[] {
  return [...new Set(user.grants.map((g) => g.role))];
}

// Password rules (等保 2.0 三级: length, complexity, not the user name, no common passwords).
const COMMON = ['password', '12345678', '123456789', 'qwertyui', 'admin123', 'abc12345', 'passw0rd', 'gongkai', 'iloveyou', '11111111'];

export function checkPasswordStrength(pw: string, username: string): string | null {
  if (pw.length < 10) return '密码长度至少为 10 位';
  if (pw.length > 128) return '密码长度不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类';
  const lower = pw.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return '密码不能包含用户名';
  if (COMMON.some((c) => lower.includes(c))) return '密码过于常见，请换一个';
  if (/(.)\1{3,}/.test(pw)) return '密码不能包含 4 个以上连续相同的字符';
  return null;
}
