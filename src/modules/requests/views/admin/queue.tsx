// The staff queue of 依申请公开 cases: status tabs with counts, filters (GET form), due badges, paging.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { DataTable, Notice, Pagination, SelectField, TextField, CheckboxField } from '../../../../platform/views/form.tsx';
import { CASE_KINDS, CHANNELS, STATUSES, STATUS_KEYS, channelLabel, outcomeLabel, statusLabel } from '../../model.ts';
import { COUNT_CAP, type QueueRow } from '../../repo.ts';

/** A count that may have stopped at the cap. */
const num = (n: number) => (n > COUNT_CAP ? `${COUNT_CAP} 以上` : String(n));

export const NAV = '/admin/requests';

export interface QueueFilters {
  status: string; org: string; handler: string; due: string; unit: string; overdue: string; notoverdue: string; channel: string; kind: string; q: string;
  /** '1': only cases whose reply review returned to the user (the 工作台's 答复退回修改). */
  returned: string;
}

export type DueState = 'overdue' | 'soon' | 'internal' | 'ok' | 'none';

export function filterQuery(f: QueueFilters, extra: Partial<Record<keyof QueueFilters | 'page', string>> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? '?' + s : '';
}

/** The due date with its state in words (colour is never the only signal). */
export function DueText({ due, provisional, stopped, state }: { due: string | null; provisional: boolean; stopped: boolean; state: DueState }) {
  if (!due) return <>{stopped ? '计时暂停' : '—'}</>;
  return (
    <>
      {due}{provisional && <span class="muted">（暂定）</span>}
      {stopped && <span class="muted">（计时暂停）</span>}
      {state === 'overdue' && <> <span class="badge badge-err">已超期</span></>}
      {state === 'soon' && <> <span class="badge badge-warn">即将到期</span></>}
      {state === 'internal' && <> <span class="badge badge-warn">已过内部期限</span></>}
    </>
  );
}

export function QueuePage(p: {
  vc: ViewContext; filters: QueueFilters; counts: Record<string, number>; rows: (QueueRow & { due: DueState })[];
  total: number; page: number; pages: number; orgs: readonly { id: number; name: string }[]; handlers: readonly { id: number; displayName: string }[];
  today: string; canRegister: boolean; canStats: boolean; canManage: boolean; notice?: string;
}) {
  const f = p.filters;
  const openCount = STATUS_KEYS.filter((s) => s !== 'closed').reduce((n, s) => n + (p.counts[s] ?? 0), 0);
  const allCount = Object.values(p.counts).reduce((a, b) => a + b, 0);
  const tabs: { value: string; label: string; n: number }[] = [
    { value: '', label: '全部在办', n: openCount },
    ...STATUS_KEYS.map((s) => ({ value: s, label: STATUSES[s], n: p.counts[s] ?? 0 })),
    { value: 'all', label: '全部', n: allCount },
  ];
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '依申请公开' }} current={NAV}>
      <h1>依申请公开</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <ul class="link-list actions">
        {p.canRegister && <li><a class="button" href="/admin/requests/new">登记申请</a></li>}
        <li><a href="/admin/requests/reminders">我的期限提醒</a></li>
        {p.canStats && <li><a href="/admin/requests/stats">统计</a></li>}
        {p.canManage && <li><a href="/admin/requests/settings">受理编号格式</a></li>}
      </ul>
      <nav aria-label="按办理状态查看">
        <ul class="link-list actions">
          {tabs.map((t) => (
            <li><a href={`/admin/requests${filterQuery({ ...f, status: t.value })}`} aria-current={f.status === t.value ? 'page' : undefined}>
              {f.status === t.value ? <strong>{t.label}（{num(t.n)}）</strong> : <>{t.label}（{num(t.n)}）</>}
            </a></li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/admin/requests" class="filters" role="search" aria-label="筛选申请">
        <input type="hidden" name="status" value={f.status} />
        <SelectField name="org" label="办理单位" value={f.org} placeholder="全部单位" options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <SelectField name="handler" label="承办人" value={f.handler} placeholder="全部承办人"
          options={[{ value: 'me', label: '我承办的' }, { value: 'none', label: '尚未指定承办人' }, ...p.handlers.map((h) => ({ value: String(h.id), label: h.displayName }))]} />
        <TextField name="due" label="期限在几日内到期" hint="填写天数，例如 5" value={f.due} maxLength={3} inputMode="numeric" />
        <SelectField name="unit" label="天数单位" value={f.unit || 'wd'} options={[{ value: 'wd', label: '工作日' }, { value: 'cd', label: '自然日' }]} />
        <SelectField name="channel" label="申请渠道" value={f.channel} placeholder="全部渠道" options={Object.entries(CHANNELS).map(([k, v]) => ({ value: k, label: v.label }))} />
        <SelectField name="kind" label="申请类型" value={f.kind} placeholder="全部类型" options={Object.entries(CASE_KINDS).map(([k, v]) => ({ value: k, label: v }))} />
        <TextField name="q" label="受理编号" type="search" value={f.q} maxLength={40} />
        <CheckboxField name="overdue" label="只看已超期" checked={f.overdue === '1'} />
        <CheckboxField name="notoverdue" label="不含已超期" checked={f.notoverdue === '1'} />
        <CheckboxField name="returned" label="只看退回我修改的答复" checked={f.returned === '1'} />
        <div class="field"><button type="submit">筛选</button></div>
      </form>
      <p>共 {num(p.total)} 件。今天是 {p.today}。期限为法定答复期限；“已过内部期限”表示已超过本单位设定的内部办理期限。</p>
      <p class="export-links">导出当前筛选结果（办理台账，最多 5000 件）：
        <a href={`/admin/requests/export.csv${filterQuery(f)}`}>CSV 文件</a>　<a href={`/admin/requests/export.xlsx${filterQuery(f)}`}>Excel 文件</a>
      </p>
      <DataTable caption="申请列表" empty="没有符合条件的申请。"
        head={['受理编号', '所需信息', '类型', '办理单位', '渠道', '收到申请日期', '答复期限', '承办人', '状态']}
        rows={p.rows.map((r) => [
          <a href={`/admin/requests/${r.id}`}>{r.trackingNo}</a>,
          r.summary,
          CASE_KINDS[r.kind as keyof typeof CASE_KINDS] ?? r.kind,
          r.orgName,
          channelLabel(r.channel),
          r.receivedOn ?? '待确认',
          r.status === 'closed' ? <>已于 {r.repliedOn ?? '—'} 答复</> : <DueText due={r.statutoryDueOn} provisional={r.dueProvisional} stopped={r.clockStopped} state={r.due} />,
          r.handlerName ?? '未指定',
          <>{statusLabel(r.status)}{r.outcome ? `：${outcomeLabel(r.outcome)}` : ''}</>,
        ])} />
      <Pagination page={p.page} pages={p.pages} href={(n) => `/admin/requests${filterQuery(f, { page: String(n) })}`} />
    </AdminLayout>
  );
}
