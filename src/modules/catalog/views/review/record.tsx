// The review page of one record (/admin/catalog/:id/review): metadata, body (original, internal),
// privacy findings with their resolution forms (views/review/findings.tsx), the review history and progress, and the forms
// the current user may use: 提交, the current step's conclusion (with 保密审查 at a secrecy step),
// 征求意见, 撤回, 政策解读.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import { ReviewHistory, ReviewProgress, formatTime } from '../../../review/views.tsx';
import type { HistoryEntry, ReviewInstance } from '../../../review/use-cases.ts';
import type { StepDef } from '../../../review/domain.ts';
import { DISCLOSURES, WITHHELD_GROUNDS, categoryLabel, disclosureLabel, docTypeLabel, groundLabel, statusLabel } from '../../domain.ts';
import type { CoordinationRow, WorkflowRow } from '../../repo.workflow.ts';
import { INTERPRETATION_FORMS } from '../../workflow/domain.ts';
import type { FindingGroup } from '../../workflow/findings.ts';
import { FindingsSection } from './findings.tsx';
import { InterpretationExperts } from './experts.tsx';
import { ExpertPicker, type ExpertRef } from '../../../spokesperson/experts.ts';

export const NAV = '/admin/review';
type Errors = Record<string, string | undefined>;

export interface ReviewPageProps {
  vc: ViewContext;
  r: WorkflowRow;
  instance: ReviewInstance | null;
  history: HistoryEntry[];
  /** One per value: the stored findings, or before submitting what the submit scan would find. */
  findings: FindingGroup[];
  preSubmit: boolean;
  coordinations: CoordinationRow[];
  orgs: { id: number; name: string }[];
  /** The current step, when the user may act on it now. */
  actStep: StepDef | null;
  canSubmit: boolean;
  canResolve: boolean;
  canWithdraw: boolean;
  canCoordinate: boolean;
  canInterpret: boolean;
  /** 专家解读 (interpretations only): the experts named; the choices when the user may change them now. */
  experts?: ExpertRef[] | null;
  expertOptions?: ExpertRef[] | null;
  checkedExperts?: string[];
  needsPlan: boolean;
  missingPlan: string[];
  today: string;
  defaultRecheck: string;
  values?: Record<string, string>;
  selectedOrgs?: string[];
  errors?: Errors;
  message?: string;
  notice?: string;
}

const STANCE: Record<string, string> = { agree: '同意', disagree: '不同意' };

/** A review opinion that could not be saved (someone else acted first) is shown, not lost. */
function UnsavedOpinion({ v }: { v: Record<string, string> }) {
  const typed = [['审核意见', v.opinion], ['审查依据', v.basis]].filter(([, x]) => x && x.trim());
  if (!typed.length) return null;
  return (
    <section aria-labelledby="h-unsaved">
      <h2 id="h-unsaved">您填写的内容（未保存）</h2>
      <p>该信息已不在您可办理的步骤，以下内容未保存，请复制留存。</p>
      {typed.map(([label, x]) => <><h3>{label}</h3><div class="record-body">{x!.split('\n').map((line) => <p>{line}</p>)}</div></>)}
    </section>
  );
}

function ActionForm(p: ReviewPageProps) {
  const { r, vc, instance, actStep } = p;
  if (!instance || !actStep) return <UnsavedOpinion v={p.values ?? {}} />;
  const v = p.values ?? {};
  const e = p.errors ?? {};
  const secrecy = actStep.kind === 'secrecy';
  return (
    <form method="post" action={`/admin/catalog/${r.id}/review`} class="stack" novalidate>
      <CsrfField token={vc.csrfToken} />
      <input type="hidden" name="step" value={String(instance.currentStep)} />
      <h2>办理：{actStep.name}</h2>
      <fieldset class={e.conclusion ? 'field field-error' : 'field'} id="f-conclusion">
        <legend>审核结论（必填）</legend>
        {e.conclusion && <p class="error-message">{e.conclusion}</p>}
        {[['pass', '通过'], ['return', '退回修改'], ['refuse', '不予公开']].map(([val, label]) => (
          <div class="field-radio">
            <input type="radio" id={`f-conclusion-${val}`} name="conclusion" value={val} checked={(v.conclusion ?? '') === val} />
            <label for={`f-conclusion-${val}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <TextArea name="opinion" label="审核意见" hint="退回修改或不予公开时必填，请写明需修改的内容或不予公开的理由和依据。" value={v.opinion} rows={4} maxLength={2000} error={e.opinion} />
      {secrecy && (
        <fieldset class="stack">
          <legend>保密审查书面记录</legend>
          <p class="hint">拟公开属性：{disclosureLabel(r.disclosure)}{r.withheldReason ? `（${r.withheldReason}）` : ''}。请确认或更改，并写明审查依据。</p>
          <SelectField name="disclosure" label="公开属性" required value={v.disclosure ?? r.disclosure} error={e.disclosure}
            options={DISCLOSURES.map((d) => ({ value: d.code, label: d.label }))} />
          <SelectField name="ground" label="不予公开理由（保密审查制度第八条）" placeholder="（公开的信息无需选择）" value={v.ground ?? r.withheldGround ?? ''} error={e.ground}
            options={WITHHELD_GROUNDS.map((g) => ({ value: g.code, label: g.label }))} />
          <TextArea name="reason" label="理由说明" hint="改为依申请公开或不予公开时必填。" value={v.reason ?? r.withheldReason ?? ''} rows={2} maxLength={500} error={e.reason} />
          <TextArea name="basis" label="审查依据" required hint="如《中华人民共和国保守国家秘密法》、本机关保密事项范围、条例第十四条至第十六条等。" value={v.basis} rows={3} maxLength={2000} error={e.basis} />
          <TextField name="recheckOn" label="复查日期" hint="不予公开时必填，默认一年后。格式 YYYY-MM-DD。" value={v.recheckOn ?? p.defaultRecheck} maxLength={10} error={e.recheckOn} />
        </fieldset>
      )}
      <div class="actions"><button type="submit">提交审核意见</button></div>
    </form>
  );
}

export function ReviewRecordPage(p: ReviewPageProps) {
  const { r, vc, instance } = p;
  const v = p.values ?? {};
  const e = p.errors ?? {};
  const meta: [string, ComponentChildren][] = [
    ['索引号', <code>{r.indexNo}</code>], ['所属机构', r.orgName], ['文号', r.docNo ?? '—'], ['生成日期', r.generatedOn],
    ['主题分类', categoryLabel(r.category)], ['文件类型', docTypeLabel(r.docType) + (r.importantPolicy ? '（重要政策）' : '')],
    ['公开属性', disclosureLabel(r.disclosure) + (r.withheldGround ? `（${groundLabel(r.withheldGround)}）` : '')],
    ['状态', statusLabel(r.status)],
  ];
  if (r.recheckOn) meta.push(['复查日期', r.recheckOn]);
  if (r.publishedAt) meta.push(['公开时间', formatTime(new Date(r.publishedAt))]);
  if (r.withdrawnReason) meta.push(['撤回理由', r.withdrawnReason]);
  if (r.interpretationDueOn) meta.push(['解读应发布日期', r.interpretationDueOn]);
  if (r.interpretsRecordId) meta.push(['解读的政策', <a href={`/admin/catalog/${r.interpretsRecordId}/review`}>查看政策文件</a>]);
  return (
    <AdminLayout ctx={vc} meta={{ title: `审核：${r.title}` }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { href: `/admin/catalog/${r.id}`, label: r.indexNo }, { label: '审核与发布' }]} />
      <h1>{r.title}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <ErrorSummary errors={e} message={p.message} />
      <div class="table-wrap"><table class="meta-table"><caption>信息属性</caption>
        <tbody>{meta.map(([k, x]) => <tr><th scope="row">{k}</th><td>{x}</td></tr>)}</tbody></table></div>
      {p.experts && <InterpretationExperts vc={vc} recordId={r.id} experts={p.experts} options={p.expertOptions ?? null} checked={p.checkedExperts} error={e.experts} />}

      {p.canSubmit && (
        <section aria-labelledby="h-submit">
          <h2 id="h-submit">提交审核</h2>
          {p.needsPlan && (p.missingPlan.length
            ? <Notice kind="warning">本信息须同步报送政策解读方案，尚缺：{p.missingPlan.join('、')}。<a href={`/admin/catalog/${r.id}/plan`}>填写解读方案</a></Notice>
            : <p>政策解读方案已填写。<a href={`/admin/catalog/${r.id}/plan`}>查看或修改解读方案</a></p>)}
          <form method="post" action={`/admin/catalog/${r.id}/submit`} class="stack">
            <CsrfField token={vc.csrfToken} />
            <TextArea name="opinion" label="提交说明" value={v.submitOpinion} rows={2} maxLength={2000} error={e.submitOpinion} />
            <div class="actions"><button type="submit">提交审核</button></div>
          </form>
        </section>
      )}

      {instance && (
        <section aria-labelledby="h-progress">
          <h2 id="h-progress">审核进度</h2>
          <ReviewProgress instance={instance} />
          <ReviewHistory history={p.history} />
        </section>
      )}

      <section aria-labelledby="h-findings">
        <h2 id="h-findings">隐私与保密检查</h2>
        <FindingsSection vc={vc} recordId={r.id} groups={p.findings} preSubmit={p.preSubmit} canResolve={p.canResolve} values={p.values} errors={p.errors} />
      </section>

      <ActionForm {...p} />

      <h2>正文（原文，仅供内部审核）</h2>
      {r.body ? <div class="record-body">{r.body.split('\n').filter((x) => x.trim()).map((x) => <p>{x}</p>)}</div> : <p class="muted">（无正文）</p>}

      <section aria-labelledby="h-coord">
        <h2 id="h-coord">征求意见</h2>
        <DataTable caption="征求意见情况" head={['单位', '事项', '答复期限', '答复', '处理决定']} empty="尚未征求其他单位意见"
          rows={p.coordinations.map((c) => [c.orgName, c.question, <>{c.replyDueOn}{!c.replyStance && c.replyDueOn < p.today && <> <span class="badge badge-err">已超期</span></>}</>,
            c.replyStance ? `${STANCE[c.replyStance]}：${c.replyText ?? ''}` : '未答复', c.decision ?? (c.replyStance === 'disagree' ? '待政务公开办决定' : '—')])} />
        {p.canCoordinate && (
          <form method="post" action={`/admin/catalog/${r.id}/coordination`} class="stack" novalidate>
            <CsrfField token={vc.csrfToken} />
            <fieldset class={e.orgIds ? 'field field-error' : 'field'} id="f-orgIds">
              <legend>征求意见的单位（可多选）</legend>
              {e.orgIds && <p class="error-message">{e.orgIds}</p>}
              <div class="checkbox-columns">
                {p.orgs.filter((o) => o.id !== r.orgId).map((o) => (
                  <div class="field-checkbox">
                    <input type="checkbox" id={`f-org-${o.id}`} name="orgIds" value={String(o.id)} checked={p.selectedOrgs?.includes(String(o.id))} />
                    <label for={`f-org-${o.id}`}>{o.name}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <TextArea name="question" label="征求意见事项" required value={v.question} rows={3} maxLength={2000} error={e.question} />
            <TextField name="days" label="答复期限（工作日）" hint="默认 5 个工作日，按工作日历顺延节假日。" value={v.days ?? '5'} maxLength={2} inputMode="numeric" error={e.days} />
            <div class="actions"><button type="submit">发送征求意见</button></div>
          </form>
        )}
      </section>

      {p.canInterpret && <p><a class="button" href={`/admin/catalog/${r.id}/interpret`}>编制政策解读</a></p>}

      {p.canWithdraw && (
        <form method="post" action={`/admin/catalog/${r.id}/withdraw`} class="stack" novalidate>
          <CsrfField token={vc.csrfToken} />
          <h2>撤回已公开信息</h2>
          <p>撤回后公众访问原网址将看到“该信息已撤回”及撤回理由。</p>
          <TextArea name="reason" label="撤回理由" required value={v.reason} rows={2} maxLength={500} error={e.reason} />
          <div class="actions"><button type="submit">撤回</button></div>
        </form>
      )}
    </AdminLayout>
  );
}

export function PlanPage(p: { vc: ViewContext; r: WorkflowRow; values: Record<string, string>; errors?: Errors; message?: string }) {
  const { r, vc, values: v, errors: e } = p;
  return (
    <AdminLayout ctx={vc} meta={{ title: '政策解读方案' }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { href: `/admin/catalog/${r.id}/review`, label: r.indexNo }, { label: '政策解读方案' }]} />
      <h1>政策解读方案</h1>
      <p>{r.title}</p>
      <p>按照“谁起草、谁解读”的要求，规范性文件和重要政策须与文件同步报送解读方案，文件公开后按期发布解读。</p>
      <ErrorSummary errors={e} message={p.message} />
      <form method="post" action={`/admin/catalog/${r.id}/plan`} class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <TextArea name="outline" label="解读提纲" required value={v.outline} rows={6} maxLength={5000} error={e?.outline} />
        <SelectField name="form" label="解读形式" required placeholder="请选择" value={v.form} error={e?.form}
          options={INTERPRETATION_FORMS.map((f) => ({ value: f, label: f }))} />
        <TextField name="channel" label="发布途径" required value={v.channel} maxLength={200} error={e?.channel} />
        <TextField name="date" label="计划发布时间" required hint="格式 YYYY-MM-DD" value={v.date} maxLength={10} error={e?.date} />
        <div class="actions"><button type="submit">保存解读方案</button><a href={`/admin/catalog/${r.id}/review`}>返回</a></div>
      </form>
    </AdminLayout>
  );
}

export function InterpretPage(p: { vc: ViewContext; r: WorkflowRow; values: Record<string, string>; errors?: Errors; message?: string; expertOptions: ExpertRef[]; checked: string[] }) {
  const { r, vc, values: v, errors: e } = p;
  return (
    <AdminLayout ctx={vc} meta={{ title: '编制政策解读' }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { href: `/admin/catalog/${r.id}/review`, label: r.indexNo }, { label: '编制政策解读' }]} />
      <h1>编制政策解读</h1>
      <p>解读的政策：{r.title}{r.interpretationDueOn ? `（应于 ${r.interpretationDueOn} 前发布解读）` : ''}</p>
      <ErrorSummary errors={e} message={p.message} />
      <form method="post" action={`/admin/catalog/${r.id}/interpret`} class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <TextField name="title" label="解读标题" required value={v.title} maxLength={200} error={e?.title} />
        <SelectField name="form" label="解读形式" required placeholder="请选择" value={v.form} error={e?.form}
          options={INTERPRETATION_FORMS.map((f) => ({ value: f, label: f }))} />
        <TextArea name="body" label="解读正文或问答" hint="政策问答可按“问：……答：……”逐条书写。提供链接时可不填。" value={v.body} rows={12} error={e?.body} />
        <TextField name="link" label="解读链接（在线访谈、视频等）" value={v.link} maxLength={500} error={e?.link} />
        <TextField name="keywords" label="关键词" required hint="空格分隔，每个不超过 10 个字" value={v.keywords} maxLength={200} error={e?.keywords} />
        <ExpertPicker legend="解读专家" options={p.expertOptions} checked={p.checked} error={e?.experts}
          hint="专家解读可从专家库选择已备案的解读专家；公开后在解读页面显示专家姓名和专业领域，不显示联系方式。" />
        <div class="actions"><button type="submit">保存为草稿</button><a href={`/admin/catalog/${r.id}/review`}>返回</a></div>
      </form>
    </AdminLayout>
  );
}
