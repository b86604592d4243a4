// The survey builder in the back office (/admin/surveys): the list, the details form (new, 从模板新建,
// edit), a survey's page with its questions (add / edit / move / delete while a draft), publish, end
// and 复制为新问卷.
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout } from '../../../platform/views/layout.tsx';
import { CheckboxField, CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField, type FieldErrors } from '../../../platform/views/form.tsx';
import { formatInstant } from '../../../platform/time/index.ts';
import { surveyState, textLimit, type Question } from '../domain.ts';
import { ADMIN_HREF, LIMITS, QUESTION_KINDS, RECT_HREF, SURVEY_STATES } from '../model.ts';
import type { SurveyListRow, SurveyView } from '../repo.ts';

export { ADMIN_HREF, RECT_HREF } from '../model.ts';
export type Values = Record<string, string>;
export interface OrgOption { value: string; label: string }

const stateBadge = (s: { status: SurveyView['status']; startsOn: string; endsOn: string }, today: string) => {
  const st = surveyState(s, today);
  return <span class={st === 'open' ? 'badge badge-ok' : st === 'draft' ? 'badge' : 'badge badge-warn'}>{SURVEY_STATES[st]}</span>;
};

export function SurveyListPage({ vc, rows, today, canManage, done }: { vc: ViewContext; rows: SurveyListRow[]; today: string; canManage: boolean; done?: string }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '社会评议' }} current={ADMIN_HREF}>
      <h1>社会评议</h1>
      {done && <Notice>{done}</Notice>}
      <p>按照政府信息公开社会评议制度，通过网上问卷听取公众对政府信息公开工作的评价和意见；需要整改的问题转为整改事项，由责任单位整改或作出说明。</p>
      {canManage && (
        <ul class="inline-list">
          <li><a href={`${ADMIN_HREF}/new?template=1`}>从模板新建</a></li>
          <li><a href={`${ADMIN_HREF}/new`}>新建空白评议</a></li>
          <li><a href={RECT_HREF}>整改事项</a></li>
        </ul>
      )}
      <DataTable caption="评议列表" empty="暂无评议。" head={['标题', '发起单位', '评议对象', '评议时间', '状态', '答卷', '操作']}
        rows={rows.map((s) => [
          <a href={`${ADMIN_HREF}/${s.id}`}>{s.title}</a>, s.orgName, s.targetOrgName ?? '—', `${s.startsOn} 至 ${s.endsOn}`, stateBadge(s, today), s.responses,
          s.status === 'draft' ? '—' : <a href={`${ADMIN_HREF}/${s.id}/results`}>评议结果<span class="visually-hidden">：{s.title}</span></a>,
        ])} />
    </AdminLayout>
  );
}

export function SurveyFormPage({ vc, values, errors, orgs, id, template }: { vc: ViewContext; values: Values; errors: FieldErrors; orgs: OrgOption[]; id?: number; template?: boolean }) {
  const title = id ? '修改评议信息' : template ? '从模板新建评议' : '新建评议';
  return (
    <AdminLayout ctx={vc} meta={{ title }} current={ADMIN_HREF}>
      <h1>{title}</h1>
      {template && <p>模板按照社会评议制度列出的评议内容设置题目：信息公开的及时性、准确性、全面性和真实性，便民服务，工作效率和透明度，依法行政，以及其他需要评议的内容。新建后可以继续调整题目。</p>}
      <ErrorSummary errors={errors} />
      <form method="post" action={id ? `${ADMIN_HREF}/${id}/edit` : `${ADMIN_HREF}/new`} class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        {!id && <input type="hidden" name="template" value={template ? '1' : ''} />}
        <TextField name="title" label="标题" required value={values.title} error={errors.title} maxLength={LIMITS.title} />
        <TextArea name="intro" label="说明" hint="显示在问卷前，说明评议的目的和用途。" value={values.intro} error={errors.intro} maxLength={LIMITS.intro} />
        <SelectField name="targetOrgId" label="评议对象" hint="被评议的单位；不选则为本级政府信息公开工作整体。" value={values.targetOrgId} error={errors.targetOrgId} options={orgs} placeholder="（不指定）" />
        <TextField name="startsOn" label="开始日期" type="date" required hint="格式：2026-10-01（北京时间）" value={values.startsOn} error={errors.startsOn} />
        <TextField name="endsOn" label="结束日期" type="date" required hint="当天24时结束。" value={values.endsOn} error={errors.endsOn} />
        <TextField name="perAddressHourly" label="每个网络地址每小时最多提交份数" required inputMode="numeric" hint="防止重复刷票；同一单位共用出口地址时可适当调高。" value={values.perAddressHourly} error={errors.perAddressHourly} />
        <CheckboxField name="resultsPublic" label="评议结束后在网站公开评议结果" checked={values.resultsPublic === '1' || values.resultsPublic === 'true'} />
        <CheckboxField name="requirePhone" label="要求填写手机号码（每个号码只能参与一次）" hint="号码加密保存，仅用于核对重复，不发送短信。发布后不能更改。" checked={values.requirePhone === '1' || values.requirePhone === 'true'} />
        <div class="actions"><button type="submit">保存</button><a href={id ? `${ADMIN_HREF}/${id}` : ADMIN_HREF}>取消</a></div>
      </form>
    </AdminLayout>
  );
}

/** The fields of a question (add form and edit page). */
function QuestionFields({ values, errors }: { values: Values; errors: FieldErrors }) {
  return (
    <>
      <SelectField name="kind" label="题型" required value={values.kind} error={errors.kind} options={Object.entries(QUESTION_KINDS).map(([value, label]) => ({ value, label }))} />
      <TextField name="title" label="题目" required value={values.title} error={errors.title} maxLength={LIMITS.questionTitle} />
      <TextField name="hint" label="填写说明" value={values.hint} error={errors.hint} maxLength={LIMITS.hint} />
      <TextArea name="options" label="选项" hint="单选题和多选题填写，每行一个，2至20个。" rows={5} value={values.options} error={errors.options} />
      <TextField name="minChoices" label="多选题最少选择项数" inputMode="numeric" value={values.minChoices} error={errors.minChoices} />
      <TextField name="maxChoices" label="多选题最多选择项数" inputMode="numeric" value={values.maxChoices} error={errors.maxChoices} />
      <TextField name="maxLength" label="文字题字数上限" inputMode="numeric" hint={`10至${LIMITS.textMax}字，默认${LIMITS.textDefault}字。`} value={values.maxLength} error={errors.maxLength} />
      <CheckboxField name="required" label="必答题" checked={values.required === '1' || values.required === 'true' || values.required === 'on'} />
    </>
  );
}

export const questionValues = (q: Question): Values => ({
  kind: q.kind, title: q.title, hint: q.hint ?? '', options: q.options.join('\n'), required: q.required ? '1' : '',
  minChoices: q.minChoices ? String(q.minChoices) : '', maxChoices: q.maxChoices ? String(q.maxChoices) : '', maxLength: q.kind === 'text' ? String(textLimit(q)) : '',
});

function describe(q: Question): string {
  if (q.kind === 'rating') return '1—5分';
  if (q.kind === 'text') return `最多${textLimit(q)}字`;
  const lim = q.kind === 'multiple' ? [q.minChoices ? `至少${q.minChoices}项` : '', q.maxChoices ? `至多${q.maxChoices}项` : ''].filter(Boolean).join('，') : '';
  return q.options.join(' / ') + (lim ? `（${lim}）` : '');
}

export function SurveyDetailPage({ vc, s, questions, today, canManage, canCopy = false, done, error, add }: {
  vc: ViewContext; s: SurveyView; questions: Question[]; today: string; canManage: boolean; done?: string; error?: string;
  /** 复制为新问卷: the caller may build surveys for their own organisation. */
  canCopy?: boolean;
  add?: { values: Values; errors: FieldErrors };
}) {
  const draft = s.status === 'draft';
  const base = `${ADMIN_HREF}/${s.id}`;
  const post = (action: string, label: string, cls?: string) => (
    <form method="post" action={action} class="inline-form"><CsrfField token={vc.csrfToken} /><button type="submit" class={cls}>{label}</button></form>
  );
  return (
    <AdminLayout ctx={vc} meta={{ title: s.title }} current={ADMIN_HREF}>
      <h1>{s.title}</h1>
      {done && <Notice>{done}</Notice>}
      {error && <div class="error-summary" role="alert" tabIndex={-1}><h2>{error}</h2></div>}
      <dl class="facts">
        <dt>状态</dt><dd>{stateBadge(s, today)}</dd>
        <dt>发起单位</dt><dd>{s.orgName}</dd>
        <dt>评议对象</dt><dd>{s.targetOrgName ?? '本级政府信息公开工作'}</dd>
        <dt>评议时间</dt><dd>{s.startsOn} 至 {s.endsOn}</dd>
        <dt>结果公开</dt><dd>{s.resultsPublic ? '结束后在网站公开' : '不公开'}</dd>
        <dt>防重复</dt><dd>浏览器标记；每个网络地址每小时最多 {s.perAddressHourly} 份{s.requirePhone ? '；每个手机号码一次' : ''}</dd>
        {s.publishedAt && <><dt>发布时间</dt><dd>{formatInstant(s.publishedAt, 'minute')}</dd></>}
      </dl>
      <ul class="inline-list">
        {s.status !== 'draft' && <li><a href={`/hdjl/pj/${s.id}`}>查看网站页面</a></li>}
        {s.status !== 'draft' && <li><a href={`${base}/results`}>评议结果</a></li>}
        {canManage && <li><a href={`${base}/edit`}>修改评议信息</a></li>}
      </ul>
      {(canManage || canCopy) && (
        <div class="actions">
          {canManage && draft && post(`${base}/publish`, '发布评议')}
          {canManage && s.status === 'published' && post(`${base}/close`, '提前结束评议', 'secondary')}
          {canCopy && post(`${base}/copy`, '复制为新问卷', 'secondary')}
        </div>
      )}
      <h2>题目（{questions.length}）</h2>
      {!draft && <p class="hint">评议已发布，题目不能再修改。</p>}
      <DataTable caption="题目" empty="尚未添加题目。" head={['序号', '题目', '题型', '设置', ...(draft && canManage ? ['操作'] : [])]}
        rows={questions.map((q, i) => [
          i + 1, <>{q.title}{q.required && <span class="req">（必答）</span>}</>, QUESTION_KINDS[q.kind], describe(q),
          ...(draft && canManage ? [(
            <div class="actions">
              <a href={`${base}/questions/${q.id}`}>修改<span class="visually-hidden">第{i + 1}题</span></a>
              {i > 0 && <form method="post" action={`${base}/questions/${q.id}/move`} class="inline-form"><CsrfField token={vc.csrfToken} /><input type="hidden" name="dir" value="up" /><button type="submit" class="link-button">上移<span class="visually-hidden">第{i + 1}题</span></button></form>}
              {i < questions.length - 1 && <form method="post" action={`${base}/questions/${q.id}/move`} class="inline-form"><CsrfField token={vc.csrfToken} /><input type="hidden" name="dir" value="down" /><button type="submit" class="link-button">下移<span class="visually-hidden">第{i + 1}题</span></button></form>}
              <form method="post" action={`${base}/questions/${q.id}/delete`} class="inline-form"><CsrfField token={vc.csrfToken} /><button type="submit" class="link-button">删除<span class="visually-hidden">第{i + 1}题</span></button></form>
            </div>
          )] : []),
        ])} />
      {draft && canManage && (
        <section aria-labelledby="add-q">
          <h2 id="add-q">添加题目</h2>
          <ErrorSummary errors={add?.errors} />
          <form method="post" action={`${base}/questions`} class="stack" novalidate>
            <CsrfField token={vc.csrfToken} />
            <QuestionFields values={add?.values ?? { kind: 'single', required: '1' }} errors={add?.errors ?? {}} />
            <div class="actions"><button type="submit">添加题目</button></div>
          </form>
        </section>
      )}
    </AdminLayout>
  );
}

export function QuestionPage({ vc, s, questionId, values, errors }: { vc: ViewContext; s: SurveyView; questionId: number; values: Values; errors: FieldErrors }) {
  const base = `${ADMIN_HREF}/${s.id}`;
  return (
    <AdminLayout ctx={vc} meta={{ title: '修改题目' }} current={ADMIN_HREF}>
      <h1>修改题目</h1>
      <p>评议：<a href={base}>{s.title}</a></p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${base}/questions/${questionId}`} class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <QuestionFields values={values} errors={errors} />
        <div class="actions"><button type="submit">保存</button><a href={base}>取消</a></div>
      </form>
    </AdminLayout>
  );
}
