// Organisation screens: the tree, the create form and the detail page with its edit form.
import type { ViewContext } from '../../platform/views/context.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../platform/views/form.tsx';
import { ORG_KIND_KEYS, ORG_KINDS, ORG_LIMITS, flattenTree, kindLabel, type OrgForm, type TreeNode } from './domain.ts';
import type { OrgRow } from './repo.ts';

const NAV = '/admin/orgs';

function StatusBadge({ active }: { active: boolean }) {
  return active ? <span class="badge badge-ok">启用</span> : <span class="badge badge-err">已停用</span>;
}

function TreeList({ nodes, level }: { nodes: TreeNode<OrgRow>[]; level: number }) {
  return (
    <ul class={level === 1 ? 'org-tree' : undefined}>
      {nodes.map((n) => (
        <li>
          <span class="org-node">
            <a href={`/admin/orgs/${n.org.id}`}>{n.org.name}</a>
            <span class="muted">（{kindLabel(n.org.kind)}，第 {level} 级）</span>
            {!n.org.active && <> <StatusBadge active={false} /></>}
          </span>
          {n.children.length > 0 && <TreeList nodes={n.children} level={level + 1} />}
        </li>
      ))}
    </ul>
  );
}

export function OrgListPage({ vc, tree, canManage, notice }: { vc: ViewContext; tree: TreeNode<OrgRow>[]; canManage: boolean; notice?: string }) {
  const count = flattenTree(tree).length;
  return (
    <AdminLayout ctx={vc} meta={{ title: '组织机构' }} current={NAV}>
      <h1>组织机构</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>本页按隶属关系列出您有权查看的机构，共 {count} 个。缩进表示下级机构。</p>
      {canManage && <p><a class="button" href="/admin/orgs/new">新增机构</a></p>}
      {tree.length ? (
        <nav aria-label="机构树">
          <TreeList nodes={tree} level={1} />
        </nav>
      ) : <p>暂无可查看的机构。</p>}
    </AdminLayout>
  );
}

export interface OrgFormProps {
  vc: ViewContext;
  action: string;
  values: Partial<OrgForm>;
  errors?: Record<string, string>;
  parents: TreeNode<OrgRow>[];
  /** Offer "no parent" (a new top-level organisation). */
  allowRoot: boolean;
  submitLabel: string;
}

export function parentOptions(parents: TreeNode<OrgRow>[], exclude?: ReadonlySet<number>) {
  return flattenTree(parents)
    .filter((n) => !exclude?.has(n.org.id))
    .map((n) => ({ value: String(n.org.id), label: '　'.repeat(n.depth - 1) + n.org.name }));
}

export function OrgFormFields({ vc, action, values, errors, parents, allowRoot, submitLabel, exclude }: OrgFormProps & { exclude?: ReadonlySet<number> }) {
  const options = parentOptions(parents, exclude);
  // Keep a current parent outside the chooser's scope visible rather than silently dropping it.
  if (values.parentId && !options.some((o) => o.value === values.parentId)) options.unshift({ value: values.parentId, label: `（当前上级机构，编号 ${values.parentId}）` });
  return (
    <form method="post" action={action} class="stack" novalidate>
      <CsrfField token={vc.csrfToken} />
      <SelectField name="parentId" label="上级机构" value={values.parentId} options={options}
        placeholder={allowRoot ? '（无，作为顶级机构）' : '请选择上级机构'} required={!allowRoot}
        hint="人民政府可作为顶级机构或隶属于上一级人民政府；其他机构须选择上级机构。" error={errors?.parentId} />
      <TextField name="name" label="机构名称" value={values.name} required maxLength={ORG_LIMITS.name} error={errors?.name} />
      <TextField name="shortName" label="简称" value={values.shortName} maxLength={ORG_LIMITS.shortName} error={errors?.shortName} />
      <SelectField name="kind" label="机构类型" value={values.kind} required placeholder="请选择"
        options={ORG_KIND_KEYS.map((k) => ({ value: k, label: ORG_KINDS[k] }))} error={errors?.kind} />
      <TextField name="regionCode" label="行政区划代码" value={values.regionCode} required maxLength={20} inputMode="numeric"
        hint="6 位行政区划代码（或 12 位统计用区划代码），如 361129。" error={errors?.regionCode} />
      <TextField name="orgCode" label="机构代码" value={values.orgCode} required maxLength={30}
        hint="18 位统一社会信用代码，或 9 位组织机构代码（可写作 12345678-9），系统将校验其校验码。" error={errors?.orgCode} />
      <fieldset>
        <legend>政府信息公开指南所用信息</legend>
        <TextField name="address" label="办公地址" value={values.address} maxLength={ORG_LIMITS.address} error={errors?.address} />
        <TextField name="postcode" label="邮政编码" value={values.postcode} maxLength={10} inputMode="numeric" error={errors?.postcode} />
        <TextField name="phone" label="联系电话" value={values.phone} type="tel" maxLength={ORG_LIMITS.phone} hint="多个号码用顿号分隔。" error={errors?.phone} />
        <TextField name="fax" label="传真" value={values.fax} type="tel" maxLength={ORG_LIMITS.fax} error={errors?.fax} />
        <TextField name="email" label="电子邮箱" value={values.email} type="email" maxLength={ORG_LIMITS.email} error={errors?.email} />
        <TextField name="officeHours" label="办公时间" value={values.officeHours} maxLength={ORG_LIMITS.officeHours}
          hint="如：工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）" error={errors?.officeHours} />
      </fieldset>
      <TextField name="sort" label="排序号" value={values.sort} maxLength={4} inputMode="numeric" hint="0 至 9999，数字小的排在前面。" error={errors?.sort} />
      <div class="actions"><button type="submit">{submitLabel}</button><a href="/admin/orgs">返回机构列表</a></div>
    </form>
  );
}

export function OrgNewPage(props: Omit<OrgFormProps, 'action' | 'submitLabel'>) {
  return (
    <AdminLayout ctx={props.vc} meta={{ title: '新增机构' }} current={NAV}>
      <p><a href="/admin/orgs">组织机构</a> › 新增机构</p>
      <h1>新增机构</h1>
      <ErrorSummary errors={props.errors} />
      <OrgFormFields {...props} action="/admin/orgs" submitLabel="保存" />
    </AdminLayout>
  );
}

export function orgToForm(o: OrgRow): Partial<OrgForm> {
  const s = (v: string | number | null) => (v === null ? '' : String(v));
  return {
    parentId: s(o.parentId), name: o.name, shortName: s(o.shortName), kind: o.kind, regionCode: o.regionCode, orgCode: o.orgCode,
    address: s(o.address), postcode: s(o.postcode), phone: s(o.phone), fax: s(o.fax), email: s(o.email), officeHours: s(o.officeHours), sort: String(o.sort),
  };
}

export function OrgDetailPage(props: {
  vc: ViewContext;
  org: OrgRow;
  parent?: OrgRow;
  children: OrgRow[];
  userCount: number;
  canManage: boolean;
  canReadUsers: boolean;
  form?: Omit<OrgFormProps, 'vc' | 'action' | 'submitLabel'> & { exclude: ReadonlySet<number> };
  notice?: string;
  error?: string;
}) {
  const { vc, org, parent } = props;
  const dash = (v: string | null) => v ?? '—';
  return (
    <AdminLayout ctx={vc} meta={{ title: org.name }} current={NAV}>
      <p><a href="/admin/orgs">组织机构</a> › {org.name}</p>
      <h1>{org.name}</h1>
      {props.notice && <Notice>{props.notice}</Notice>}
      {props.error && <div class="error-summary" role="alert"><h2>操作未完成</h2><p>{props.error}</p></div>}
      <dl class="facts">
        <dt>状态</dt><dd><StatusBadge active={org.active} /></dd>
        <dt>机构类型</dt><dd>{kindLabel(org.kind)}</dd>
        <dt>上级机构</dt><dd>{parent ? <a href={`/admin/orgs/${parent.id}`}>{parent.name}</a> : '（顶级机构）'}</dd>
        <dt>简称</dt><dd>{dash(org.shortName)}</dd>
        <dt>行政区划代码</dt><dd>{org.regionCode}</dd>
        <dt>机构代码</dt><dd><code>{org.orgCode}</code></dd>
        <dt>办公地址</dt><dd>{dash(org.address)}</dd>
        <dt>邮政编码</dt><dd>{dash(org.postcode)}</dd>
        <dt>联系电话</dt><dd>{dash(org.phone)}</dd>
        <dt>传真</dt><dd>{dash(org.fax)}</dd>
        <dt>电子邮箱</dt><dd>{dash(org.email)}</dd>
        <dt>办公时间</dt><dd>{dash(org.officeHours)}</dd>
        <dt>用户</dt><dd>{props.userCount} 个{props.canReadUsers && <>（<a href={`/admin/users?org=${org.id}`}>查看用户</a>）</>}</dd>
      </dl>
      {props.children.length > 0 && (
        <>
          <h2>下级机构</h2>
          <ul>{props.children.map((c) => <li><a href={`/admin/orgs/${c.id}`}>{c.name}</a>{!c.active && <> <StatusBadge active={false} /></>}</li>)}</ul>
        </>
      )}
      {props.canManage && props.form && (
        <>
          <h2 id="edit">修改机构信息</h2>
          <ErrorSummary errors={props.form.errors} />
          <OrgFormFields vc={vc} {...props.form} action={`/admin/orgs/${org.id}`} submitLabel="保存修改" />
          <h2>{org.active ? '停用机构' : '启用机构'}</h2>
          {org.active
            ? <p>停用后该机构不再出现在机构选择列表中。有启用中的下级机构或用户时不能停用。</p>
            : <p>启用后该机构恢复正常使用。</p>}
          <form method="post" action={`/admin/orgs/${org.id}/${org.active ? 'deactivate' : 'reactivate'}`} class="inline">
            <CsrfField token={vc.csrfToken} />
            <button type="submit" class="secondary">{org.active ? '停用该机构' : '启用该机构'}</button>
          </form>
        </>
      )}
    </AdminLayout>
  );
}
