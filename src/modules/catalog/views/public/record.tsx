// The public record page (the metadata table of government websites, the PUBLIC body, attachments,
// linked interpretations), its print view, and the 410 page of withdrawn or expired records.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/views/context.ts';
import { absoluteUrl } from '../../../../platform/config.ts';
import { XxgkPage } from '../../../portal/views/common.tsx';
import { ExpertNames } from '../../../spokesperson/experts.ts';
import { formatDateTime, paragraphs, summarize } from '../../../portal/domain.ts';
import type { AttachmentItem, RecordDetail, RecordSummary } from '../../repo.public.ts';
import { categoryLabel, dateOf, docTypeLabel, interpretationFormLabel, recordHref, validityLabel } from './common.tsx';

const XXGK = { href: '/xxgk/', label: '政府信息公开' };
const FDZD = { href: '/xxgk/fdzdgknr/', label: '法定主动公开内容' };

export type RecordLinks = {
  interpretations: (RecordSummary & { form: string | null })[];
  policy: RecordSummary | null;
  attachments: AttachmentItem[];
  /** 专家解读: the experts named on an interpretation, name and field only. */
  experts?: { name: string; field: string }[];
};

function termText(r: RecordDetail): string {
  return r.term === 'limited' ? (r.termEnd ? `限时公开（至${r.termEnd}）` : '限时公开') : '长期公开';
}

function validityText(r: RecordDetail): string {
  const l = validityLabel(r.validity);
  if (r.validity === 'repealed' && r.repealedOn) return `${l}（${r.repealedOn}废止）`;
  if (r.validity === 'expired' && r.expiredOn) return `${l}（${r.expiredOn}失效）`;
  if (r.validity === 'valid' && r.effectiveOn) return `${l}（${r.effectiveOn}起施行）`;
  return l;
}

function sizeText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** What the link gives: the served file's name (unless it is the link text), format, size, and whether it was masked. */
function attachmentNote(a: AttachmentItem): string {
  const parts = [...(a.linkText === a.fileName ? [] : [a.fileName]), a.format, sizeText(a.size)];
  if (a.version === 'cleaned') parts.push('已去除文档属性中的作者信息');
  if (a.version === 'redacted') parts.push('个人信息已遮盖');
  if (a.version === 'text') parts.push('个人信息已遮盖，原文件格式无法遮盖，仅提供文字');
  return parts.join('，');
}

function recordMeta(ctx: ViewContext, r: RecordDetail) {
  return {
    title: r.title,
    columnName: categoryLabel(r.category) || '法定主动公开内容',
    articleTitle: r.title,
    pubDate: formatDateTime(r.publishedAt),
    contentSource: r.publisher,
    keywords: r.keywords.split(/\s+/).filter(Boolean).join(','),
    description: r.description?.trim() || summarize(r.body) || r.title,
    url: absoluteUrl(ctx.site, recordHref(r.id)),
  };
}

/** 索引号, 发布机构 … in the two-pairs-per-row layout of government websites. */
export function MetaTable({ r }: { r: RecordDetail }) {
  const date = (d: string) => <time datetime={d}>{d}</time>;
  const cells: [string, ComponentChildren][] = [
    ['索引号', r.indexNo],
    ['主题分类', categoryLabel(r.category)],
    ['发布机构', r.publisher],
    ['生成日期', date(r.generatedOn)],
    ['文号', r.docNo ?? '无'],
    ['发布日期', date(dateOf(r.publishedAt))],
    ['文件类型', docTypeLabel(r.docType)],
    ['有效性', validityText(r)],
    ['公开方式', '主动公开'],
    ['公开时限', termText(r)],
    ...(r.responsibleDept ? [['责任部门', r.responsibleDept] as [string, string]] : []),
  ];
  const rows: [string, ComponentChildren][][] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push(cells.slice(i, i + 2));
  return (
    <div class="table-wrap">
      <table class="record-meta">
        <caption>信息基本情况</caption>
        <tbody>
          {rows.map((row) => (
            <tr>{row.map(([k, v]) => <><th scope="row">{k}</th><td colSpan={row.length === 1 ? 3 : undefined}>{v}</td></>)}</tr>
          ))}
          <tr><th scope="row">关键词</th><td colSpan={3}>{r.keywords}</td></tr>
          {r.description && <tr><th scope="row">内容描述</th><td colSpan={3}>{r.description}</td></tr>}
        </tbody>
      </table>
    </div>
  );
}

function Body({ r }: { r: RecordDetail }) {
  const ps = paragraphs(r.body);
  return (
    <div class="article-body record-body">
      {ps.length ? ps.map((p) => <p>{p}</p>) : <p class="empty">正文详见附件。</p>}
    </div>
  );
}

function safeLink(u: string | null): string | null {
  return u && /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : null;
}

export function RecordPage({ ctx, r, links }: { ctx: ViewContext; r: RecordDetail; links: RecordLinks }) {
  const cat = categoryLabel(r.category);
  const link = safeLink(r.interpretationLink);
  return (
    <XxgkPage ctx={ctx} section="/xxgk/fdzdgknr/" meta={recordMeta(ctx, r)}
      crumbs={[XXGK, FDZD, ...(cat ? [{ href: `/xxgk/fdzdgknr/?category=${r.category}`, label: cat }] : []), { label: '正文' }]}>
      <article class="content record" aria-labelledby="record-title">
        {/* The title before the 信息属性 table, so it starts on the first screen (phones, 长者模式). */}
        <h1 id="record-title" class="record-title">{r.title}</h1>
        {r.docNo && <p class="record-docno">{r.docNo}</p>}
        <MetaTable r={r} />
        {links.policy && <p class="record-policy">本文是对<a href={recordHref(links.policy.id)}>《{links.policy.title}》</a>的解读。</p>}
        {links.experts && links.experts.length > 0 && <p class="record-experts">解读专家：<ExpertNames experts={links.experts} /></p>}
        <Body r={r} />
        {link && <p>解读链接：<a href={link} rel="noopener noreferrer">{link}</a></p>}
        {links.attachments.length > 0 && (
          <section aria-labelledby="h-att" class="attachments">
            <h2 id="h-att">附件</h2>
            <ul class="link-list">
              {links.attachments.map((a) => (
                <li><a href={`${recordHref(r.id)}/files/${a.id}`} download>{a.linkText}</a> <span class="muted">（{attachmentNote(a)}）</span></li>
              ))}
            </ul>
          </section>
        )}
        {links.interpretations.length > 0 && (
          <section aria-labelledby="h-jd" class="interpretations">
            <h2 id="h-jd">政策解读</h2>
            <ul class="link-list">
              {links.interpretations.map((i) => (
                <li><a href={recordHref(i.id)}>{i.title}</a>{i.form && <span class="muted">（{interpretationFormLabel(i.form)}）</span>}</li>
              ))}
            </ul>
          </section>
        )}
        <ul class="record-tools no-print link-list">
          <li><a href={`${recordHref(r.id)}/print`}>打印本页</a></li>
          <li><a href="/xxgk/search">检索其他信息</a></li>
        </ul>
      </article>
    </XxgkPage>
  );
}

/** 打印: the record alone in a minimal document with print styles. */
export function RecordPrintPage({ ctx, r, links }: { ctx: ViewContext; r: RecordDetail; links: RecordLinks }) {
  const meta = recordMeta(ctx, r);
  const lang = ctx.variant === 'tw' ? 'zh-TW' : 'zh-CN';
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${r.title}（打印） - ${ctx.site.name}`}</title>
        <meta name="ArticleTitle" content={meta.articleTitle} />
        <meta name="PubDate" content={meta.pubDate} />
        <meta name="ContentSource" content={meta.contentSource} />
        <link rel="stylesheet" href="/static/css/site.css" />
      </head>
      <body class={ctx.elder ? `print-view elder elder-${ctx.elder}` : 'print-view'}>
        <main id="main" class="print-main">
          <p class="no-print"><a href={recordHref(r.id)}>返回正文页面</a>　请使用浏览器的“打印”功能（Ctrl+P）打印本页。</p>
          <p class="print-site">{ctx.site.name}　政府信息公开</p>
          <MetaTable r={r} />
          <h1 class="record-title">{r.title}</h1>
          {r.docNo && <p class="record-docno">{r.docNo}</p>}
          <Body r={r} />
          {links.attachments.length > 0 && (
            <>
              <h2>附件</h2>
              <ol>{links.attachments.map((a) => <li>{a.linkText}（{attachmentNote(a)}）</li>)}</ol>
            </>
          )}
          <p class="print-url">本页网址：{absoluteUrl(ctx.site, recordHref(r.id))}</p>
        </main>
      </body>
    </html>
  );
}

/** 410: the record was public and is no longer — say so, with the reason, instead of a bare 404. */
export function RecordGonePage({ ctx, r, why }: { ctx: ViewContext; r: RecordDetail; why: 'withdrawn' | 'expired' }) {
  const heading = why === 'withdrawn' ? '该信息已撤回' : '该信息已超过公开时限';
  return (
    <XxgkPage ctx={ctx} section="/xxgk/fdzdgknr/" crumbs={[XXGK, FDZD, { label: heading }]} meta={{
      title: heading, columnName: '法定主动公开内容', description: heading,
    }}>
      <section class="message-page" aria-labelledby="gone-title">
        <h1 id="gone-title">{heading}</h1>
        <dl class="facts">
          <dt>信息名称</dt><dd>{r.title}</dd>
          <dt>索引号</dt><dd>{r.indexNo}</dd>
          <dt>发布机构</dt><dd>{r.publisher}</dd>
          {why === 'withdrawn' && r.withdrawnAt && <><dt>撤回日期</dt><dd>{dateOf(r.withdrawnAt)}</dd></>}
          {why === 'withdrawn' && r.withdrawnReason && <><dt>撤回原因</dt><dd>{r.withdrawnReason}</dd></>}
          {why === 'expired' && r.termEnd && <><dt>公开期限</dt><dd>至{r.termEnd}</dd></>}
        </dl>
        <p class="message-lead">
          {why === 'withdrawn'
            ? '该信息已由发布机构撤回，不再对外公开。'
            : '该信息属于限时公开的信息，公开期限已届满，不再对外公开。'}
          如需了解相关情况，可以依法<a href="/ysqgk/">申请政府信息公开</a>。
        </p>
        <p class="muted">状态码：410</p>
        <h2 class="message-more">您可以：</h2>
        <ul class="link-list">
          <li><a href="/xxgk/search">检索其他政府信息</a></li>
          <li><a href="/xxgk/fdzdgknr/">浏览法定主动公开内容</a></li>
          <li><a href="/">返回首页</a></li>
        </ul>
      </section>
    </XxgkPage>
  );
}
