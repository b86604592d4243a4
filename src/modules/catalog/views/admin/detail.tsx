// Record detail for staff: the metadata table, body, attachments and the audit trail summary.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { DataTable, Notice } from '../../../../platform/views/form.tsx';
import {
  art20Label, categoryLabel, disclosureLabel, docTypeLabel, groundLabel, statusLabel, termLabel, timeLimitLabel, validityLabel,
} from '../../domain.ts';
import type { AttachmentRow, RecordRow, TrailRow } from '../../repo.ts';
import { DueCell, type DueBadge } from './list.tsx';
import { NAV } from './form.tsx';
import { actionLabel } from '../../../../platform/audit/present.ts';

function trailText(t: TrailRow): string {
  const changes = t.summary?.changes as Record<string, unknown> | undefined;
  if (changes) return `修改了 ${Object.keys(changes).length} 个字段：${Object.keys(changes).join('、')}`;
  return '';
}

export function RecordDetailPage(p: {
  vc: ViewContext; r: RecordRow; attachments: AttachmentRow[]; trail: TrailRow[]; due: DueBadge; canEdit: boolean; notice?: string;
}) {
  const r = p.r;
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const rows: [string, ComponentChildren][] = [
    ['索引号', <code>{r.indexNo}</code>],
    ['信息名称', r.title],
    ['文号', dash(r.docNo)],
    ['生成日期', r.generatedOn],
    ['所属机构', r.orgName],
    ['发布机构', r.publisher],
    ['责任部门', dash(r.responsibleDept)],
    ['主题分类', categoryLabel(r.category)],
    ['条例第二十条事项', r.art20Item ? art20Label(r.art20Item) : '—'],
    ['文件类型', docTypeLabel(r.docType)],
    ['重要政策', r.importantPolicy ? '是' : '否'],
    ['公开属性', disclosureLabel(r.disclosure) + (r.disclosure === 'withheld' ? `（${groundLabel(r.withheldGround)}${r.withheldReason ? '：' + r.withheldReason : ''}）` : '')],
    ['公开时限', termLabel(r.term) + (r.term === 'limited' && r.termEnd ? `，至 ${r.termEnd}` : '')],
    ['发布时限', timeLimitLabel(r.timeLimit)],
    ['应公开日期', <DueCell row={r} state={p.due} />],
    ['有效性', validityLabel(r.validity) + (r.repealedOn ? `（${r.repealedOn} 废止）` : '') + (r.expiredOn ? `（${r.expiredOn} 失效）` : '')],
    ['施行日期', dash(r.effectiveOn)],
    ['关键词', r.keywords],
    ['内容描述', dash(r.description)],
    ['状态', statusLabel(r.status)],
    ['版本', String(r.version)],
  ];
  return (
    <AdminLayout ctx={p.vc} meta={{ title: r.title }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { label: r.indexNo }]} />
      <h1>{r.title}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.canEdit && <p><a class="button" href={`/admin/catalog/${r.id}/edit`}>修改</a></p>}
      <p><a href={`/admin/catalog/${r.id}/review`}>审核与发布（提交审核、审核意见、征求意见、撤回）</a></p>
      {!p.canEdit && r.status === 'in_review' && <Notice kind="info">该信息正在审核中，审核期间不能修改。</Notice>}
      <div class="table-wrap">
        <table class="meta-table">
          <caption>信息属性</caption>
          <tbody>{rows.map(([k, v]) => <tr><th scope="row">{k}</th><td>{v}</td></tr>)}</tbody>
        </table>
      </div>
      <h2>正文</h2>
      {r.body ? <div class="record-body">{r.body.split('\n').filter((x) => x.trim()).map((x) => <p>{x}</p>)}</div> : <p class="muted">（无正文）</p>}
      <h2>附件</h2>
      {p.attachments.length
        ? <ul>{p.attachments.map((a) => <li>{a.name}（{Math.max(1, Math.round(a.size / 1024))} KB）</li>)}</ul>
        : <p class="muted">（无附件）</p>}
      <DataTable caption="操作记录" empty="暂无操作记录。" head={['时间', '操作人', '操作', '说明']}
        rows={p.trail.map((t) => [t.at, t.actorName, actionLabel(t.action), trailText(t)])} />
    </AdminLayout>
  );
}
