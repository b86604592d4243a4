// Screens for user, role-grant and API token administration.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/views/context.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { formatInstant } from '../../platform/time/index.ts';
import { CheckboxField, CsrfField, DataTable, ErrorSummary, Notice, Pagination, SelectField, TextField } from '../../platform/views/form.tsx';
import { flattenTree, type TreeNode } from '../org/domain.ts';
import type { OrgRow } from '../org/repo.ts';
import { ROLE_KEYS, ROLES, type Role } from './policy.ts';
import type { GrantRow, UserDetail, UserListRow } from './users-repo.ts';
import type { UserForm } from './users-domain.ts';
import type { TokenForm } from './tokens.ts';
import type { TokenListRow } from './tokens-repo.ts';

const USERS = '/admin/users';
const TOKENS = '/admin/tokens';

/** 'YYYY-MM-DD HH:mm' in China time. */
export const fmtTime = (d: Date | null | undefined): string => formatInstant(d, 'minute');

export const roleLabel = (r: string) => ((ROLE_KEYS as string[]).includes(r) ? ROLES[r as Role] : r);

export function orgOptions(tree: TreeNode<OrgRow>[]) {
  return flattenTree(tree).map((n) => ({ value: String(n.org.id), label: '　'.repeat(n.depth - 1) + n.org.name + (n.org.active ? '' : '（已停用）') }));
}

export const STATUS_OPTIONS = [
  { value: 'active', label: '启用' },
  { value: 'inactive', label: '已停用' },
  { value: 'locked', label: '已锁定' },
  { value: 'must_change', label: '待修改初始密码' },
];

function UserStatus({ u }: { u: { active: boolean; locked?: boolean; lockedUntil?: Date | null; mustChangePassword: boolean } }) {
  const locked = u.locked ?? (u.lockedUntil ? u.lockedUntil.getTime() > Date.now() : false);
  return (
    <>
      {u.active ? <span class="badge badge-ok">启用</span> : <span class="badge badge-err">已停用</span>}
      {locked && <> <span class="badge badge-warn">已锁定</span></>}
      {u.active && u.mustChangePassword && <> <span class="badge">待修改密码</span></>}
    </>
  );
}

export interface ListFilters { org: string; role: string; status: string; q: string }

export function UserListPage(props: {
  vc: ViewContext; rows: UserListRow[]; total: number; page: number; pages: number; filters: ListFilters;
  orgTree: TreeNode<OrgRow>[]; canManage: boolean; notice?: string;
}) {
  const { vc, filters } = props;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `${USERS}?${s}` : USERS;
  };
  return (
    <AdminLayout ctx={vc} meta={{ title: '用户与角色' }} current={USERS}>
      <h1>用户与角色</h1>
      {props.notice && <Notice>{props.notice}</Notice>}
      {props.canManage && <p><a class="button" href="/admin/users/new">新增用户</a></p>}
      <form method="get" action={USERS} class="filters" role="search" aria-label="筛选用户">
        <SelectField name="org" label="所属机构" value={filters.org} options={orgOptions(props.orgTree)} placeholder="全部机构" />
        <SelectField name="role" label="角色" value={filters.role} options={ROLE_KEYS.map((r) => ({ value: r, label: ROLES[r] }))} placeholder="全部角色" />
        <SelectField name="status" label="状态" value={filters.status} options={STATUS_OPTIONS} placeholder="全部状态" />
        <TextField name="q" label="用户名、姓名或邮箱" type="search" value={filters.q} maxLength={50} />
        <div class="actions"><button type="submit">筛选</button><a href={USERS}>清除筛选</a></div>
      </form>
      <p role="status">共 {props.total} 个用户。</p>
      <DataTable
        caption="用户列表"
        head={['用户名', '姓名', '所属机构', '角色', '状态', '最近登录']}
        empty="没有符合条件的用户。"
        rows={props.rows.map((u) => [
          <a href={`${USERS}/${u.id}`}>{u.username}</a>,
          u.displayName,
          u.orgName,
          (u.roles ?? []).map(roleLabel).join('、') || '无',
          <UserStatus u={u} />,
          fmtTime(u.lastLoginAt),
        ])}
      />
      <Pagination page={props.page} pages={props.pages} href={href} />
    </AdminLayout>
  );
}

function UserFormFields({ values, errors, orgTree, withUsername }: { values: Partial<UserForm>; errors?: Record<string, string>; orgTree: TreeNode<OrgRow>[]; withUsername: boolean }) {
  const options = orgOptions(orgTree);
  if (values.orgId && !options.some((o) => o.value === values.orgId)) options.unshift({ value: values.orgId, label: '（当前机构，不在您的管理范围内）' });
  return (
    <>
      {withUsername && (
        <TextField name="username" label="用户名" value={values.username} required maxLength={32} autocomplete="off"
          hint="3 至 32 个字符，只能使用小写英文字母、数字、下划线、点和连字符；创建后不能修改。" error={errors?.username} />
      )}
      <TextField name="displayName" label="姓名" value={values.displayName} required maxLength={50} error={errors?.displayName} />
      <SelectField name="orgId" label="所属机构" value={values.orgId} options={options} placeholder="请选择" required error={errors?.orgId} />
      <TextField name="email" label="电子邮箱" type="email" value={values.email} maxLength={100} error={errors?.email} />
      <TextField name="phone" label="联系电话" type="tel" value={values.phone} maxLength={40} error={errors?.phone} />
    </>
  );
}

export function UserNewPage({ vc, values, errors, orgTree }: { vc: ViewContext; values: Partial<UserForm>; errors?: Record<string, string>; orgTree: TreeNode<OrgRow>[] }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '新增用户' }} current={USERS}>
      <p><a href={USERS}>用户与角色</a> › 新增用户</p>
      <h1>新增用户</h1>
      <ErrorSummary errors={errors} />
      <p>初始密码由系统随机生成，保存后只显示一次；用户首次登录时须修改密码。角色在创建后的用户详情页中授予。</p>
      <form method="post" action={USERS} class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <UserFormFields values={values} errors={errors} orgTree={orgTree} withUsername />
        <CheckboxField name="integration" label="接口集成账户（供其他系统通过接口令牌使用）" checked={values.integration === '1'}
          hint="集成账户不能登录，不设密码，也不能被授予可查看申请人个人信息或管理系统的角色；系统管理员可在“接口令牌”中为其创建令牌。创建后不能更改。" />
        <div class="actions"><button type="submit">创建用户</button><a href={USERS}>返回用户列表</a></div>
      </form>
    </AdminLayout>
  );
}

/** Shown once, right after the password was generated; nothing on the page is cached. */
export function PasswordShownOncePage({ vc, title, userId, username, password, created }: { vc: ViewContext; title: string; userId: number; username: string; password: string; created: boolean }) {
  return (
    <AdminLayout ctx={vc} meta={{ title }} current={USERS}>
      <p><a href={USERS}>用户与角色</a> › {title}</p>
      <h1>{title}</h1>
      <Notice>{created ? `用户“${username}”已创建。` : `用户“${username}”的密码已重置，其已登录的会话均已退出。`}</Notice>
      <dl class="facts">
        <dt>用户名</dt><dd><code>{username}</code></dd>
        <dt>临时密码</dt><dd><code class="secret">{password}</code></dd>
      </dl>
      <Notice kind="warning">临时密码只显示这一次，请立即通过安全途径告知本人。用户使用临时密码登录后须立即修改密码。</Notice>
      <p><a href={`${USERS}/${userId}`}>{created ? '查看用户并授予角色' : '返回用户详情'}</a>　<a href={USERS}>返回用户列表</a></p>
    </AdminLayout>
  );
}

export function UserDetailPage(props: {
  vc: ViewContext; user: UserDetail; grants: GrantRow[]; canManage: boolean; isSelf: boolean;
  orgTree: TreeNode<OrgRow>[]; values?: Partial<UserForm>; errors?: Record<string, string>;
  grantValues?: { role?: string; grantOrgId?: string; includeSubtree?: boolean }; grantErrors?: Record<string, string>;
  notice?: string; error?: string;
}) {
  const { vc, user: u } = props;
  const base = `${USERS}/${u.id}`;
  const locked = !!u.lockedUntil && u.lockedUntil.getTime() > Date.now();
  const values = props.values ?? { displayName: u.displayName, orgId: String(u.orgId), email: u.email ?? '', phone: u.phone ?? '' };
  const action = (path: string, label: string, hint: string) => (
    <li>
      <form method="post" action={`${base}/${path}`} class="inline">
        <CsrfField token={vc.csrfToken} />
        <button type="submit" class="secondary">{label}</button>
      </form>
      <span class="muted">{hint}</span>
    </li>
  );
  return (
    <AdminLayout ctx={vc} meta={{ title: `${u.displayName}（${u.username}）` }} current={USERS}>
      <p><a href={USERS}>用户与角色</a> › {u.displayName}</p>
      <h1>{u.displayName}（{u.username}）</h1>
      {props.notice && <Notice>{props.notice}</Notice>}
      {props.error && <div class="error-summary" role="alert"><h2>操作未完成</h2><p>{props.error}</p></div>}
      <dl class="facts">
        <dt>用户名</dt><dd>{u.username}</dd>
        <dt>姓名</dt><dd>{u.displayName}</dd>
        {u.integration && <><dt>账户类型</dt><dd>接口集成账户（只能通过接口令牌使用，不能登录）</dd></>}
        <dt>所属机构</dt><dd>{u.orgName}{!u.orgActive && '（已停用）'}</dd>
        <dt>电子邮箱</dt><dd>{u.email ?? '—'}</dd>
        <dt>联系电话</dt><dd>{u.phone ?? '—'}</dd>
        <dt>状态</dt><dd><UserStatus u={u} />{locked && `（锁定至 ${fmtTime(u.lockedUntil)}）`}</dd>
        <dt>登录失败次数（近一小时，全部网络地址）</dt><dd>{u.failedLogins}</dd>
        <dt>最近登录</dt><dd>{fmtTime(u.lastLoginAt)}</dd>
        <dt>密码修改时间</dt><dd>{fmtTime(u.passwordChangedAt)}</dd>
        <dt>创建时间</dt><dd>{fmtTime(u.createdAt)}</dd>
      </dl>

      <h2 id="grants">角色授权</h2>
      <DataTable
        caption={`${u.displayName}的角色授权`}
        head={props.canManage ? ['角色', '授权机构', '范围', '操作'] : ['角色', '授权机构', '范围']}
        empty="该用户尚未被授予任何角色，登录后无法使用管理功能。"
        rows={props.grants.map((g) => {
          const cells = [roleLabel(g.role), g.orgName, g.includeSubtree ? '本机构及全部下级机构' : '仅本机构'] as ComponentChildren[];
          if (props.canManage) {
            cells.push(
              <form method="post" action={`${base}/grants/${g.id}/delete`} class="inline">
                <CsrfField token={vc.csrfToken} />
                <button type="submit" class="link-button" aria-label={`删除授权：${roleLabel(g.role)}，${g.orgName}`}>删除</button>
              </form>,
            );
          }
          return cells;
        })}
      />
      {props.canManage && u.active && (
        <>
          <h3>授予角色</h3>
          <ErrorSummary errors={props.grantErrors} />
          <form method="post" action={`${base}/grants`} class="stack" novalidate>
            <CsrfField token={vc.csrfToken} />
            <SelectField name="role" label="角色" value={props.grantValues?.role} required placeholder="请选择"
              options={ROLE_KEYS.map((r) => ({ value: r, label: ROLES[r] }))} error={props.grantErrors?.role} />
            <SelectField name="grantOrgId" label="授权机构" value={props.grantValues?.grantOrgId ?? String(u.orgId)} required placeholder="请选择"
              options={orgOptions(props.orgTree)} hint="只能选择您的用户管理范围内的机构。" error={props.grantErrors?.grantOrgId} />
            <CheckboxField name="includeSubtree" label="同时适用于该机构的全部下级机构" checked={props.grantValues?.includeSubtree} />
            <div class="actions"><button type="submit">授予角色</button></div>
          </form>
        </>
      )}

      {props.canManage && (
        <>
          <h2 id="edit">修改用户信息</h2>
          <ErrorSummary errors={props.errors} />
          <form method="post" action={base} class="stack" novalidate>
            <CsrfField token={vc.csrfToken} />
            <UserFormFields values={values} errors={props.errors} orgTree={props.orgTree} withUsername={false} />
            <div class="actions"><button type="submit">保存修改</button></div>
          </form>
          <h2>账户操作</h2>
          <ul class="account-actions">
            {!props.isSelf && u.active && !u.integration && action('reset-password', '重置密码', '生成新的临时密码（只显示一次），用户须在下次登录时修改；其已登录的会话将全部退出。')}
            {(locked || u.failedLogins > 0) && action('unlock', '解除锁定', '清除该账户在所有网络地址的登录失败次数和锁定状态。')}
            {!props.isSelf && (u.active
              ? action('deactivate', '停用账户', '停用后该用户不能登录，其已登录的会话将全部退出。')
              : action('reactivate', '启用账户', '恢复该用户登录。'))}
          </ul>
          {props.isSelf && <p class="muted">不能停用本人账户或在此重置本人密码；修改本人密码请前往<a href="/admin/account">账户设置</a>。</p>}
        </>
      )}
    </AdminLayout>
  );
}

// ---------------------------------------------------------------------------
// API tokens
// ---------------------------------------------------------------------------

function tokenStatus(t: TokenListRow, now: Date) {
  if (t.revokedAt) return <span class="badge badge-err">已吊销（{fmtTime(t.revokedAt)}）</span>;
  if (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) return <span class="badge badge-warn">已过期</span>;
  return <span class="badge badge-ok">有效</span>;
}

export function TokenListPage(props: { vc: ViewContext; rows: TokenListRow[]; now: Date; values?: Partial<TokenForm>; errors?: Record<string, string>; notice?: string }) {
  const { vc } = props;
  return (
    <AdminLayout ctx={vc} meta={{ title: '接口令牌' }} current={TOKENS}>
      <h1>接口令牌</h1>
      {props.notice && <Notice>{props.notice}</Notice>}
      <p>接口令牌供其他系统调用本平台接口使用，请求时在 HTTP 头中携带 <code>Authorization: Bearer 令牌</code>。令牌具有所属用户的全部权限，审计日志记录为该用户的操作；令牌只在创建时显示一次，系统只保存其摘要。</p>
      <p>只能为本人，或为您管理范围内的“接口集成账户”（在用户管理中新增，不能登录，不能拥有可查看个人信息的角色）创建令牌。</p>
      <DataTable
        caption="接口令牌列表"
        head={['令牌前缀', '所属用户', '用途', '创建时间', '最近使用', '有效期至', '状态', '操作']}
        empty="尚未创建接口令牌。"
        rows={props.rows.map((t) => [
          <code>{t.prefix}…</code>,
          `${t.displayName}（${t.username}）`,
          t.name,
          fmtTime(t.createdAt),
          fmtTime(t.lastUsedAt),
          t.expiresAt ? fmtTime(t.expiresAt) : '长期有效',
          tokenStatus(t, props.now),
          t.revokedAt ? '—' : (
            <form method="post" action={`${TOKENS}/${t.id}/revoke`} class="inline">
              <CsrfField token={vc.csrfToken} />
              <button type="submit" class="link-button" aria-label={`吊销令牌 ${t.prefix}（${t.name}）`}>吊销</button>
            </form>
          ),
        ])}
      />
      <h2 id="new">创建令牌</h2>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={TOKENS} class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <TextField name="username" label="所属用户的用户名" value={props.values?.username} required maxLength={32} autocomplete="off"
          hint="填写本人用户名，或接口集成账户的用户名。令牌以该账户的身份和权限访问接口。" error={props.errors?.username} />
        <TextField name="name" label="用途说明" value={props.values?.name} required maxLength={100} hint="如：市政务公开平台数据报送。" error={props.errors?.name} />
        <TextField name="days" label="有效天数" value={props.values?.days} maxLength={4} inputMode="numeric" hint="1 至 3650 天；留空表示长期有效。" error={props.errors?.days} />
        <div class="actions"><button type="submit">创建令牌</button></div>
      </form>
    </AdminLayout>
  );
}

export function TokenCreatedPage({ vc, token, username, id }: { vc: ViewContext; token: string; username: string; id: number }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '令牌已创建' }} current={TOKENS}>
      <p><a href={TOKENS}>接口令牌</a> › 令牌已创建</p>
      <h1>令牌已创建</h1>
      <Notice>已为用户“{username}”创建接口令牌（编号 {id}）。</Notice>
      <dl class="facts">
        <dt>令牌</dt><dd><code class="secret">{token}</code></dd>
      </dl>
      <Notice kind="warning">令牌只显示这一次，请立即复制并妥善保存；遗失后只能吊销并重新创建。</Notice>
      <p><a href={TOKENS}>返回令牌列表</a></p>
    </AdminLayout>
  );
}
