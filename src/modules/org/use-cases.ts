// Organisation use cases: load → authorize → check → one transaction {change + audit}.
import { withTx, type Db, type Tx } from '../../platform/db/index.ts';
import { publicPagesChanged } from '../../platform/http/page-cache.ts';
import { writeAudit, type Actor } from '../../platform/audit/index.ts';
import { invalid, type Result } from '../../platform/errors.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import * as repo from './repo.ts';
import {
  buildTree, checkPlacement, deactivationBlocker, diff, reactivationBlocker, validateOrgForm,
  type OrgFields, type OrgForm, type TreeNode,
} from './domain.ts';

import { auditActor, type Caller } from '../auth/caller.ts';
export { auditActor, type Caller };

export type OrgFailure = 'invalid' | 'forbidden' | 'not_found' | 'conflict';
export type OrgResult<T = object> = Result<T, OrgFailure>;

const FORBIDDEN = { ok: false as const, reason: 'forbidden' as const, message: '您没有管理该机构的权限。' };
const NOT_FOUND = { ok: false as const, reason: 'not_found' as const, message: '机构不存在。' };

/** The organisations the user may read, as a tree (orgs whose parent is out of scope appear at the top). */
export async function orgTree(db: Db, user: Principal): Promise<TreeNode<repo.OrgRow>[]> {
  return buildTree(await repo.listOrgs(db), scopeOf(user, 'org.read'));
}

/** Organisations the user may place things under for the action (active ones only), in tree order. */
export async function orgChoices(db: Db, user: Principal, action: 'org.manage' | 'user.manage' | 'token.manage'): Promise<TreeNode<repo.OrgRow>[]> {
  const scope = scopeOf(user, action);
  const rows = (await repo.listOrgs(db)).filter((o) => o.active);
  return buildTree(rows, scope);
}

/**
 * A new top-level organisation is a change to the whole tree: only someone who manages every
 * existing top-level organisation may add one (or anyone with org.manage while the tree is empty).
 */
async function mayManageRoot(db: Db | Tx, user: Principal): Promise<boolean> {
  if (!can(user, 'org.manage')) return false;
  const roots = await repo.rootIds(db);
  return roots.every((id) => can(user, 'org.manage', { orgId: id }));
}

function summary(f: OrgFields) {
  return { ...f };
}

export async function createOrg(db: Db, caller: Caller, form: Partial<OrgForm>): Promise<OrgResult<{ id: number }>> {
  if (!can(caller.user, 'org.manage')) return FORBIDDEN;
  const v = validateOrgForm(form);
  if (!v.ok) return invalid(v.fields);
  const f = v.value;
  if (f.parentId !== null ? !can(caller.user, 'org.manage', { orgId: f.parentId }) : !(await mayManageRoot(db, caller.user))) {
    return { ...FORBIDDEN, message: f.parentId !== null ? '您没有在该上级机构下新增机构的权限。' : '您没有新增顶级机构的权限。' };
  }
  try {
    return await withTx(db, async (tx) => {
      await repo.lockTree(tx);
      const parent = f.parentId !== null ? await repo.findOrg(tx, f.parentId) : null;
      if (f.parentId !== null && !parent) return invalid({ parentId: '上级机构不存在' });
      const placement = checkPlacement({ kind: f.kind, parent: parent ?? null });
      if (placement) return invalid({ [placement.field]: placement.message });
      const owner = await repo.orgCodeOwner(tx, f.orgCode);
      if (owner) return duplicateCode(owner.name);
      const id = await repo.insertOrg(tx, f);
      await writeAudit(tx, auditActor(caller), { action: 'org.create', entityType: 'org_unit', entityId: id, summary: { after: summary(f) } });
      return { ok: true as const, id };
    }).finally(publicPagesChanged);
  } catch (e) {
    if (repo.isUniqueViolation(e, 'org_units_org_code_uq')) return duplicateCode();
    throw e;
  }
}

/** Runs in the transaction of a change to an organisation's name or short name (e.g. to reindex its records). */
export type OrgRenamedListener = (tx: Tx, orgId: number) => Promise<void>;
const renamedListeners = new Set<OrgRenamedListener>();

/** Registers a listener (a Set: registering the same function twice is one listener). */
export function onOrgRenamed(listener: OrgRenamedListener): () => void {
  renamedListeners.add(listener);
  return () => { renamedListeners.delete(listener); };
}

export async function updateOrg(db: Db, caller: Caller, id: number, form: Partial<OrgForm>): Promise<OrgResult<{ id: number }>> {
  const current = await repo.findOrg(db, id);
  if (!current) return NOT_FOUND;
  if (!can(caller.user, 'org.manage', { orgId: id })) return FORBIDDEN;
  const v = validateOrgForm(form);
  if (!v.ok) return invalid(v.fields);
  const f = v.value;
  if (f.parentId !== current.parentId) {
    const allowed = f.parentId !== null ? can(caller.user, 'org.manage', { orgId: f.parentId }) : await mayManageRoot(db, caller.user);
    if (!allowed) return { ...FORBIDDEN, message: '您没有将机构调整到该上级机构的权限。' };
  }
  try {
    return await withTx(db, async (tx) => {
      await repo.lockTree(tx);
      const before = await repo.lockOrg(tx, id);
      if (!before) return NOT_FOUND;
      const parent = f.parentId !== null ? await repo.findOrg(tx, f.parentId) : null;
      if (f.parentId !== null && !parent) return invalid({ parentId: '上级机构不存在' });
      const placement = checkPlacement({
        kind: f.kind,
        parent: parent ?? null,
        subtreeIds: await repo.subtreeIds(tx, id),
        childKinds: await repo.childKinds(tx, id),
        // An inactive organisation under an inactive parent may still have its details edited.
        parentUnchanged: f.parentId === before.parentId,
      });
      if (placement) return invalid({ [placement.field]: placement.message });
      const owner = await repo.orgCodeOwner(tx, f.orgCode, id);
      if (owner) return duplicateCode(owner.name);
      await repo.updateOrg(tx, id, f);
      const { active: _a, id: _i, ...old } = before;
      const changes = diff<OrgFields>({ ...old, kind: old.kind as OrgFields['kind'] }, f);
      await writeAudit(tx, auditActor(caller), { action: 'org.update', entityType: 'org_unit', entityId: id, summary: changes });
      if (f.name !== before.name || f.shortName !== before.shortName) for (const l of renamedListeners) await l(tx, id);
      return { ok: true as const, id };
    }).finally(publicPagesChanged);
  } catch (e) {
    if (repo.isUniqueViolation(e, 'org_units_org_code_uq')) return duplicateCode();
    throw e;
  }
}

export async function setOrgActive(db: Db, caller: Caller, id: number, active: boolean): Promise<OrgResult> {
  const current = await repo.findOrg(db, id);
  if (!current) return NOT_FOUND;
  if (!can(caller.user, 'org.manage', { orgId: id })) return FORBIDDEN;
  return withTx(db, async (tx) => {
    await repo.lockTree(tx);
    const org = await repo.lockOrg(tx, id);
    if (!org) return NOT_FOUND;
    if (org.active === active) return { ok: true as const };
    const blocker = active
      ? reactivationBlocker(org.parentId !== null ? (await repo.findOrg(tx, org.parentId)) ?? null : null)
      : deactivationBlocker(await repo.activeDependants(tx, id));
    if (blocker) return { ok: false as const, reason: 'conflict' as const, message: blocker };
    await repo.setOrgActive(tx, id, active);
    await writeAudit(tx, auditActor(caller), {
      action: active ? 'org.reactivate' : 'org.deactivate', entityType: 'org_unit', entityId: id,
      summary: { name: org.name, before: { active: org.active }, after: { active } },
    });
    return { ok: true as const };
  }).finally(publicPagesChanged);
}

function duplicateCode(ownerName?: string) {
  return invalid({ orgCode: ownerName ? `该机构代码已被“${ownerName}”使用，请核对后重新填写` : '该机构代码已被其他机构使用，请核对后重新填写' });
}
