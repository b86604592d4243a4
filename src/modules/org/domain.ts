// Organisation tree rules: input validation, which kind may sit under which, no cycles, tree building.
// Pure: everything the rules need is passed in.
import { validateOrganisationCode, validateRegionCode } from '../../platform/validation/codes.ts';

export const ORG_KINDS = {
  government: '人民政府',
  department: '政府工作部门',
  town: '乡镇（街道）',
  zone: '开发区（园区）',
  office: '办公室',
} as const;
export type OrgKind = keyof typeof ORG_KINDS;
export const ORG_KIND_KEYS = Object.keys(ORG_KINDS) as OrgKind[];
export function isOrgKind(v: string): v is OrgKind { return Object.prototype.hasOwnProperty.call(ORG_KINDS, v); }
/** Kinds of organisation that are 政府信息公开 bodies and take applications (an 办公室 answers through its parent). */
export const REQUEST_ACCEPTING_KINDS: readonly OrgKind[] = ['government', 'department', 'town', 'zone'];
export const acceptsRequests = (kind: string): boolean => (REQUEST_ACCEPTING_KINDS as readonly string[]).includes(kind);
/** 18 characters: 统一社会信用代码; 9: 组织机构代码. */
export const orgCodeType = (code: string): 'uscc' | 'org_code' => (code.length === 18 ? 'uscc' : 'org_code');
export function kindLabel(kind: string): string { return isOrgKind(kind) ? ORG_KINDS[kind] : kind; }

/** The editable fields of an organisation, as stored (normalised). */
export type OrgFields = {
  parentId: number | null;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  regionCode: string;
  orgCode: string;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  officeHours: string | null;
  sort: number;
};

/** The raw form: every value a bounded string. */
export type OrgForm = Record<keyof OrgFields, string>;
export const ORG_FORM_FIELDS: (keyof OrgFields)[] = [
  'parentId', 'name', 'shortName', 'kind', 'regionCode', 'orgCode', 'address', 'postcode', 'phone', 'fax', 'email', 'officeHours', 'sort',
];

export const ORG_LIMITS = { name: 100, shortName: 30, address: 200, phone: 60, fax: 60, email: 100, officeHours: 200 } as const;

export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

const PHONE_RE = /^[0-9０-９+()（）\-－ 、，,;；转]+$/u;
export const EMAIL_RE = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** Trims; an empty string becomes null. */
function opt(s: string | undefined): string | null {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
}

/** A positive integer id from a string, or null when the text is not one (junk never reaches SQL). */
export function parseId(s: unknown): number | null {
  if (typeof s !== 'string' || !/^[1-9][0-9]{0,9}$/.test(s)) return null;
  const n = Number(s);
  return n <= 2_147_483_647 ? n : null;
}

/** Validates the organisation form; errors are Chinese messages keyed by field name. */
export function validateOrgForm(f: Partial<OrgForm>): Validated<OrgFields> {
  const fields: FieldErrors = {};
  const name = (f.name ?? '').trim();
  if (!name) fields.name = '请填写机构名称';
  else if (name.length > ORG_LIMITS.name) fields.name = `机构名称不能超过 ${ORG_LIMITS.name} 个字`;

  const shortName = opt(f.shortName);
  if (shortName && shortName.length > ORG_LIMITS.shortName) fields.shortName = `简称不能超过 ${ORG_LIMITS.shortName} 个字`;

  const kind = (f.kind ?? '').trim();
  if (!kind) fields.kind = '请选择机构类型';
  else if (!isOrgKind(kind)) fields.kind = '机构类型无效，请从列表中选择';

  let parentId: number | null = null;
  const parentRaw = (f.parentId ?? '').trim();
  if (parentRaw) {
    parentId = parseId(parentRaw);
    if (parentId === null) fields.parentId = '上级机构无效，请从列表中选择';
  }

  let regionCode = '';
  const region = validateRegionCode(f.regionCode ?? '');
  if (region.ok) regionCode = region.normalised;
  else fields.regionCode = region.reason;

  let orgCode = '';
  const code = validateOrganisationCode(f.orgCode ?? '');
  if (code.ok) orgCode = code.normalised;
  else fields.orgCode = code.reason;

  const address = opt(f.address);
  if (address && address.length > ORG_LIMITS.address) fields.address = `办公地址不能超过 ${ORG_LIMITS.address} 个字`;

  const postcode = opt(f.postcode);
  if (postcode && !/^\d{6}$/.test(postcode)) fields.postcode = '邮政编码应为 6 位数字';

  const phone = opt(f.phone);
  if (phone && (phone.length > ORG_LIMITS.phone || !PHONE_RE.test(phone) || !/\d{5}/.test(phone.replace(/[^0-9]/g, '')))) {
    fields.phone = '联系电话格式不正确（如 0793-5120000，多个号码用顿号分隔）';
  }
  const fax = opt(f.fax);
  if (fax && (fax.length > ORG_LIMITS.fax || !PHONE_RE.test(fax) || !/\d{5}/.test(fax.replace(/[^0-9]/g, '')))) {
    fields.fax = '传真号码格式不正确（如 0793-5120009）';
  }
  const email = opt(f.email);
  if (email && (email.length > ORG_LIMITS.email || !EMAIL_RE.test(email))) fields.email = '电子邮箱格式不正确（如 gkb@example.gov.cn）';

  const officeHours = opt(f.officeHours);
  if (officeHours && officeHours.length > ORG_LIMITS.officeHours) fields.officeHours = `办公时间不能超过 ${ORG_LIMITS.officeHours} 个字`;

  let sort = 0;
  const sortRaw = (f.sort ?? '').trim();
  if (sortRaw) {
    if (!/^\d{1,4}$/.test(sortRaw)) fields.sort = '排序号应为 0 至 9999 之间的整数';
    else sort = Number(sortRaw);
  }

  if (Object.keys(fields).length) return { ok: false, fields };
  return {
    ok: true,
    value: { parentId, name, shortName, kind: kind as OrgKind, regionCode, orgCode, address, postcode, phone, fax, email, officeHours, sort },
  };
}

/** What the placement rules need to know about a prospective parent. */
export interface ParentInfo { id: number; kind: string; active: boolean }

/**
 * Checks where an organisation may sit. `subtreeIds` are the organisation's own id and its descendants
 * (empty when creating); `childKinds` the kinds of its current children.
 * Returns a Chinese message for the parent (or kind) field, or null when the placement is allowed.
 */
export function checkPlacement(input: {
  kind: OrgKind;
  parent: ParentInfo | null;
  subtreeIds?: readonly number[];
  childKinds?: readonly string[];
  /** The parent is the current one: its being inactive does not block other edits. */
  parentUnchanged?: boolean;
}): { field: 'parentId' | 'kind'; message: string } | null {
  const { kind, parent } = input;
  if (parent) {
    if ((input.subtreeIds ?? []).includes(parent.id)) {
      return { field: 'parentId', message: '上级机构不能是本机构或其下级机构（会形成循环）' };
    }
    if (!parent.active && !input.parentUnchanged) return { field: 'parentId', message: '上级机构已停用，请先启用上级机构或另选上级机构' };
    if (kind === 'government' && parent.kind !== 'government') {
      return { field: 'parentId', message: '人民政府只能作为顶级机构，或隶属于上一级人民政府' };
    }
  } else if (kind !== 'government') {
    return { field: 'parentId', message: '只有人民政府可以作为顶级机构，请选择上级机构' };
  }
  if (kind !== 'government' && (input.childKinds ?? []).includes('government')) {
    return { field: 'kind', message: '本机构下设有人民政府，机构类型只能是人民政府' };
  }
  return null;
}

/** Why an organisation cannot be deactivated, or null. */
export function deactivationBlocker(counts: { activeUsers: number; activeChildren: number }): string | null {
  const parts: string[] = [];
  if (counts.activeChildren > 0) parts.push(`还有 ${counts.activeChildren} 个启用中的下级机构`);
  if (counts.activeUsers > 0) parts.push(`还有 ${counts.activeUsers} 个启用中的用户`);
  if (!parts.length) return null;
  return `该机构${parts.join('，')}，请先停用下级机构、停用用户或将用户调整到其他机构后再停用。`;
}

/** Why an organisation cannot be reactivated, or null. */
export function reactivationBlocker(parent: ParentInfo | null): string | null {
  return parent && !parent.active ? '上级机构已停用，请先启用上级机构。' : null;
}

export interface TreeNode<T> { org: T; depth: number; children: TreeNode<T>[] }

/**
 * Builds the visible forest: an organisation whose parent is not visible is shown at the top level.
 * Siblings are ordered by sort, then name, then id.
 */
export function buildTree<T extends { id: number; parentId: number | null; sort: number; name: string }>(rows: readonly T[], visible?: ReadonlySet<number>): TreeNode<T>[] {
  const forest = (list: readonly T[], orderOf: (a: T, b: T) => number): TreeNode<T>[] => {
    const ids = new Set(list.map((r) => r.id));
    const byParent = new Map<number | null, T[]>();
    for (const r of list) {
      const key = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
      const l = byParent.get(key) ?? [];
      l.push(r);
      byParent.set(key, l);
    }
    // `seen` guards against a cycle in bad data: each organisation appears once.
    const seen = new Set<number>();
    const build = (parent: number | null, depth: number): TreeNode<T>[] =>
      (byParent.get(parent) ?? []).sort(orderOf).filter((r) => !seen.has(r.id) && seen.add(r.id)).map((org) => ({ org, depth, children: build(org.id, depth + 1) }));
    return build(null, 1);
  };
  const bySort = (a: T, b: T) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id;
  if (!visible) return forest(rows, bySort);
  // Lifted organisations keep their place in the full tree's reading order.
  const position = new Map(flattenTree(forest(rows, bySort)).map((n, i) => [n.org.id, i]));
  const pos = (r: T) => position.get(r.id) ?? Number.MAX_SAFE_INTEGER;
  return forest(rows.filter((r) => visible.has(r.id)), (a, b) => pos(a) - pos(b));
}

/** Depth-first list of the tree (for select boxes). */
export function flattenTree<T>(nodes: readonly TreeNode<T>[]): { org: T; depth: number }[] {
  const out: { org: T; depth: number }[] = [];
  const walk = (ns: readonly TreeNode<T>[]) => { for (const n of ns) { out.push({ org: n.org, depth: n.depth }); walk(n.children); } };
  walk(nodes);
  return out;
}

/** Fields that differ, as {before, after} with only the changed keys (for audit summaries). */
export function diff<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (before[k] !== after[k]) { b[k] = before[k]; a[k] = after[k]; }
  }
  return { before: b, after: a };
}
