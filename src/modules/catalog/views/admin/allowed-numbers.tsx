// 对外公开的办公电话: the numbers each organisation has accepted as its own published contact point,
// which the privacy scan no longer reports; the disclosure office sees and removes them here.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice } from '../../../../platform/views/form.tsx';
import { formatInstant } from '../../../../platform/time/index.ts';
import { formatLandline } from '../../../../platform/text/index.ts';
import type { AllowedRow } from '../../repo.allowlist.ts';
import { NAV } from './form.tsx';

export const ALLOWED_TITLE = '对外公开的办公电话';

export function AllowedNumbersPage(p: { vc: ViewContext; rows: AllowedRow[]; notice?: string; message?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: ALLOWED_TITLE }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { label: ALLOWED_TITLE }]} />
      <h1>{ALLOWED_TITLE}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.message && <ErrorSummary message={p.message} />}
      <p>承办人或审核人在隐私与保密检查中确认为“本单位对外公开的办公电话”的固定电话，此后该单位的信息再检查时不再提示。
        如号码已停用或并非对外公开的办公电话，请移除；移除后再检查时将重新提示。每次确认和移除均记入审计日志。</p>
      <DataTable caption="各单位对外公开的办公电话" head={['单位', '电话号码', '确认时所在信息', '确认人', '确认时间', '操作']} empty="尚无确认的办公电话"
        rows={p.rows.map((n) => [
          n.orgName,
          <code>{formatLandline(n.value)}</code>,
          n.recordId ? <a href={`/admin/catalog/${n.recordId}/review`}>{n.recordIndexNo ?? `#${n.recordId}`}</a> : '—',
          n.createdByName ?? '—',
          formatInstant(n.createdAt),
          <form method="post" action={`/admin/catalog/allowed-numbers/${n.id}/delete`} class="inline-form">
            <CsrfField token={p.vc.csrfToken} />
            <button type="submit" class="secondary" aria-label={`移除 ${n.orgName} 的 ${formatLandline(n.value)}`}>移除</button>
          </form>,
        ])} />
    </AdminLayout>
  );
}
