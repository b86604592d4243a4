// 舆情值班联系人 (24 小时值班): the list shows phones masked; the edit page shows the full number.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CheckboxField, CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../../platform/forms/index.ts';
import type { DutyRow } from '../../settings.repo.ts';
import { SETTINGS_HREF } from './nav.ts';

export const DUTY_HREF = '/admin/opinion/duty';

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

export type DutyListRow = Omit<DutyRow, 'phoneEnc'> & { phoneMasked: string };

export function DutyListPage(p: { vc: ViewContext; rows: DutyListRow[]; notice?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '舆情值班联系人' }} current={SETTINGS_HREF}>
      <h1>舆情值班联系人</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>各单位 24 小时值班联系人：发现重大舆情时按此联系。电话加密保存，列表中只显示部分号码，完整号码在修改页面查看。</p>
      <p><a class="button" href={`${DUTY_HREF}/new`}>新增值班联系人</a></p>
      <DataTable caption="值班联系人" empty="尚未登记值班联系人"
        head={['单位', '姓名', '职务', '值班电话', '值班时段', '状态', '操作']}
        rows={p.rows.map((d) => [
          d.orgName, d.name, d.position, d.phoneMasked, d.hours,
          d.active ? <span class="badge badge-ok">在岗</span> : <span class="badge">停用</span>,
          <a href={`${DUTY_HREF}/${d.id}`} aria-label={`修改：${d.orgName} ${d.name}`}>修改</a>,
        ])} />
    </AdminLayout>
  );
}

export function DutyEditPage(p: { vc: ViewContext; contact?: DutyRow; orgs: { id: number; name: string }[]; values: FormStrings; errors?: Record<string, string> }) {
  const title = p.contact ? `值班联系人：${p.contact.name}` : '新增值班联系人';
  const v = p.values;
  return (
    <AdminLayout ctx={p.vc} meta={{ title }} current={SETTINGS_HREF}>
      <Breadcrumb items={[{ href: DUTY_HREF, label: '舆情值班联系人' }, { label: p.contact ? p.contact.name : '新增值班联系人' }]} />
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors && inFormOrder(p.errors, ['orgId', 'name', 'position', 'phone', 'email', 'hours'])} />
      <form method="post" action={p.contact ? `${DUTY_HREF}/${p.contact.id}` : DUTY_HREF} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <SelectField name="orgId" label="单位" required value={str(v.orgId)} placeholder="请选择" error={p.errors?.orgId}
          options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <TextField name="name" label="姓名" required maxLength={30} value={str(v.name)} error={p.errors?.name} autocomplete="off" />
        <TextField name="position" label="职务" required maxLength={40} value={str(v.position)} error={p.errors?.position} hint="例如：办公室主任、值班员。" />
        <TextField name="phone" label="值班电话" required type="tel" maxLength={40} value={str(v.phone)} error={p.errors?.phone} autocomplete="off"
          hint="值班室电话或手机，加密保存。例如 0795-1234567 或 13812345678。" />
        <TextField name="email" label="电子邮箱" type="email" maxLength={100} value={str(v.email)} error={p.errors?.email} autocomplete="off" />
        <TextField name="hours" label="值班时段" required maxLength={40} value={str(v.hours) || '全天24小时'} error={p.errors?.hours} hint="例如：全天24小时、工作日夜间、节假日。" />
        <CheckboxField name="active" label="在岗（停用后不再列入值班名单）" checked={str(v.active) !== '' && str(v.active) !== '0'} />
        <div class="actions">
          <button type="submit">{p.contact ? '保存修改' : '保存'}</button>
          <a href={DUTY_HREF}>返回值班联系人</a>
        </div>
      </form>
      {p.contact && (
        <form method="post" action={`${DUTY_HREF}/${p.contact.id}/delete`}>
          <CsrfField token={p.vc.csrfToken} />
          <h2>删除联系人</h2>
          <p>删除后不可恢复；人员暂时不值班时可改为停用。</p>
          <button type="submit" class="secondary">删除此联系人</button>
        </form>
      )}
    </AdminLayout>
  );
}
