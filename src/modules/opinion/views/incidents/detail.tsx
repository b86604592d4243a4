// One incident: facts, the pipeline's suggestion with the risk score explained (every factor, its
// weight and the words that fired), items (authors masked), deadlines in Beijing time with their
// state, the timeline, responses (read-only; answered from /respond), the press events that answer it
// (module press), and the 研判 / assignment forms.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { DataTable, ErrorSummary, Notice } from '../../../../platform/views/form.tsx';
import { CATEGORIES, CHANNELS, DEADLINE_KINDS, EFFECT_RATINGS, FINDING_KINDS, GRADES, MEDIA_TYPES, ORIGINS, RESPONSE_STATUSES, labelOf } from '../../model.ts';
import { EVENT_TYPES } from '../../events.ts';
import type { DeadlineRow, EventRow, IncidentRow, ResponseRow } from '../../incidents.repo.ts';
import { CategoryText, Countdown, GradeText, INCIDENTS_HREF, statusLabel, When } from './shared.tsx';
import { TriageForms, type FormState, type TriageProps } from './triage-forms.tsx';
import { EVENT_TYPES as PRESS_TYPES, STATUSES as PRESS_STATUSES, labelOf as pressLabel } from '../../../press/model.ts';
import type { IncidentEvent } from '../../../press/repo.ts';

/** A press event linked to the incident; `linked` when the viewer may open it (press.read on its organisation). */
export type PressShown = IncidentEvent & { orgName: string; linked: boolean };

export type ItemShown = { id: number; title: string; text: string; url: string | null; publishedAt: Date; mediaType: string; sourceName: string; author: string; duplicate: boolean; repostCount: number };
export type ContactShown = { orgName: string; name: string; position: string; phone: string; hours: string };

type Factor = { label: string; raw: number; weight: number; contribution: number; rule: string; terms: string[] };
type Explanation = { score: number; grade: string; factors: Factor[] };

function RiskTable({ e }: { e: Explanation | null }) {
  if (!e || !Array.isArray(e.factors)) return <p>暂无风险评分说明。</p>;
  return (
    <DataTable caption={`风险评分 ${e.score} 分的构成（建议级别：${labelOf(GRADES, e.grade)}）`}
      head={['因素', '原始值', '权重', '得分', '计算规则', '触发词']}
      rows={e.factors.map((f) => [
        f.label, String(f.raw), `${Math.round(f.weight * 100)}%`, String(f.contribution), f.rule,
        f.terms.length ? f.terms.map((t) => labelOf(CATEGORIES, t) || t).join('、') : '—',
      ])} />
  );
}

/** Incidents whose clocks have stopped (the deadline job skips them too): no countdown for what is still open. */
const STOPPED: Record<string, string> = { closed: '已办结，不再计时', dismissed: '已排除，不再计时', merged: '已并入其他事件，不再计时' };

function deadlineState(d: DeadlineRow, now: Date, status: string) {
  if (d.metAt) return <span class="badge badge-ok">已完成（<When d={d.metAt} />）</span>;
  if (d.breachedAt) return <span class="badge badge-err">已超时</span>;
  if (STOPPED[status]) return <>{STOPPED[status]}</>;
  return <Countdown due={d.dueAt} now={now} />;
}

const s = (v: unknown) => (typeof v === 'string' ? v : '');
const named = (v: unknown) => (v && typeof v === 'object' && 'no' in v ? s((v as { no: unknown }).no) : '');

/** One line of what an event says, from its data. */
export function eventDetail(e: Pick<EventRow, 'type' | 'data'>): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  switch (e.type) {
    case 'opened': case 'items_added': return `${Number(d.items ?? 0)} 条信息，${Number(d.reposts ?? 0)} 条转发`;
    case 'created': return `${labelOf(ORIGINS, s(d.origin))}，来源：${s(d.source)}`;
    case 'confirmed': return `级别：${labelOf(GRADES, s(d.grade))}；类别：${labelOf(CATEGORIES, s(d.category)) || '未归入五类'}${d.reason ? `；说明：${s(d.reason)}` : ''}`;
    case 'regraded': {
      const from = (d.from ?? {}) as Record<string, unknown>;
      const to = (d.to ?? {}) as Record<string, unknown>;
      return `${labelOf(GRADES, s(from.grade))} → ${labelOf(GRADES, s(to.grade))}；${labelOf(CATEGORIES, s(from.category)) || '未归入五类'} → ${labelOf(CATEGORIES, s(to.category)) || '未归入五类'}${d.reason ? `；理由：${s(d.reason)}` : ''}`;
    }
    case 'dismissed': return `理由：${s(d.reason)}`;
    case 'merged': return d.into ? `并入 ${named(d.into)}` : `由 ${named(d.from)} 并入 ${Number(d.items ?? 0)} 条信息`;
    case 'split': return d.to ? `拆分出 ${named(d.to)}（${Number(d.items ?? 0)} 条信息）` : `由 ${named(d.from)} 拆分而来`;
    case 'escalated': return `上报说明：${s(d.note)}`;
    case 'notified': return d.mail ? `已发送邮件通知 ${Number(d.recipients ?? 0)} 人（附24小时值班联系人 ${Number(d.contacts ?? 0)} 名）` : '未配置邮件服务，未发送邮件，请电话报告';
    case 'assigned': {
      const lead = (d.lead ?? {}) as Record<string, unknown>;
      const co = Array.isArray(d.co) ? (d.co as { name?: string }[]).map((x) => x.name ?? '').filter(Boolean) : [];
      return `牵头单位：${s(lead.name)}${co.length ? `；协办单位：${co.join('、')}` : ''}${d.vertical ? '；垂直管理单位' : ''}`;
    }
    case 'response_drafted': return `回应渠道：${labelOf(CHANNELS, s(d.channel)) || s(d.channel)}${d.revised ? '（修改后重新提交）' : ''}`;
    case 'response_submitted': return d.chain ? `审核流程：${s(d.chain)}` : '';
    case 'response_returned': return `退回意见：${s(d.opinion)}`;
    case 'responded': {
      const met = Array.isArray(d.met) ? (d.met as unknown[]).map((k) => labelOf(DEADLINE_KINDS, s(k))).filter(Boolean) : [];
      return `回应渠道：${labelOf(CHANNELS, s(d.channel)) || s(d.channel)}${met.length ? `；完成时限：${met.join('、')}` : ''}`;
    }
    case 'response_published': return d.url ? `公开地址：${s(d.url)}` : '';
    case 'referred': return `移交：${s(d.agencyLabel)}${d.referenceNo ? `；文号：${s(d.referenceNo)}` : ''}`;
    case 'closed': return d.rating ? `评估结论：${labelOf(EFFECT_RATINGS, s(d.rating))}` : '';
    case 'deadline_breached': return `${labelOf(DEADLINE_KINDS, s(d.kind))}时限已过${d.finding ? '，已生成问责建议' : ''}`;
    case 'finding_raised': return `${labelOf(DEADLINE_KINDS, s(d.deadlineKind))}时限仍未回应，对${s(d.org)}的问责建议由${labelOf(FINDING_KINDS, s(d.from))}升为${labelOf(FINDING_KINDS, s(d.to))}`;
    case 'finding_decided': return `${labelOf(DEADLINE_KINDS, s(d.deadlineKind))}时限：对${s(d.org)}决定${labelOf(FINDING_KINDS, s(d.kind))}${d.proposed && d.proposed !== d.kind ? `（原建议${labelOf(FINDING_KINDS, s(d.proposed))}）` : ''}；决定说明：${s(d.note)}`;
    case 'finding_withdrawn': return `${labelOf(DEADLINE_KINDS, s(d.deadlineKind))}时限：撤销对${s(d.org)}的${labelOf(FINDING_KINDS, s(d.proposed))}建议；理由：${s(d.note)}`;
    default: return '';
  }
}

export type DetailProps = TriageProps & {
  vc: ViewContext; items: ItemShown[]; deadlines: DeadlineRow[]; events: EventRow[]; responses: (ResponseRow & { orgName: string })[];
  leadName: string | null; coNames: string[]; suggestedOrgName: string | null; contacts: ContactShown[] | null; notice?: string; canRespond: boolean;
  press: PressShown[];
};

export function IncidentPage(p: DetailProps) {
  const i: IncidentRow = p.incident;
  const confirmed = !!i.grade;
  const form: FormState | undefined = p.form;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: `舆情事件 ${i.no}` }} current={INCIDENTS_HREF}>
      <Breadcrumb items={[{ href: INCIDENTS_HREF, label: '舆情事件' }, { label: i.no }]} />
      <h1>{i.title}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {form?.problem && <div class="error-summary" role="alert"><h2>操作未完成</h2><p>{form.problem}</p></div>}
      {form?.errors && <ErrorSummary errors={form.errors} />}
      <dl class="facts">
        <dt>舆情编号</dt><dd>{i.no}</dd>
        <dt>状态</dt><dd>{statusLabel(i.status)}{i.mergedIntoId && <>（已并入 <a href={`${INCIDENTS_HREF}/${i.mergedIntoId}`}>另一事件</a>）</>}</dd>
        <dt>来源方式</dt><dd>{labelOf(ORIGINS, i.origin)}</dd>
        <dt>级别</dt><dd><GradeText grade={i.grade} suggested={i.suggestedGrade} /></dd>
        <dt>类别</dt><dd><CategoryText category={i.category} suggested={i.suggestedCategory} confirmed={confirmed} /></dd>
        <dt>系统建议</dt><dd>级别 {labelOf(GRADES, i.suggestedGrade) || '—'}；类别 {labelOf(CATEGORIES, i.suggestedCategory) || '未识别'}；风险分 {i.riskScore}</dd>
        <dt>牵头单位</dt><dd>{p.leadName ?? '未指定'}{p.suggestedOrgName && !p.leadName ? `（系统建议：${p.suggestedOrgName}）` : ''}</dd>
        <dt>协办单位</dt><dd>{p.coNames.length ? p.coNames.join('、') : '无'}</dd>
        <dt>信息数</dt><dd>{i.itemCount} 条，转发 {i.repostCount} 条</dd>
        <dt>首条信息</dt><dd><When d={i.firstItemAt} /></dd>
        <dt>研判确认时间</dt><dd><When d={i.confirmedAt} /></dd>
        {i.higherDeadline && <><dt>上级要求回应时限</dt><dd><When d={i.higherDeadline} /></dd></>}
        {i.dismissReason && <><dt>排除理由</dt><dd>{i.dismissReason}</dd></>}
        {p.record && <><dt>涉及的政策文件</dt><dd><a href={`/admin/catalog/${p.record.id}/review`}>{p.record.title}</a>（索引号 {p.record.indexNo}）</dd></>}
      </dl>
      <ul class="link-list actions">
        {p.canRespond && ['confirmed', 'responding'].includes(i.status) && <>
          <li><a href={`${INCIDENTS_HREF}/${i.id}/respond`}>起草回应</a></li>
          <li><a href={`${INCIDENTS_HREF}/${i.id}/referral`}>移交处置</a></li>
          <li><a href={`${INCIDENTS_HREF}/${i.id}/close`}>办结</a></li>
        </>}
        {i.status === 'closed' && <li><a href={`${INCIDENTS_HREF}/${i.id}/close`}>效果评估与重新办理</a></li>}
        <li><a href={`${INCIDENTS_HREF}/${i.id}/report.docx`}>下载舆情专报（Word）</a></li>
      </ul>
      {i.status === 'closed' && <Evaluation ev={i.evaluation} />}

      <h2>风险评分说明</h2>
      <RiskTable e={i.riskExplanation as Explanation | null} />

      <h2>回应时限</h2>
      <DataTable caption="回应时限（北京时间）" empty={confirmed ? '没有回应时限。' : '研判确认后开始计算回应时限。'}
        head={['时限', '应完成时间', '状态', '依据']}
        rows={p.deadlines.map((d) => [labelOf(DEADLINE_KINDS, d.kind), <When d={d.dueAt} />, deadlineState(d, p.now, i.status), d.basis])} />

      {p.contacts && (
        <>
          <h2>24小时值班联系人</h2>
          <DataTable caption="值班联系人（电话已隐藏部分号码，完整号码见通知邮件）" empty="尚未登记值班联系人。"
            head={['单位', '职务', '姓名', '电话', '值班时间']}
            rows={p.contacts.map((c) => [c.orgName, c.position, c.name, c.phone, c.hours])} />
        </>
      )}

      <h2>相关信息</h2>
      <DataTable caption={`相关信息（共 ${p.items.length} 条，发布人已隐藏部分信息）`} empty="该事件没有信息。"
        head={['标题或摘要', '来源', '渠道', '发布人', '发布时间', '转发']}
        rows={p.items.map((x) => [
          <>{x.url ? <a href={x.url} rel="noopener noreferrer">{x.title || x.text.slice(0, 40)}</a> : x.title || x.text.slice(0, 40)}
            {x.duplicate && <span class="muted">（转发或近似）</span>}<br /><span class="muted">{x.text.slice(0, 120)}{x.text.length > 120 ? '…' : ''}</span></>,
          x.sourceName, labelOf(MEDIA_TYPES, x.mediaType) || x.mediaType, x.author || '—', <When d={x.publishedAt} />, String(x.repostCount),
        ])} />

      <h2>回应情况</h2>
      <DataTable caption="回应记录" empty="尚无回应记录。"
        head={['标题', '单位', '渠道', '状态', '回应时间']}
        rows={p.responses.map((r) => [
          <a href={`${INCIDENTS_HREF}/${i.id}/responses/${r.id}`}>{r.title}</a>, r.orgName, labelOf(CHANNELS, r.channel) || r.channel,
          labelOf(RESPONSE_STATUSES, r.status) || r.status, <When d={r.respondedAt} />,
        ])} />

      <h2>新闻发布</h2>
      <DataTable caption="回应该事件的新闻发布活动（北京时间）" empty="尚无关联的新闻发布活动。"
        head={['活动', '主办单位', '发布形式', '状态', '时间']}
        rows={p.press.map((e) => [
          e.linked ? <a href={`/admin/press/${e.id}`}>{e.title}</a> : e.title, e.orgName || '—', pressLabel(PRESS_TYPES, e.type),
          pressLabel(PRESS_STATUSES, e.status), e.heldAt ? <>举行于 <When d={e.heldAt} /></> : <>拟于 <When d={e.plannedAt} /></>,
        ])} />

      <TriageForms {...p} />

      <h2>处置过程</h2>
      <DataTable caption="处置过程（北京时间）" empty="暂无记录。"
        head={['时间', '事项', '说明', '操作人']}
        rows={p.events.map((e) => [<When d={e.at} />, labelOf(EVENT_TYPES, e.type) || e.type, eventDetail(e), e.actorName])} />
    </AdminLayout>
  );
}

/** The effect evaluation given at closing (close.ts stores it). */
function Evaluation({ ev }: { ev: unknown }) {
  const e = (typeof ev === 'object' && ev !== null ? ev : {}) as { summary?: unknown; ratingLabel?: unknown; by?: unknown; at?: unknown };
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  return (
    <>
      <h2>效果评估</h2>
      <dl class="facts">
        <dt>评估结论</dt><dd>{text(e.ratingLabel) ?? '未选择'}</dd>
        <dt>评估意见</dt><dd>{text(e.summary) ?? '—'}</dd>
        <dt>评估人</dt><dd>{text(e.by) ?? '—'}{text(e.at) && !Number.isNaN(Date.parse(String(e.at))) ? <>，<When d={new Date(String(e.at))} /></> : null}</dd>
      </dl>
    </>
  );
}
