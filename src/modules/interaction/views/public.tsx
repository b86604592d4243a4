// The portal's 互动交流 column (/hdjl/): its index, 意见征集 (/hdjl/yjzj/: current and ended drafts,
// each draft's page with the comment form, approved comments and 采纳情况) and 在线访谈 (/hdjl/zxft/:
// coming and past interviews, each with its 预告, questions, answers and 文字实录). No JavaScript;
// fits a 390 px phone with the heading on the first screen.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Pagination } from '../../../platform/views/form.tsx';
import { beijingIso, formatInstant } from '../../../platform/time/index.ts';
import { PortalPage } from '../../portal/views/common.tsx';
import { paragraphs, summarize } from '../../portal/domain.ts';
import { DRAFT_PHASES, INTERVIEW_PHASES, draftPhase, interviewPhase } from '../domain.ts';
import type { DraftView, PublicDraft } from '../drafts.repo.ts';
import type { InterviewView, PublicInterview } from '../interviews.repo.ts';
import { ApprovedList, SubmissionFormSection, type PublicSubmission, type SubmitFormState } from './submission.tsx';

export const HDJL_HREF = '/hdjl/';
export const YJZJ_HREF = '/hdjl/yjzj/';
export const ZXFT_HREF = '/hdjl/zxft/';
export const PJ_HREF = '/hdjl/pj/';
const HDJL = '互动交流';
const YJZJ = '意见征集';
const ZXFT = '在线访谈';

const keywords = (ctx: ViewContext, ...w: string[]) => [ctx.site.name, HDJL, ...w].join(',');

export function HdjlIndexPage({ ctx }: { ctx: ViewContext }) {
  return (
    <PortalPage ctx={ctx} current={HDJL_HREF} crumbs={[{ label: HDJL }]} meta={{ title: HDJL, columnName: HDJL, keywords: keywords(ctx, YJZJ, ZXFT, '网上评议'), description: `${ctx.site.name}互动交流：意见征集、在线访谈、网上评议。` }}>
      <h1>{HDJL}</h1>
      <p>欢迎您参与政府工作：对涉及群众切身利益的政策草案发表意见，向在线访谈嘉宾提问，评议政务公开工作。</p>
      <ul class="list hdjl-index">
        <li><span><a href={YJZJ_HREF}>{YJZJ}</a><span class="muted">：重要政策和涉及群众利益的措施出台前公开征求意见，结束后公布采纳情况。</span></span></li>
        <li><span><a href={ZXFT_HREF}>{ZXFT}</a><span class="muted">：政府及部门负责同志在线解读政策、回答网民提问，访谈前发布预告，结束后发布文字实录。</span></span></li>
        <li><span><a href={PJ_HREF}>网上评议</a><span class="muted">：对政务公开工作的真实性、完整性、及时性、便民性等进行评议。</span></span></li>
      </ul>
    </PortalPage>
  );
}

function DraftItems({ items, today }: { items: PublicDraft[]; today: string }) {
  return (
    <ul class="list">
      {items.map((d) => (
        <li>
          <span>
            <a href={`${YJZJ_HREF}${d.id}`}>{d.title}</a>{' '}
            <span class="muted">（{d.orgName}；征集期 <time datetime={d.startDate}>{d.startDate}</time> 至 <time datetime={d.endDate}>{d.endDate}</time>；{DRAFT_PHASES[draftPhase(d, today)]}{d.summaryPublishedAt ? '；已公布采纳情况' : ''}）</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function DraftListPage({ ctx, today, current, ended, page, pages }: { ctx: ViewContext; today: string; current: PublicDraft[]; ended: PublicDraft[]; page: number; pages: number }) {
  return (
    <PortalPage ctx={ctx} current={HDJL_HREF} crumbs={[{ href: HDJL_HREF, label: HDJL }, { label: YJZJ }]} meta={{
      title: page > 1 ? `${YJZJ}（第${page}页）` : YJZJ, columnName: YJZJ, keywords: keywords(ctx, YJZJ), description: `${ctx.site.name}政策草案公开征求意见。`,
    }}>
      <h1>{YJZJ}</h1>
      <p>涉及群众切身利益的重要决策，出台前在本栏目公开征求意见。征集期以北京时间为准；征集结束后公布意见采纳情况。</p>
      {page === 1 && (
        <section aria-labelledby="current-title">
          <h2 id="current-title">正在征集</h2>
          {current.length === 0 ? <p class="empty">目前没有正在征集意见的草案。</p> : <DraftItems items={current} today={today} />}
        </section>
      )}
      <section aria-labelledby="ended-title">
        <h2 id="ended-title">已结束</h2>
        {ended.length === 0 ? <p class="empty">暂无已结束的意见征集。</p> : <DraftItems items={ended} today={today} />}
        <Pagination page={page} pages={pages} href={(p) => `${YJZJ_HREF}?page=${p}`} />
      </section>
    </PortalPage>
  );
}

export function DraftPage(p: { ctx: ViewContext; d: DraftView; today: string; comments: PublicSubmission[] | null; form: SubmitFormState; refusal: string | null }) {
  const { ctx, d, today } = p;
  const phase = draftPhase(d, today);
  return (
    <PortalPage ctx={ctx} current={HDJL_HREF} crumbs={[{ href: HDJL_HREF, label: HDJL }, { href: YJZJ_HREF, label: YJZJ }, { label: '正文' }]} meta={{
      title: d.title, columnName: YJZJ, articleTitle: d.title, pubDate: d.publishedAt ? formatInstant(d.publishedAt, 'minute') : undefined,
      contentSource: d.orgName, keywords: keywords(ctx, YJZJ), description: summarize(d.body),
    }}>
      <article class="content" aria-labelledby="draft-title">
        <h1 id="draft-title">{d.title}</h1>
        <dl class="facts">
          <dt>起草单位</dt><dd>{d.orgName}</dd>
          <dt>征集期</dt><dd><time datetime={d.startDate}>{d.startDate}</time> 至 <time datetime={d.endDate}>{d.endDate}</time>（北京时间）</dd>
          <dt>状态</dt><dd>{DRAFT_PHASES[phase]}</dd>
          {d.attachmentFileId && <><dt>附件</dt><dd><a href={`${YJZJ_HREF}${d.id}/attachment`}>{d.attachmentName ?? '征求意见稿全文'}</a></dd></>}
        </dl>
        <div class="article-body">{paragraphs(d.body).map((x) => <p>{x}</p>)}</div>
        {d.howToComment && (
          <section aria-labelledby="how-title">
            <h2 id="how-title">其他意见反馈方式</h2>
            {paragraphs(d.howToComment).map((x) => <p>{x}</p>)}
          </section>
        )}
      </article>
      {d.summaryPublishedAt && d.summary && (
        <section class="summary" aria-labelledby="summary-title">
          <h2 id="summary-title">意见采纳情况</h2>
          <p class="muted">公布时间：<time datetime={beijingIso(d.summaryPublishedAt)}>{formatInstant(d.summaryPublishedAt, 'minute')}</time></p>
          {paragraphs(d.summary).map((x) => <p>{x}</p>)}
        </section>
      )}
      {phase === 'closed' && !d.summaryPublishedAt && <p class="notice notice-info">征集已结束，意见采纳情况整理后将在本页公布。</p>}
      {(phase === 'open' || p.form.sent || p.form.message) && <SubmissionFormSection ctx={ctx} kind="draft" action={`${YJZJ_HREF}${d.id}/comments`} state={p.form} refusal={p.refusal} />}
      {phase === 'upcoming' && <p class="notice notice-info">{p.refusal}</p>}
      {p.comments && <ApprovedList kind="draft" items={p.comments} title="公众意见" />}
      <p class="more"><a href={YJZJ_HREF}>返回{YJZJ}列表</a></p>
    </PortalPage>
  );
}

const when = (i: Pick<PublicInterview, 'startsAt' | 'endsAt'>) => (
  <><time datetime={beijingIso(i.startsAt)}>{formatInstant(i.startsAt, 'minute')}</time> 至 <time datetime={beijingIso(i.endsAt)}>{formatInstant(i.endsAt, 'minute').slice(11)}</time></>
);

function InterviewItems({ items, now }: { items: PublicInterview[]; now: Date }) {
  return (
    <ul class="list">
      {items.map((i) => (
        <li><span><a href={`${ZXFT_HREF}${i.id}`}>{i.title}</a> <span class="muted">（{i.orgName}；{when(i)}；{INTERVIEW_PHASES[interviewPhase(i, now)]}{i.transcriptPublishedAt ? '；有文字实录' : ''}）</span></span></li>
      ))}
    </ul>
  );
}

export function InterviewListPage({ ctx, now, coming, past, page, pages }: { ctx: ViewContext; now: Date; coming: PublicInterview[]; past: PublicInterview[]; page: number; pages: number }) {
  return (
    <PortalPage ctx={ctx} current={HDJL_HREF} crumbs={[{ href: HDJL_HREF, label: HDJL }, { label: ZXFT }]} meta={{
      title: page > 1 ? `${ZXFT}（第${page}页）` : ZXFT, columnName: ZXFT, keywords: keywords(ctx, ZXFT), description: `${ctx.site.name}在线访谈预告与文字实录。`,
    }}>
      <h1>{ZXFT}</h1>
      <p>围绕政府重点工作和公众关注热点开展在线访谈。访谈前和访谈中均可提问，问题经审核后公开，嘉宾答复后一并显示。时间均为北京时间。</p>
      {page === 1 && (
        <section aria-labelledby="coming-title">
          <h2 id="coming-title">访谈预告</h2>
          {coming.length === 0 ? <p class="empty">近期没有访谈预告。</p> : <InterviewItems items={coming} now={now} />}
        </section>
      )}
      <section aria-labelledby="past-title">
        <h2 id="past-title">往期访谈</h2>
        {past.length === 0 ? <p class="empty">暂无往期访谈。</p> : <InterviewItems items={past} now={now} />}
        <Pagination page={page} pages={pages} href={(p) => `${ZXFT_HREF}?page=${p}`} />
      </section>
    </PortalPage>
  );
}

export function InterviewPage(p: { ctx: ViewContext; i: InterviewView; now: Date; questions: PublicSubmission[]; form: SubmitFormState; refusal: string | null }) {
  const { ctx, i, now } = p;
  const phase = interviewPhase(i, now);
  return (
    <PortalPage ctx={ctx} current={HDJL_HREF} crumbs={[{ href: HDJL_HREF, label: HDJL }, { href: ZXFT_HREF, label: ZXFT }, { label: '访谈' }]} meta={{
      title: i.title, columnName: ZXFT, articleTitle: i.title, pubDate: i.announcedAt ? formatInstant(i.announcedAt, 'minute') : undefined,
      contentSource: i.orgName, keywords: keywords(ctx, ZXFT), description: summarize(i.preview),
    }}>
      <article class="content" aria-labelledby="interview-title">
        <h1 id="interview-title">{i.title}</h1>
        <dl class="facts">
          <dt>访谈时间</dt><dd>{when(i)}（北京时间）</dd>
          <dt>主办单位</dt><dd>{i.orgName}</dd>
          <dt>访谈嘉宾</dt><dd>{i.guests}</dd>
          <dt>状态</dt><dd>{INTERVIEW_PHASES[phase]}</dd>
        </dl>
        <h2>访谈预告</h2>
        <div class="article-body">{paragraphs(i.preview).map((x) => <p>{x}</p>)}</div>
      </article>
      {i.transcript && i.transcriptPublishedAt && (
        <section class="transcript" aria-labelledby="transcript-title">
          <h2 id="transcript-title">文字实录</h2>
          <p class="muted">发布时间：<time datetime={beijingIso(i.transcriptPublishedAt)}>{formatInstant(i.transcriptPublishedAt, 'minute')}</time></p>
          {paragraphs(i.transcript).map((x) => <p>{x}</p>)}
        </section>
      )}
      {(phase === 'upcoming' || phase === 'live' || p.form.sent || p.form.message) && <SubmissionFormSection ctx={ctx} kind="interview" action={`${ZXFT_HREF}${i.id}/questions`} state={p.form} refusal={p.refusal} />}
      <ApprovedList kind="interview" items={p.questions} title="网民提问" />
      <p class="more"><a href={ZXFT_HREF}>返回{ZXFT}列表</a></p>
    </PortalPage>
  );
}

/** 410: a draft or interview that was public and has been withdrawn — say so and why, not a bare 404. */
export function WithdrawnPage({ ctx, kind, title, orgName, at, reason }: { ctx: ViewContext; kind: 'draft' | 'interview'; title: string; orgName: string; at: Date | null; reason: string | null }) {
  const column = kind === 'draft' ? YJZJ : ZXFT;
  const href = kind === 'draft' ? YJZJ_HREF : ZXFT_HREF;
  const heading = kind === 'draft' ? '该意见征集已撤回' : '该在线访谈已撤回';
  return (
    <PortalPage ctx={ctx} current={HDJL_HREF} crumbs={[{ href: HDJL_HREF, label: HDJL }, { href, label: column }, { label: heading }]} meta={{
      title: heading, columnName: column, keywords: keywords(ctx, column), description: heading,
    }}>
      <section class="message-page" aria-labelledby="gone-title">
        <h1 id="gone-title">{heading}</h1>
        <dl class="facts">
          <dt>标题</dt><dd>{title}</dd>
          <dt>{kind === 'draft' ? '起草单位' : '主办单位'}</dt><dd>{orgName}</dd>
          {at && <><dt>撤回时间</dt><dd><time datetime={beijingIso(at)}>{formatInstant(at, 'minute')}</time></dd></>}
          {reason && <><dt>撤回原因</dt><dd>{reason}</dd></>}
        </dl>
        <p class="message-lead">{kind === 'draft' ? '该意见征集已由起草单位撤回，不再接收意见。' : '该在线访谈已由主办单位撤回，不再接收提问。'}</p>
        <p class="muted">状态码：410</p>
        <p class="more"><a href={href}>返回{column}列表</a></p>
      </section>
    </PortalPage>
  );
}
