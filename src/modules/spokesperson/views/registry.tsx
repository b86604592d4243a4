// 专家库 and 政务新媒体 back-office pages: lists (contact masked; flagged accounts marked), edit forms.
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField } from '../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../platform/forms/index.ts';
import { EXPERT_STATUSES, LIMITS, MEDIA_PLATFORMS, MEDIA_STATUSES, flagText, labelOf, type MediaFlag } from '../domain.ts';
import type { ExpertRow, MediaRow } from '../repo.ts';
import { Badge, EXPERTS_HREF, PUBLIC_XMT_HREF, XMT_HREF, orgOptions, str, type OrgChoice } from './shared.tsx';

type Errors = Record<string, string> | undefined;
const opts = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));

function FileButton({ vc, action, label }: { vc: ViewContext; action: string; label: string }) {
  return (
    <form method="post" action={action}>
      <CsrfField token={vc.csrfToken} />
      <button type="submit" aria-label={label}>备案</button>
    </form>
  );
}

export type ExpertListRow = Omit<ExpertRow, 'phoneEnc' | 'emailEnc'> & { phoneMasked: string };

export function ExpertsPage(p: { vc: ViewContext; rows: ExpertListRow[]; canFile: boolean; notice?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '政策解读专家库' }} current={EXPERTS_HREF}>
      <h1>政策解读专家库</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>各单位组建政策解读专家队伍；专家库设立及调整后，报县政府新闻办公室备案。专家的联系方式加密保存，列表中只显示部分号码。</p>
      <p><a class="button" href={`${EXPERTS_HREF}/new`}>新增专家</a></p>
      <DataTable caption="专家库" empty="尚未登记专家" head={['单位', '姓名', '专业领域', '工作单位', '职称或职务', '联系电话', '状态', '备案', '操作']}
        rows={p.rows.map((x) => [
          x.orgName, x.name, x.field, x.employer, x.title, x.phoneMasked, labelOf(EXPERT_STATUSES, x.status),
          x.filedOn ? `已备案（${x.filedOn}）` : p.canFile ? <FileButton vc={p.vc} action={`${EXPERTS_HREF}/${x.id}/file`} label={`备案：${x.name}`} /> : <Badge tone="warn">待备案</Badge>,
          <a href={`${EXPERTS_HREF}/${x.id}`} aria-label={`修改：${x.name}`}>修改</a>,
        ])} />
    </AdminLayout>
  );
}

export function ExpertEditPage(p: { vc: ViewContext; id?: number; orgs: OrgChoice[]; values: FormStrings; errors?: Errors }) {
  const v = p.values;
  const title = p.id ? `修改专家：${str(v.name)}` : '新增专家';
  return (
    <AdminLayout ctx={p.vc} meta={{ title }} current={EXPERTS_HREF}>
      <Breadcrumb items={[{ href: EXPERTS_HREF, label: '政策解读专家库' }, { label: p.id ? '修改专家' : '新增专家' }]} />
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors && inFormOrder(p.errors, ['orgId', 'name', 'field', 'employer', 'title', 'phone', 'email', 'status'])} />
      <form method="post" action={p.id ? `${EXPERTS_HREF}/${p.id}` : EXPERTS_HREF} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <SelectField name="orgId" label="所属专家库单位" required placeholder="请选择" value={str(v.orgId)} error={p.errors?.orgId} options={orgOptions(p.orgs)} />
        <TextField name="name" label="姓名" required maxLength={LIMITS.name} value={str(v.name)} error={p.errors?.name} autocomplete="off" />
        <TextField name="field" label="专业领域" required maxLength={LIMITS.field} value={str(v.field)} error={p.errors?.field} hint="例如：教育政策、财税、自然资源与规划。" />
        <TextField name="employer" label="工作单位" required maxLength={LIMITS.employer} value={str(v.employer)} error={p.errors?.employer} />
        <TextField name="title" label="职称或职务" required maxLength={LIMITS.title} value={str(v.title)} error={p.errors?.title} />
        <TextField name="phone" label="联系电话" required type="tel" maxLength={LIMITS.phone} value={str(v.phone)} error={p.errors?.phone} autocomplete="off" hint="加密保存，仅在本页完整显示。" />
        <TextField name="email" label="电子邮箱" type="email" maxLength={LIMITS.email} value={str(v.email)} error={p.errors?.email} autocomplete="off" />
        <SelectField name="status" label="状态" required value={str(v.status) || 'active'} error={p.errors?.status} options={opts(EXPERT_STATUSES)} />
        <p class="hint">修改后需重新报县政府新闻办公室备案。</p>
        <div class="actions"><button type="submit">保存</button> <a href={EXPERTS_HREF}>返回专家库</a></div>
      </form>
    </AdminLayout>
  );
}

export type MediaListRow = MediaRow & { flags: MediaFlag[] };

export function MediaPage(p: { vc: ViewContext; rows: MediaListRow[]; flaggedOnly: boolean; staleDays: number; canFile: boolean; values: FormStrings; errors?: Errors; notice?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '政务新媒体' }} current={XMT_HREF}>
      <h1>政务新媒体</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>按照“谁开设、谁主管、谁应用、谁负责”的原则，各单位开设的政务微博、微信等账号报备案，并及时更新。未备案或超过 {p.staleDays} 天未更新的账号列为需关注。已备案的账号在<a href={PUBLIC_XMT_HREF}>政务新媒体名录</a>中公布。</p>
      <p>
        <a class="button" href={`${XMT_HREF}/new`}>登记账号</a>{' '}
        {p.flaggedOnly ? <a href={XMT_HREF}>查看全部账号</a> : <a href={`${XMT_HREF}?flag=1`}>只看需关注的账号</a>}
      </p>
      <DataTable caption={p.flaggedOnly ? '需关注的政务新媒体账号' : '政务新媒体账号'} empty={p.flaggedOnly ? '没有需关注的账号' : '尚未登记账号'}
        head={['单位', '平台', '账号名称', '责任人', '状态', '最近更新', '备案', '提示', '操作']}
        rows={p.rows.map((m) => [
          m.orgName, labelOf(MEDIA_PLATFORMS, m.platform), m.accountName, m.responsible, labelOf(MEDIA_STATUSES, m.status), m.lastUpdateOn ?? '—',
          m.filedOn ? `已备案（${m.filedOn}）` : p.canFile ? <FileButton vc={p.vc} action={`${XMT_HREF}/${m.id}/file`} label={`备案：${m.accountName}`} /> : <Badge tone="warn">待备案</Badge>,
          m.flags.length ? <Badge tone="err">{m.flags.map(flagText).join('，')}</Badge> : '正常',
          <a href={`${XMT_HREF}/${m.id}`} aria-label={`修改：${m.accountName}`}>修改</a>,
        ])} />
      {p.canFile && (
        <form method="post" action={`${XMT_HREF}/settings`} class="stack" novalidate>
          <h2>更新提示设置</h2>
          <ErrorSummary errors={p.errors} />
          <CsrfField token={p.vc.csrfToken} />
          <TextField name="days" label="超过多少天未更新列为需关注" required inputMode="numeric" maxLength={3} value={str(p.values.days) || String(p.staleDays)} error={p.errors?.days} />
          <div class="actions"><button type="submit">保存设置</button></div>
        </form>
      )}
    </AdminLayout>
  );
}

export function MediaEditPage(p: { vc: ViewContext; id?: number; orgs: OrgChoice[]; values: FormStrings; errors?: Errors }) {
  const v = p.values;
  const title = p.id ? `修改账号：${str(v.accountName)}` : '登记政务新媒体账号';
  return (
    <AdminLayout ctx={p.vc} meta={{ title }} current={XMT_HREF}>
      <Breadcrumb items={[{ href: XMT_HREF, label: '政务新媒体' }, { label: p.id ? '修改账号' : '登记账号' }]} />
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors && inFormOrder(p.errors, ['orgId', 'platform', 'accountName', 'responsible', 'url', 'status', 'lastUpdateOn'])} />
      <form method="post" action={p.id ? `${XMT_HREF}/${p.id}` : XMT_HREF} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <SelectField name="orgId" label="开设单位" required placeholder="请选择" value={str(v.orgId)} error={p.errors?.orgId} options={orgOptions(p.orgs)} />
        <SelectField name="platform" label="平台" required placeholder="请选择" value={str(v.platform)} error={p.errors?.platform} options={opts(MEDIA_PLATFORMS)} />
        <TextField name="accountName" label="账号名称" required maxLength={LIMITS.account} value={str(v.accountName)} error={p.errors?.accountName} />
        <TextField name="responsible" label="责任人" required maxLength={LIMITS.name} value={str(v.responsible)} error={p.errors?.responsible} />
        <TextField name="url" label="账号地址" type="url" maxLength={LIMITS.url} value={str(v.url)} error={p.errors?.url} hint="以 https:// 开头，没有的不填。" />
        <SelectField name="status" label="状态" required value={str(v.status) || 'operating'} error={p.errors?.status} options={opts(MEDIA_STATUSES)} />
        <TextField name="lastUpdateOn" label="最近更新日期" type="date" value={str(v.lastUpdateOn)} error={p.errors?.lastUpdateOn} hint="账号最近一次发布信息的日期。" />
        <div class="actions"><button type="submit">保存</button> <a href={XMT_HREF}>返回政务新媒体</a></div>
      </form>
    </AdminLayout>
  );
}
