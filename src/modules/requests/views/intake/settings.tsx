// 依申请公开 settings per organisation: the tracking-number format, and the rule set (条例2019 or a
// local preset) with the internal target lead.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField, type FieldErrors } from '../../../../platform/views/form.tsx';

export interface FormatRow { id: number; name: string; format: string; own: boolean; example: string; ruleSet: string; leadDays: number | null }

export function TrackingFormatPage({ vc, rows, values, errors, notice, defaultFormat, ruleSets, lead }: {
  vc: ViewContext; rows: FormatRow[]; values: { orgId: string; trackingFormat: string; rulesOrgId: string; ruleSet: string; leadDays: string };
  errors: FieldErrors; notice?: string; defaultFormat: string; ruleSets: { value: string; label: string }[]; lead: { default: number; max: number };
}) {
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <AdminLayout ctx={vc} meta={{ title: hasErrors ? '错误：依申请公开设置' : '依申请公开设置' }} current="/admin/requests">
      <Breadcrumb items={[{ href: '/admin/', label: '工作台' }, { href: '/admin/requests', label: '依申请公开' }, { label: '依申请公开设置' }]} />
      <h1>依申请公开设置</h1>
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary errors={errors} />
      <h2>受理编号格式</h2>
      <p>受理编号在申请提交或登记时生成，每个机关每年从 1 开始连续编号。修改格式只影响此后新收到的申请。</p>
      <DataTable caption="各机关的受理编号格式" head={['机关', '格式', '示例']}
        rows={rows.map((r) => [r.name, r.own ? r.format : `${r.format}（默认）`, r.example])} />
      <h2>修改格式</h2>
      <form method="post" action="/admin/requests/settings" class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <SelectField name="orgId" label="机关" required value={values.orgId} error={errors.orgId} placeholder="请选择"
          options={rows.map((r) => ({ value: String(r.id), label: r.name }))} />
        <TextField name="trackingFormat" label="格式" value={values.trackingFormat} error={errors.trackingFormat} maxLength={40} autocomplete="off"
          hint={`占位符：{year} 年份，{org} 机关序号（3位），{orgCode} 统一社会信用代码，{seq} 或 {seq:5} 流水号（补零到5位）；其余只能用大写字母、数字和“-”“_”“/”。留空则恢复默认格式 ${defaultFormat}。`} />
        <div class="actions"><button type="submit">保存</button></div>
      </form>

      <h2>办理规则</h2>
      <p>默认按《中华人民共和国政府信息公开条例》（2019年修订）计算答复期限；本地制度另有规定的，可以选择相应的规则。规则只适用于此后收到的申请。内部办理期限为法定期限前若干个工作日，用于提醒承办人提前办结。</p>
      <DataTable caption="各机关的办理规则" head={['机关', '办理规则', '内部办理期限']}
        rows={rows.map((r) => [r.name, r.ruleSet, `法定期限前 ${r.leadDays ?? lead.default} 个工作日${r.leadDays == null ? '（默认）' : ''}`])} />
      <form method="post" action="/admin/requests/settings/rules" class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <SelectField name="rulesOrgId" label="机关" required value={values.rulesOrgId} error={errors.rulesOrgId} placeholder="请选择"
          options={rows.map((r) => ({ value: String(r.id), label: r.name }))} />
        <SelectField name="ruleSet" label="办理规则" required value={values.ruleSet} error={errors.ruleSet} options={ruleSets} />
        <TextField name="leadDays" label="内部办理期限提前的工作日数" value={values.leadDays} error={errors.leadDays} maxLength={2} inputMode="numeric" autocomplete="off"
          hint={`0 至 ${lead.max} 之间的整数，留空为 ${lead.default}。`} />
        <div class="actions"><button type="submit">保存办理规则</button></div>
      </form>
    </AdminLayout>
  );
}
