// 研判修正记录 (read only): where a monitor set something other than what the system suggested.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { DataTable, Pagination } from '../../../../platform/views/form.tsx';
import { formatInstant } from '../../../../platform/time/index.ts';
import { CATEGORIES, GRADES, labelOf } from '../../model.ts';
import type { CorrectionRow } from '../../settings.repo.ts';
import { SETTINGS_HREF } from './nav.ts';

export const CORRECTIONS_HREF = '/admin/opinion/corrections';

/** The fields 研判 and assignment correct (use-cases/triage.ts, assign.ts). */
export const CORRECTION_FIELDS: Record<string, string> = { grade: '等级', category: '分类', lead_org: '牵头单位' };

/** A suggested or chosen value in words: grades and categories by their labels; empty = none. */
function valueOf(field: string, v: string | null, orgName: (id: number) => string | undefined): string {
  if (!v) return field === 'category' ? '不属于五类' : '无';
  if (field === 'grade') return labelOf(GRADES, v) || v;
  if (field === 'category') return labelOf(CATEGORIES, v) || v;
  if (field === 'lead_org' && /^\d+$/.test(v)) return orgName(Number(v)) ?? v;
  return v;
}

export function CorrectionsPage(p: { vc: ViewContext; rows: CorrectionRow[]; page: number; pages: number; total: number; field?: string; orgName: (id: number) => string | undefined }) {
  const q = (page: number) => `${CORRECTIONS_HREF}?${p.field ? `field=${p.field}&` : ''}page=${page}`;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '研判修正记录' }} current={SETTINGS_HREF}>
      <h1>研判修正记录</h1>
      <p>舆情专员研判时改变系统建议的等级、分类或牵头单位，均在此留存，用于检查和改进词表与规则。时间为北京时间。</p>
      <nav aria-label="按修正项目筛选">
        <ul class="inline-list">
          <li><a href={CORRECTIONS_HREF} aria-current={!p.field ? 'page' : undefined}>全部</a></li>
          {Object.keys(CORRECTION_FIELDS).map((f) => <li><a href={`${CORRECTIONS_HREF}?field=${f}`} aria-current={p.field === f ? 'page' : undefined}>{CORRECTION_FIELDS[f]}</a></li>)}
        </ul>
      </nav>
      <DataTable caption={`修正记录（共 ${p.total} 条）`} empty="尚无修正记录"
        head={['时间', '舆情事件', '修正项目', '系统建议', '研判确定', '理由', '研判人']}
        rows={p.rows.map((r) => [
          <time dateTime={r.createdAt.toISOString()}>{formatInstant(r.createdAt, 'minute')}</time>,
          <>{r.incidentNo} {r.incidentTitle}</>,
          CORRECTION_FIELDS[r.field] ?? r.field,
          valueOf(r.field, r.suggested, p.orgName),
          valueOf(r.field, r.chosen, p.orgName),
          r.reason || '—',
          r.actorName ?? '系统',
        ])} />
      <Pagination page={p.page} pages={p.pages} href={q} />
    </AdminLayout>
  );
}
