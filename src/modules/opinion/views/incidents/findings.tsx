// 舆情问责 (opinion.accountability): findings proposed from late or missing responses.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { DataTable, Pagination } from '../../../../platform/views/form.tsx';
import { DEADLINE_KINDS, FINDING_KINDS, GRADES, labelOf } from '../../model.ts';
import type { FindingView } from '../../deadlines.repo.ts';
import { INCIDENTS_HREF, When } from './shared.tsx';

export const FINDINGS_HREF = `${INCIDENTS_HREF}/findings`;
const STATUS: Record<string, string> = { open: '待决定', decided: '已决定', withdrawn: '已撤销' };

export function FindingsPage({ vc, rows, total, page, pages }: { vc: ViewContext; rows: FindingView[]; total: number; page: number; pages: number }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '舆情问责' }} current={FINDINGS_HREF}>
      <h1>舆情问责</h1>
      <p>舆情回应超过时限的，系统按舆情级别、超时长短和单位近一年超时次数提出通报、约谈或问责建议，由政务公开办决定。共 {total} 条，时间均为北京时间。</p>
      <DataTable caption="问责建议" empty="暂无问责建议。"
        head={['生成时间', '舆情事件', '级别', '责任单位', '超过的时限', '建议', '理由', '状态']}
        rows={rows.map((r) => [
          <When d={r.createdAt} />, <a href={`${INCIDENTS_HREF}/${r.incidentId}`}>{r.no}</a>, labelOf(GRADES, r.grade) || '—', r.orgName,
          labelOf(DEADLINE_KINDS, r.deadlineKind) || r.deadlineKind, labelOf(FINDING_KINDS, r.kind) || r.kind, r.reason, STATUS[r.status] ?? r.status,
        ])} />
      <Pagination page={page} pages={pages} href={(n) => `${FINDINGS_HREF}?page=${n}`} />
    </AdminLayout>
  );
}
