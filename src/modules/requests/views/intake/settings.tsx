// 受理编号格式 per organisation: which format each organisation uses, and a form to change one.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField, type FieldErrors } from '../../../../platform/views/form.tsx';

export interface FormatRow { id: number; name: string; format: string; own: boolean; example: string }

export function TrackingFormatPage({ vc, rows, values, errors, notice, defaultFormat }: {
  vc: ViewContext; rows: FormatRow[]; values: { orgId: string; trackingFormat: string }; errors: FieldErrors; notice?: string; defaultFormat: string;
}) {
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <AdminLayout ctx={vc} meta={{ title: hasErrors ? '错误：受理编号格式' : '受理编号格式' }} current="/admin/requests">
      <Breadcrumb items={[{ href: '/admin/', label: '工作台' }, { href: '/admin/requests', label: '依申请公开' }, { label: '受理编号格式' }]} />
      <h1>受理编号格式</h1>
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary errors={errors} />
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
    </AdminLayout>
  );
}
