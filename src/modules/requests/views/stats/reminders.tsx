// "我的依申请公开提醒": the signed-in person's reminders today (the same rules as the daily digest
// e-mail), the digest log, and for managers a button that runs today's reminders now.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { RECIPIENT_ROLES, REMINDER_KINDS, daysLeftText, excerpt, type PlannedReminder, type ReminderCase, type RunResult } from '../../reminders.ts';
import { formatInstant } from '../../../../platform/time/index.ts';

export interface RemindersPageProps {
  vc: ViewContext;
  today: string;
  items: (PlannedReminder & { c: ReminderCase })[];
  /** All items (items may be the first part only). */
  total: number;
  overdueTotal: number;
  digests: { day: string; items: number; sentAt: string }[];
  hasEmail: boolean;
  canRun: boolean;
  ran?: RunResult;
  /** For managers: the reminder lead per organisation. */
  settings?: {
    orgs: { id: number; name: string }[];
    defaultDays: number;
    current: { name: string; days: number }[];
    form: { org: string; days: string; errors?: Record<string, string> };
    saved?: string;
  };
}

export function RemindersPage(p: RemindersPageProps) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '我的依申请公开提醒' }} current="/admin/requests">
      <Breadcrumb items={[{ href: '/admin/requests', label: '依申请公开' }, { label: '我的提醒' }]} />
      <h1>我的依申请公开提醒</h1>
      {p.ran && (
        <Notice>
          已执行 {p.ran.day} 的到期提醒：新记录提醒 {p.ran.recorded} 条，发送汇总邮件 {p.ran.sent} 封
          {p.ran.deferred > 0 && `，${p.ran.deferred} 人今日已收到汇总邮件，新增事项将在明日的汇总中发送`}
          {p.ran.inAppOnly > 0 && `，${p.ran.inAppOnly} 人未登记电子邮箱（仅在本页提醒）`}
          {p.ran.failed.length > 0 && `，${p.ran.failed.length} 人邮件发送失败（下次执行时重试）`}。
        </Notice>
      )}
      <p>
        今天是 {p.today}。承办人在内部办理目标日和法定答复期限前若干个工作日（默认 3 个工作日）收到提醒；
        超过法定答复期限的，同时提醒承办部门负责人和政务公开办。每人每天最多收到一封汇总邮件（工作日 8:30 发送）。本页列表每分钟更新一次。
        {!p.hasEmail && ' 您的账户未登记电子邮箱，提醒仅在本页显示；可请系统管理员登记邮箱。'}
      </p>
      {p.total === 0
        ? <Notice kind="info">目前没有需要您关注的到期事项。</Notice>
        : <p>共 {p.total} 项{p.overdueTotal > 0 && <strong>，其中 {p.overdueTotal} 项已超过法定答复期限</strong>}。
          {p.total > p.items.length && <> 以下列出最紧急的 {p.items.length} 项，全部已超期事项见<a href="/admin/requests?overdue=1">办理队列（已超期）</a>。</>}</p>}
      {p.items.length > 0 && (
        <DataTable caption="需要关注的依申请公开事项" head={['受理编号', '申请内容', '提醒事项', '期限', '剩余时间', '提醒原因']}
          rows={p.items.map((i) => [
            <a href={`/admin/requests/${i.caseId}`}>{i.c.trackingNo}</a>,
            excerpt(i.c.infoDescription),
            REMINDER_KINDS[i.kind],
            <>{i.dueOn}{i.c.dueProvisional && <span class="muted">（暂定）</span>}</>,
            i.kind === 'overdue' ? <span class="badge badge-err">{daysLeftText(i.daysLeft, true)}</span> : daysLeftText(i.daysLeft),
            i.roles.map((r) => RECIPIENT_ROLES[r]).join('、'),
          ])} />
      )}
      <h2>汇总邮件记录</h2>
      <DataTable caption="最近发给您的提醒汇总邮件" head={['日期', '事项数', '发送时间']} empty="最近没有发给您的汇总邮件。"
        rows={p.digests.map((d) => [d.day, String(d.items), formatInstant(d.sentAt, 'minute')])} />
      {p.settings && (
        <section aria-labelledby="h-lead">
          <h2 id="h-lead">提前提醒天数</h2>
          {p.settings.saved && <Notice>{p.settings.saved}</Notice>}
          <ErrorSummary errors={p.settings.form.errors} />
          <p>未单独设置的机构，在内部办理目标日和法定答复期限前 {p.settings.defaultDays} 个工作日提醒。</p>
          <DataTable caption="单独设置了提前提醒天数的机构" head={['机构', '提前提醒（工作日）']} empty="尚无机构单独设置。"
            rows={p.settings.current.map((c) => [c.name, String(c.days)])} />
          <form method="post" action="/admin/requests/reminders/settings" class="filters">
            <CsrfField token={p.vc.csrfToken} />
            <SelectField name="org" label="机构" value={p.settings.form.org} placeholder="请选择" required
              options={p.settings.orgs.map((o) => ({ value: String(o.id), label: o.name }))} error={p.settings.form.errors?.org} />
            <TextField name="days" label="提前提醒天数（工作日）" value={p.settings.form.days} inputMode="numeric" maxLength={2} required
              hint="0 至 20；0 表示只在到期当天提醒" error={p.settings.form.errors?.days} />
            <div class="field"><button type="submit">保存</button></div>
          </form>
        </section>
      )}
      {p.canRun && (
        <form method="post" action="/admin/requests/reminders/run" class="actions">
          <CsrfField token={p.vc.csrfToken} />
          <p class="hint">到期提醒在每个工作日 8:30 自动执行。需要时可立即执行一次；当天已收到汇总邮件的人员不会重复收到。</p>
          <button type="submit">立即执行今日到期提醒</button>
        </form>
      )}
    </AdminLayout>
  );
}
