// 舆情专报 on one incident as a 公文-style document: basic facts (grade, category, summary), the risk
// assessment and how it was made, the items and their spread (authors masked), the timeline, the
// deadlines met or breached, the responses and the evaluation. Pure: the caller loads and masks.
import type { Block, OfficialDocument } from '../../../platform/documents/index.ts';
import { fileStamp, formatInstant, toBeijingDate } from '../../../platform/time/index.ts';
import { CATEGORIES, CHANNELS, EFFECT_RATINGS, GRADES, INCIDENT_STATUSES, MEDIA_TYPES, ORIGINS, RESPONSE_STATUSES, labelOf, type EffectRating } from '../model.ts';
import { EVENT_TYPES } from '../events.ts';
import { gradeLabel, TIMELINESS, timelinessAt, type DeadlineFacts } from '../reports.domain.ts';
import { DEADLINE_KINDS } from '../model.ts';

export interface IncidentReportData {
  incident: {
    no: string; title: string; summary: string | null; status: string; origin: string; grade: string | null; suggestedGrade: string | null;
    category: string | null; suggestedCategory: string | null; riskScore: number; riskExplanation: unknown;
    itemCount: number; repostCount: number; firstItemAt: Date | null; lastItemAt: Date | null; confirmedAt: Date | null; closedAt: Date | null;
    higherDeadline: Date | null; rumour: boolean; evaluation: unknown; places: string[]; keywords: { term: string }[];
  };
  leadOrg: string | null;
  coOrgs: string[];
  media: { mediaType: string; originals: number; duplicates: number }[];
  /** Authors already masked (maskName) — never the plain name. */
  items: { title: string; text: string; source: string; publishedAt: Date; author: string | null; repostCount: number }[];
  events: { type: string; data: Record<string, unknown>; at: Date; actorName: string }[];
  deadlines: (DeadlineFacts & { kind: string; basis: string })[];
  responses: { channel: string; title: string; url: string | null; org: string; status: string; respondedAt: Date | null; publishedAt: Date | null }[];
}


const time = (d: Date | null) => formatInstant(d, 'minute');
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/** One line saying what an event recorded (counts, grades, reasons) from its data. */
export function eventDetail(type: string, data: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof data.items === 'number') parts.push(`信息 ${data.items} 条${typeof data.reposts === 'number' && data.reposts ? `、转载 ${data.reposts} 条` : ''}`);
  const grade = str(data.grade) ?? str(data.suggestedGrade);
  if (grade && labelOf(GRADES, grade)) parts.push(`${data.grade ? '等级' : '建议等级'}：${labelOf(GRADES, grade)}`);
  const category = str(data.category);
  if (category && labelOf(CATEGORIES, category)) parts.push(`类别：${labelOf(CATEGORIES, category)}`);
  const kind = str(data.kind);
  if (kind && labelOf(DEADLINE_KINDS, kind)) parts.push(labelOf(DEADLINE_KINDS, kind));
  const channel = str(data.channel);
  if (channel && labelOf(CHANNELS, channel)) parts.push(`渠道：${labelOf(CHANNELS, channel)}`);
  for (const k of ['planName', 'org', 'title', 'reason', 'note', 'summary']) {
    const v = str(data[k]);
    if (v) parts.push(v.length > 80 ? `${v.slice(0, 80)}…` : v);
  }
  if (parts.length === 0 && type === 'opened') return '系统监测发现';
  return parts.join('；');
}

function riskRows(expl: unknown): string[][] {
  const factors = (expl as { factors?: unknown })?.factors;
  if (!Array.isArray(factors)) return [];
  return factors.filter((f): f is Record<string, unknown> => typeof f === 'object' && f !== null).map((f) => [
    str(f.label) ?? str(f.factor) ?? '', str(f.raw) ?? '—', typeof f.weight === 'number' ? `${Math.round(f.weight * 100)}%` : '—',
    str(f.contribution) ?? '—', Array.isArray(f.terms) ? f.terms.filter((t) => typeof t === 'string').slice(0, 8).join('、') || '—' : '—',
  ]);
}

/** The evaluation as close.ts stores it (summary, rating and its label, who, when). */
function evaluationParas(ev: unknown): string[] {
  if (typeof ev !== 'object' || ev === null) return [];
  const e = ev as Record<string, unknown>;
  const out: string[] = [];
  const rating = str(e.ratingLabel) ?? (str(e.rating) ? EFFECT_RATINGS[str(e.rating) as EffectRating] ?? null : null);
  if (rating) out.push(`回应效果：${rating}。`);
  const summary = str(e.summary);
  if (summary) out.push(`评估意见：${summary}`.replace(/([^。！？.!?])$/, '$1。'));
  const by = str(e.by);
  const at = str(e.at);
  if (by || at) out.push(`评估人：${by ?? '—'}${at && !Number.isNaN(Date.parse(at)) ? `，${time(new Date(at))}` : ''}。`);
  return out;
}

export function incidentReportDocument(d: IncidentReportData, o: { org: string; now: Date }): OfficialDocument {
  const i = d.incident;
  const body: (Block | string)[] = [];
  const category = labelOf(CATEGORIES, i.category) || (labelOf(CATEGORIES, i.suggestedCategory) ? `${labelOf(CATEGORIES, i.suggestedCategory)}（建议）` : '不属于五类应回应情形');
  body.push({ kind: 'heading', level: 1, text: '一、基本情况' });
  body.push(i.summary?.trim() || `${time(i.firstItemAt)}起，监测发现“${i.title}”相关信息。`);
  body.push({
    kind: 'table', headerRows: 0, fontSize: 12, columns: [2, 5],
    rows: [
      ['舆情编号', i.no], ['当前状态', labelOf(INCIDENT_STATUSES, i.status) || i.status], ['发现方式', labelOf(ORIGINS, i.origin) || i.origin],
      ['舆情等级', gradeLabel(i.grade, i.suggestedGrade)], ['舆情类别', category],
      ['首条信息时间', time(i.firstItemAt)], ['最新信息时间', time(i.lastItemAt)], ['研判确认时间', time(i.confirmedAt)],
      ['牵头单位', d.leadOrg ?? '尚未指定'], ['配合单位', d.coOrgs.length ? d.coOrgs.join('、') : '无'],
      ...(i.higherDeadline ? [['上级交办时限', time(i.higherDeadline)]] : []),
      ...(i.places.length ? [['涉及地点', i.places.join('、')]] : []),
      ...(i.keywords.length ? [['关键词', i.keywords.slice(0, 10).map((k) => k.term).join('、')]] : []),
      ...(i.rumour ? [['谣言处置', '已认定为扰乱公共秩序的谣言，依规移交处置']] : []),
    ],
  });
  body.push({ kind: 'heading', level: 1, text: '二、传播情况' });
  body.push(`截至${time(o.now)}，共监测到相关信息 ${i.itemCount + i.repostCount} 条，其中原发信息 ${i.itemCount} 条，转载和重复信息 ${i.repostCount} 条。`);
  if (d.media.length) {
    body.push({
      kind: 'table', caption: '各类媒体信息数量', headerRows: 1, fontSize: 12, columns: [4, 2, 2, 2],
      rows: [['媒体类型', '原发', '转载重复', '合计'], ...d.media.map((m) => [labelOf(MEDIA_TYPES, m.mediaType) || m.mediaType, String(m.originals), String(m.duplicates), String(m.originals + m.duplicates)])],
    });
  }
  if (d.items.length) {
    body.push({
      kind: 'table', caption: '主要信息（按转载量）', headerRows: 1, fontSize: 10.5, columns: [3, 3, 2, 7, 2],
      rows: [['发布时间', '来源', '发布者', '标题或内容摘要', '转载'], ...d.items.map((it) => [
        time(it.publishedAt), it.source, it.author ?? '—', it.title || (it.text.length > 60 ? `${it.text.slice(0, 60)}…` : it.text), String(it.repostCount),
      ])],
      note: '注：发布者姓名已作去标识化处理。',
    });
  }
  body.push({ kind: 'heading', level: 1, text: '三、风险研判' });
  body.push(`系统风险评分 ${i.riskScore} 分，${i.grade ? `研判确定等级为${labelOf(GRADES, i.grade)}` : `建议等级为${labelOf(GRADES, i.suggestedGrade) || '未定级'}`}。`);
  const risk = riskRows(i.riskExplanation);
  if (risk.length) {
    body.push({ kind: 'table', caption: '风险评分构成', headerRows: 1, fontSize: 10.5, columns: [4, 2, 2, 2, 5], rows: [['评分因素', '取值', '权重', '得分', '触发词'], ...risk] });
  }
  body.push({ kind: 'heading', level: 1, text: '四、处置经过' });
  body.push(d.events.length
    ? { kind: 'table', headerRows: 1, fontSize: 10.5, columns: [3, 3, 7, 2], rows: [['时间', '事项', '情况', '经办'], ...d.events.map((e) => [time(e.at), (EVENT_TYPES as Record<string, string>)[e.type] ?? e.type, eventDetail(e.type, e.data) || '—', e.actorName])] }
    : '暂无处置记录。');
  body.push({ kind: 'heading', level: 1, text: '五、回应时限' });
  if (d.deadlines.length) {
    const states = d.deadlines.map((x) => timelinessAt(x, o.now));
    body.push(`共 ${d.deadlines.length} 项回应时限：${Object.entries(TIMELINESS).map(([k, label]) => `${label} ${states.filter((s) => s === k).length} 项`).join('，')}。`);
    body.push({
      kind: 'table', headerRows: 1, fontSize: 10.5, columns: [3, 3, 3, 2, 6],
      rows: [['时限事项', '期限', '完成时间', '情况', '依据'], ...d.deadlines.map((x, k) => [labelOf(DEADLINE_KINDS, x.kind) || x.kind, time(x.dueAt), time(x.metAt), TIMELINESS[states[k]!], x.basis])],
    });
  } else body.push('尚未确定回应时限（未经研判确认）。');
  body.push({ kind: 'heading', level: 1, text: '六、回应情况' });
  body.push(d.responses.length
    ? { kind: 'table', headerRows: 1, fontSize: 10.5, columns: [3, 3, 4, 6, 2], rows: [['回应时间', '渠道', '回应单位', '标题', '状态'], ...d.responses.map((r) => [time(r.respondedAt), labelOf(CHANNELS, r.channel) || r.channel, r.org, r.url ? `${r.title}（${r.url}）` : r.title, labelOf(RESPONSE_STATUSES, r.status) || r.status])] }
    : '尚未作出回应。');
  body.push({ kind: 'heading', level: 1, text: '七、效果评估' });
  const ev = evaluationParas(i.evaluation);
  if (ev.length) body.push(...ev);
  else body.push(i.closedAt ? '办结时未填写效果评估。' : '舆情尚未办结，办结时进行效果评估。');
  if (i.closedAt) body.push(`办结时间：${time(i.closedAt)}。`);
  return {
    urgency: i.grade === 'major' || i.grade === 'extreme' ? '特急' : undefined,
    title: `关于“${i.title}”舆情的专报`,
    body,
    signature: { org: o.org, date: toBeijingDate(o.now) },
    runningHeader: `舆情编号：${i.no}`,
    note: '本专报供内部研判使用，发布者个人信息已去标识化',
    meta: { creator: o.org, description: `舆情专报 ${i.no}` },
  };
}

/** 舆情专报-YQ-2026-0012-20261001.docx (the Beijing date it was made). */
export const reportFileName = (no: string, now: Date) => `舆情专报-${no.replace(/[^\w\-\u4e00-\u9fff]/g, '_')}-${fileStamp(now)}.docx`;
