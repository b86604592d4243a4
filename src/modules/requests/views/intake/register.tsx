// Staff registration of an application received offline (当面、挂号信、平信、传真、电子邮件、口头),
// with the 第31条 receipt-date rule of each channel spelled out next to the choice.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { ChoiceGroup, CsrfField, ErrorSummary, Notice, TextField, type FieldErrors } from '../../../../platform/views/form.tsx';
import { CHANNELS, OFFLINE_CHANNELS } from '../../model.ts';
import { ApplicationFields, one, type FormValues } from './fields.tsx';

export function RegisterPage({ vc, orgs, values, errors, message, today }: {
  vc: ViewContext; orgs: { id: number; name: string }[]; values: FormValues; errors: FieldErrors; message?: string; today: string;
}) {
  const hasErrors = Object.values(errors).some(Boolean);
  const channel = one(values, 'channel');
  return (
    <AdminLayout ctx={vc} meta={{ title: hasErrors ? '错误：登记申请' : '登记申请' }} current="/admin/requests/new">
      <Breadcrumb items={[{ href: '/admin/', label: '工作台' }, { href: '/admin/requests', label: '依申请公开' }, { label: '登记申请' }]} />
      <h1>登记政府信息公开申请</h1>
      <ErrorSummary errors={errors} message={hasErrors ? message : undefined} />
      {!hasErrors && message && <Notice kind="warning">{message}</Notice>}
      <p>登记通过当面、信函、传真、电子邮件或口头方式提出的申请。网上申请无需登记，在申请页面“确认收到”即可。</p>
      <form method="post" action="/admin/requests/new" class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <fieldset class="form-group">
          <legend>收到申请的方式和日期</legend>
          <ChoiceGroup name="channel" legend="申请方式" type="radio" required error={errors.channel} checked={[channel]}
            options={OFFLINE_CHANNELS.map((c) => ({ value: c, label: CHANNELS[c].label, hint: CHANNELS[c].receipt }))} />
          <TextField name="receivedOn" label="收到申请之日" value={one(values, 'receivedOn')} error={errors.receivedOn} maxLength={10} autocomplete="off"
            hint={`格式为 ${today}。当面、口头申请不填即为今天；挂号信填写签收日期；平信、传真、电子邮件填写与申请人确认的日期。不能晚于今天。`} />
          <TextField name="receiptBasis" label="收到日期说明" value={one(values, 'receiptBasis')} error={errors.receiptBasis} maxLength={200} autocomplete="off"
            hint="可选，例如挂号信的邮件号码、与申请人电话确认的时间。" />
          <p class="hint">口头申请：由工作人员按申请人的口述代为填写以下内容，并请申请人确认（《中华人民共和国政府信息公开条例》第二十九条）。</p>
        </fieldset>
        <ApplicationFields values={values} errors={errors} orgs={orgs} staff />
        <div class="actions">
          <button type="submit">登记</button>
          <a href="/admin/requests">返回申请列表</a>
        </div>
      </form>
    </AdminLayout>
  );
}

export function ConfirmFailedPage({ vc, caseId, message }: { vc: ViewContext; caseId: number; message: string }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '错误：确认收到申请' }} current="/admin/requests">
      <Breadcrumb items={[{ href: '/admin/', label: '工作台' }, { href: '/admin/requests', label: '依申请公开' }, { href: `/admin/requests/${caseId}`, label: '申请详情' }, { label: '确认收到' }]} />
      <h1>未能确认收到申请</h1>
      <div class="error-summary" role="alert" tabIndex={-1}><p>{message}</p></div>
      <p><a href={`/admin/requests/${caseId}`}>返回申请详情</a></p>
    </AdminLayout>
  );
}
