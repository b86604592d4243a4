// 社会评议 on the portal (/hdjl/pj/): the open and ended surveys, a survey's page (the form while it is
// open, the results summary after it ended when they are public), and the thank-you page.
// No JavaScript; fits a 390 px phone; 长者模式 and 繁体 by the portal shell.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldErrors } from '../../../platform/views/form.tsx';
import type { FormStrings } from '../../../platform/forms/index.ts';
import { PortalPage } from '../../portal/views/common.tsx';
import { paragraphs, summarize } from '../../portal/domain.ts';
import { surveyState, type Question, type Results } from '../domain.ts';
import { SURVEY_STATES, TEMPLATE_AFTERWORD } from '../model.ts';
import type { SurveyView } from '../repo.ts';
import { AnswerForm } from './answer-form.tsx';
import { ResultsView } from './results.tsx';

export const PJ_HREF = '/hdjl/pj/';
export const PJ_LABEL = '社会评议';
const HDJL = { href: '/hdjl/', label: '互动交流' };

const period = (s: SurveyView) => `${s.startsOn} 至 ${s.endsOn}`;

export function PjListPage({ ctx, surveys, today }: { ctx: ViewContext; surveys: SurveyView[]; today: string }) {
  const open = surveys.filter((s) => surveyState(s, today) === 'open');
  const ended = surveys.filter((s) => surveyState(s, today) === 'ended');
  const Item = ({ s }: { s: SurveyView }) => (
    <li>
      <span><a href={`${PJ_HREF}${s.id}`}>{s.title}</a> <span class="muted">（{s.targetOrgName ?? s.orgName}）</span></span>
      <span class="muted">{period(s)}</span>
    </li>
  );
  return (
    <PortalPage ctx={ctx} current="/hdjl/" crumbs={[HDJL, { label: PJ_LABEL }]} meta={{
      title: PJ_LABEL, columnName: PJ_LABEL, keywords: `${ctx.site.name},社会评议,问卷调查`,
      description: `${ctx.site.name}政府信息公开工作社会评议。`,
    }}>
      <h1>{PJ_LABEL}</h1>
      <p>欢迎对政府信息公开工作的及时性、准确性、便民性、工作效率和依法行政等方面作出评价，提出意见和建议。参与评议无需注册。</p>
      <h2>正在进行的评议</h2>
      {open.length ? <ul class="list">{open.map((s) => <Item s={s} />)}</ul> : <p class="empty">目前没有正在进行的评议。</p>}
      <h2>已结束的评议</h2>
      {ended.length ? <ul class="list">{ended.map((s) => <Item s={s} />)}</ul> : <p class="empty">暂无已结束的评议。</p>}
    </PortalPage>
  );
}

function SurveyShell({ ctx, s, children }: { ctx: ViewContext; s: SurveyView; children: ComponentChildren }) {
  return (
    <PortalPage ctx={ctx} current="/hdjl/" crumbs={[HDJL, { href: PJ_HREF, label: PJ_LABEL }, { label: '参与评议' }]} meta={{
      title: s.title, columnName: PJ_LABEL, articleTitle: s.title, contentSource: s.orgName,
      keywords: `${ctx.site.name},社会评议`, description: summarize(s.intro || s.title),
    }}>
      <h1>{s.title}</h1>
      {children}
    </PortalPage>
  );
}

export interface SurveyPageProps {
  ctx: ViewContext;
  s: SurveyView;
  today: string;
  questions: readonly Question[];
  values?: FormStrings;
  errors?: FieldErrors;
  message?: string;
  /** A refusal to show instead of the form (already answered, limit reached …). */
  refusal?: string;
  results?: Results | null;
}

export function SurveyPage(p: SurveyPageProps) {
  const { ctx, s, today } = p;
  const state = surveyState(s, today);
  return (
    <SurveyShell ctx={ctx} s={s}>
      <dl class="facts">
        <dt>评议时间</dt><dd>{period(s)}（{SURVEY_STATES[state]}）</dd>
        <dt>发起单位</dt><dd>{s.orgName}</dd>
        {s.targetOrgName && <><dt>评议对象</dt><dd>{s.targetOrgName}</dd></>}
      </dl>
      {s.intro && <div class="article-body">{paragraphs(s.intro).map((x) => <p>{x}</p>)}</div>}
      {p.refusal ? <div class="notice notice-warning" role="status"><p>{p.refusal}</p></div> : null}
      {state === 'open' && !p.refusal && (
        <>
          <p class="hint">标有“（必填）”的题目须作答。请勿在意见中填写身份证号、电话号码等个人信息。</p>
          <AnswerForm action={`${PJ_HREF}${s.id}`} csrf={ctx.csrfToken} questions={p.questions} phone={s.requirePhone}
            values={p.values ?? {}} errors={p.errors ?? {}} message={p.message} />
        </>
      )}
      {state === 'ended' && (
        p.results
          ? <section aria-labelledby="pj-results"><h2 id="pj-results">评议结果</h2><ResultsView results={p.results} prefix="pj" showTexts={false} /></section>
          : <p>本次评议已结束。评议结果由发起单位汇总研究，需要整改的问题将限期整改。</p>
      )}
      <p class="more"><a href={PJ_HREF}>返回{PJ_LABEL}列表</a></p>
    </SurveyShell>
  );
}

export function ThanksPage({ ctx, s }: { ctx: ViewContext; s: SurveyView }) {
  return (
    <SurveyShell ctx={ctx} s={s}>
      <div class="notice notice-success" role="status">
        <h2>提交成功，感谢您参与评议</h2>
        <p>{TEMPLATE_AFTERWORD}</p>
      </div>
      <p class="more"><a href={PJ_HREF}>返回{PJ_LABEL}列表</a></p>
    </SurveyShell>
  );
}
