// Public pages of 依申请公开: how to apply, the application form, the "may already be published"
// confirmation, the receipt (tracking number + query code, shown once), and tracking.
// Plain forms that work without JavaScript; /static/js/print.js only adds a print button.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { absoluteUrl } from '../../../../platform/config.ts';
import { CsrfField, DataTable, ErrorSummary, Notice, TextArea, TextField, type FieldErrors } from '../../../../platform/views/form.tsx';
import { XxgkPage } from '../../../portal/views/common.tsx';
import { CASE_KINDS, CHANNELS, DELIVERIES, FORMS, OFFLINE_CHANNELS, applicantTypeLabel, idTypeLabel } from '../../model.ts';
import type { AcceptingOrg } from '../../intake.ts';
import type { TrackView } from '../../tracking.ts';
import { ApplicationFields, many, one, type FormValues } from '../intake/fields.tsx';

const XXGK = { href: '/xxgk/', label: '政府信息公开' };
const YSQGK = { href: '/ysqgk/', label: '依申请公开' };
const meta = (ctx: ViewContext, title: string, description: string) => ({
  title, columnName: '依申请公开', keywords: `${ctx.site.name},依申请公开,政府信息公开申请`, description,
});

function PrintButton() {
  // Shown by /static/js/print.js; without JavaScript the hint next to it says how to print.
  return <button type="button" class="secondary js-print no-print" hidden>打印本页</button>;
}

// ---------------------------------------------------------------------------

export function YsqgkIndexPage({ ctx, orgs }: { ctx: ViewContext; orgs: AcceptingOrg[] }) {
  return (
    <XxgkPage ctx={ctx} section="/ysqgk/" crumbs={[XXGK, { label: '依申请公开' }]} meta={meta(ctx, '依申请公开', '向行政机关申请获取政府信息的方式、所需材料、办理时限和进度查询。')}>
      <h1>依申请公开</h1>
      <p>除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向行政机关申请获取相关政府信息。申请无需注册或登录，不需要说明用途。</p>
      <ul class="tiles">
        <li><a href="/ysqgk/apply">在线提出申请<span class="desc">填写申请表，提交后获得受理编号和查询码</span></a></li>
        <li><a href="/ysqgk/track">查询办理进度<span class="desc">凭受理编号和查询码查看进度、告知书和答复</span></a></li>
        <li><a href="/xxgk/search">先查一查是否已公开<span class="desc">已主动公开的信息可以直接查阅</span></a></li>
      </ul>

      <h2>申请方式</h2>
      <ul>
        <li><strong>{CHANNELS.online.label}：</strong>在本网站填写申请表。{CHANNELS.online.receipt}。</li>
        {OFFLINE_CHANNELS.map((c) => <li><strong>{CHANNELS[c].label}：</strong>{CHANNELS[c].receipt}。</li>)}
      </ul>
      <p>书面申请确有困难的，可以口头提出，由受理机关工作人员代为填写申请（《中华人民共和国政府信息公开条例》第二十九条）。信函申请请在信封上注明“政府信息公开申请”字样。</p>

      <h2>申请应当写明的内容</h2>
      <ul>
        <li>申请人的姓名或者名称、身份证明、联系方式；</li>
        <li>申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；</li>
        <li>申请公开的政府信息的形式要求，包括获取信息的方式、途径。</li>
      </ul>

      <h2>办理时限</h2>
      <ul>
        <li>能够当场答复的，当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复。“工作日”不含周末和法定节假日，调休上班日计入。</li>
        <li>需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日。</li>
        <li>申请内容不明确的，行政机关在收到申请之日起 7 个工作日内一次性告知需要补正的事项；答复期限自收到补正后的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请。</li>
        <li>需要征求第三方或者其他机关意见的，征求意见的时间不计算在答复期限内；需要缴纳信息处理费的，自发出收费通知至缴费之日的时间不计算在内。</li>
      </ul>
      <p>以上依据《中华人民共和国政府信息公开条例》第三十条至第三十四条、第四十二条。办理过程中的每一步和答复期限都可以在“<a href="/ysqgk/track">查询办理进度</a>”中查看。</p>

      <h2>受理机关</h2>
      <DataTable caption="受理政府信息公开申请的机关及联系方式" head={['机关', '地址', '邮政编码', '电话', '办公时间']}
        rows={orgs.map((o) => [o.name, o.address ?? '暂未提供', o.postcode ?? '', o.phone ?? '暂未提供', o.officeHours ?? '工作日'])} />
      <p>各机关的公开范围和救济途径，见<a href="/xxgk/zn/">政府信息公开指南</a>。</p>
    </XxgkPage>
  );
}

// ---------------------------------------------------------------------------

export interface ChallengeView { token: string; question: string }

export function ApplyFormPage({ ctx, orgs, values, errors, message, challenge, pass }: {
  ctx: ViewContext; orgs: AcceptingOrg[]; values: FormValues; errors: FieldErrors; message?: string;
  /** The question to answer, or null when it was already answered (then `pass` is carried). */
  challenge: ChallengeView | null; pass: string | null;
}) {
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <XxgkPage ctx={ctx} section="/ysqgk/" crumbs={[XXGK, YSQGK, { label: '在线申请' }]} meta={meta(ctx, hasErrors ? '错误：在线申请政府信息公开' : '在线申请政府信息公开', '在线填写政府信息公开申请表。')}>
      <h1>在线申请政府信息公开</h1>
      <ErrorSummary errors={errors} message={hasErrors ? message : undefined} />
      {!hasErrors && message && <Notice kind="warning">{message}</Notice>}
      <p>标有“（必填）”的项目必须填写。提交前，系统会提示可能已经主动公开的相关信息。申请提交后，请记下受理编号和查询码，用于查询办理进度。</p>
      <form method="post" action="/ysqgk/apply" class="stack apply-form" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="_step" value="check" />
        <ApplicationFields values={values} errors={errors} orgs={orgs} />
        <fieldset class="form-group">
          <legend>验证</legend>
          {challenge ? (
            <>
              <input type="hidden" name="challenge" value={challenge.token} />
              <TextField name="challengeAnswer" label={challenge.question} required inputMode="numeric" autocomplete="off" maxLength={6} error={errors.challengeAnswer}
                hint="用于确认是本人在填写，请直接填写计算结果。" />
            </>
          ) : (
            <>
              <input type="hidden" name="pass" value={pass ?? ''} />
              <p>您已完成验证。</p>
            </>
          )}
          <div hidden>
            <label for="f-website">请勿填写此项</label>
            <input id="f-website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit">下一步：检查并确认</button>
          <a href="/ysqgk/">返回依申请公开</a>
        </div>
      </form>
    </XxgkPage>
  );
}

export interface PublishedMatch { id: number; title: string; orgName: string; publishedAt: string | null }

function Summary({ values, orgName }: { values: FormValues; orgName: string }) {
  const v = (k: string) => one(values, k);
  const rows: [string, string][] = [
    ['受理机关', orgName],
    ['申请类型', CASE_KINDS[v('kind') as keyof typeof CASE_KINDS] ?? CASE_KINDS.disclosure],
    ['申请人类型', applicantTypeLabel(v('applicantType'))],
    ['姓名或名称', v('applicantName')],
    ...(v('contactName') ? [['联系人', v('contactName')] as [string, string]] : []),
    ['证件', `${idTypeLabel(v('idType'))} ${v('idNumber')}`],
    ['联系电话', v('phone')],
    ...(v('email') ? [['电子邮箱', v('email')] as [string, string]] : []),
    ...(v('address') ? [['通信地址', `${v('address')}${v('postcode') ? `（${v('postcode')}）` : ''}`] as [string, string]] : []),
    ['所需信息', v('infoDescription')],
    ...(v('infoDocNo') ? [['文号', v('infoDocNo')] as [string, string]] : []),
    ...(v('infoFeatures') ? [['其他特征', v('infoFeatures')] as [string, string]] : []),
    ...(v('kind') === 'correction' && v('correctionDetail') ? [['需要更正的内容', v('correctionDetail')] as [string, string]] : []),
    ['提供形式', many(values, 'forms').map((f) => FORMS[f as keyof typeof FORMS] ?? f).join('、')],
    ['获取途径', DELIVERIES[v('delivery') as keyof typeof DELIVERIES] ?? v('delivery')],
    ...(v('feeWaiverReason') ? [['减免费用理由', v('feeWaiverReason')] as [string, string]] : []),
  ];
  return (
    <table class="meta-table">
      <caption>申请内容</caption>
      <tbody>{rows.map(([k, x]) => <tr><th scope="row">{k}</th><td class="pre-wrap">{x}</td></tr>)}</tbody>
    </table>
  );
}

export function ConfirmPage({ ctx, values, data, orgName, matches, pass }: {
  ctx: ViewContext; values: FormValues; orgName: string; matches: PublishedMatch[]; pass: string;
  /** The values, encoded (see routes.public.tsx encodeValues): carried as one opaque field. */
  data: string;
}) {
  return (
    <XxgkPage ctx={ctx} section="/ysqgk/" crumbs={[XXGK, YSQGK, { label: '确认申请' }]} meta={meta(ctx, '确认申请内容', '提交政府信息公开申请前，确认申请内容并查看可能已经公开的信息。')}>
      <h1>确认申请内容</h1>
      <section aria-labelledby="published-title">
        <h2 id="published-title">可能已主动公开的信息</h2>
        {matches.length > 0 ? (
          <>
            <p>以下已经主动公开的政府信息可能与您的申请有关。如果其中已有您需要的信息，可以直接查阅，无需提交申请；查阅后可使用浏览器的“后退”返回本页继续提交。</p>
            <ul class="list">
              {matches.map((m) => <li><span><a href={`/xxgk/${m.id}`}>{m.title}</a><span class="muted">（{m.orgName}）</span></span>{m.publishedAt && <time datetime={m.publishedAt}>{m.publishedAt}</time>}</li>)}
            </ul>
          </>
        ) : <p>没有找到与您的描述相符的已主动公开信息。</p>}
      </section>
      <Summary values={values} orgName={orgName} />
      <form method="post" action="/ysqgk/apply" class="stack">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="data" value={data} />
        <input type="hidden" name="pass" value={pass} />
        <p>请核对以上内容。确认提交后，申请即发送至{orgName}。</p>
        <div class="actions">
          <button type="submit" name="_step" value="submit">确认提交申请</button>
          <button type="submit" name="_step" value="edit" class="secondary">返回修改</button>
        </div>
      </form>
    </XxgkPage>
  );
}

// ---------------------------------------------------------------------------

export function ReceiptPage({ ctx, trackingNo, queryCode, orgName, submittedOn, receiptDocument }: {
  ctx: ViewContext; trackingNo: string; queryCode: string | null; orgName: string; submittedOn: string; receiptDocument: boolean;
}) {
  const trackUrl = absoluteUrl(ctx.site, '/ysqgk/track');
  return (
    <XxgkPage ctx={ctx} section="/ysqgk/" crumbs={[XXGK, YSQGK, { label: '申请回执' }]} meta={meta(ctx, '申请已提交', '政府信息公开申请的受理编号和查询码。')}>
      <h1>申请已提交</h1>
      {queryCode
        ? <Notice>您的政府信息公开申请已提交至{orgName}。请立即记下或打印以下受理编号和查询码：查询码只显示这一次，刷新或再次打开本页都不会再显示。</Notice>
        : <Notice kind="info">您的政府信息公开申请已提交至{orgName}。为保护您的申请信息，查询码只在提交后显示一次，本页不再显示。如未记下查询码，请携带身份证明联系受理机关。</Notice>}
      <table class="meta-table receipt">
        <caption>{ctx.site.name}政府信息公开申请回执</caption>
        <tbody>
          <tr><th scope="row">受理编号</th><td><strong class="code">{trackingNo}</strong></td></tr>
          <tr><th scope="row">查询码</th><td>{queryCode ? <strong class="code">{queryCode}</strong> : '已于提交时显示，不再显示'}</td></tr>
          <tr><th scope="row">受理机关</th><td>{orgName}</td></tr>
          <tr><th scope="row">提交日期</th><td>{submittedOn}</td></tr>
          <tr><th scope="row">查询网址</th><td><span class="url">{trackUrl}</span></td></tr>
        </tbody>
      </table>
      <h2>接下来</h2>
      <ul>
        <li>工作人员确认收到您的申请后，以确认之日为收到申请之日，并自该日起计算答复期限（《中华人民共和国政府信息公开条例》第三十一条）。</li>
        <li>凭受理编号和查询码，可以在“<a href="/ysqgk/track">查询办理进度</a>”中查看办理情况、补正告知、延期告知和答复。</li>
      </ul>
      <div class="actions no-print">
        <PrintButton />
        {receiptDocument && <a class="button secondary" href="/ysqgk/receipt/download">下载登记回执（Word 文档）</a>}
        <a href={`/ysqgk/track?no=${encodeURIComponent(trackingNo)}`}>查询办理进度</a>
      </div>
      <p class="hint no-print">打印本页：请使用浏览器的“打印”功能（电脑上可按 Ctrl+P）。</p>
      <script src="/static/js/print.js" defer></script>
    </XxgkPage>
  );
}

export function ReceiptGonePage({ ctx }: { ctx: ViewContext }) {
  return (
    <XxgkPage ctx={ctx} section="/ysqgk/" crumbs={[XXGK, YSQGK, { label: '申请回执' }]} meta={meta(ctx, '回执已不可查看', '申请回执只在提交后短时间内显示。')}>
      <h1>回执已不可查看</h1>
      <p>为保护您的查询码，申请回执只在提交后 30 分钟内、并且只在提交申请的浏览器中显示。</p>
      <p>如已记下受理编号和查询码，请到“<a href="/ysqgk/track">查询办理进度</a>”查看。如遗失查询码，请携带身份证明联系受理机关。</p>
    </XxgkPage>
  );
}

// ---------------------------------------------------------------------------

export function TrackFormPage({ ctx, trackingNo, queryCode, message, status }: { ctx: ViewContext; trackingNo: string; queryCode: string; message?: string; status?: 'not_found' }) {
  const errors: FieldErrors = status === 'not_found' ? { trackingNo: message } : {};
  return (
    <XxgkPage ctx={ctx} section="/ysqgk/" crumbs={[XXGK, YSQGK, { label: '查询办理进度' }]} meta={meta(ctx, status ? '错误：查询办理进度' : '查询办理进度', '凭受理编号和查询码查询政府信息公开申请的办理进度。')}>
      <h1>查询办理进度</h1>
      <ErrorSummary errors={errors} message={status ? '未能查询到申请' : undefined} />
      <p>请填写提交申请时获得的受理编号和查询码。查询码不区分大小写，可以不填写中间的“-”。</p>
      <form method="post" action="/ysqgk/track" class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField name="trackingNo" label="受理编号" required value={trackingNo} autocomplete="off" maxLength={60} error={errors.trackingNo} hint="如 2026-006-00017" />
        <TextField name="queryCode" label="查询码" required value={queryCode} autocomplete="off" maxLength={20} hint="10 位字母和数字，如 ABCDE-FGH23" />
        <div class="actions"><button type="submit">查询</button></div>
      </form>
      <p>遗失查询码的，请携带身份证明联系受理机关。</p>
    </XxgkPage>
  );
}

function CodeFields({ trackingNo, queryCode }: { trackingNo: string; queryCode: string }) {
  return <><input type="hidden" name="trackingNo" value={trackingNo} /><input type="hidden" name="queryCode" value={queryCode} /></>;
}

export function TrackResultPage({ ctx, view, trackingNo, queryCode, errors, notice, message, supplementText }: {
  ctx: ViewContext; view: TrackView; trackingNo: string; queryCode: string; errors?: FieldErrors; notice?: string;
  /** A refusal that is not about one field (e.g. the case no longer awaits a supplement). */
  message?: string; supplementText?: string;
}) {
  const due = view.statutoryDueOn
    ? `${view.statutoryDueOn}${view.dueProvisional ? '（暂定：该年度节假日安排尚未公布）' : ''}${view.clockStopped ? '（目前计时暂停）' : ''}`
    : view.status === 'submitted' ? '工作人员确认收到申请后计算' : view.clockStopped ? '计时暂停，待补正或征求意见结束后计算' : '—';
  return (
    <XxgkPage ctx={ctx} section="/ysqgk/" crumbs={[XXGK, YSQGK, { label: '办理进度' }]} meta={meta(ctx, `办理进度 ${view.trackingNo}`, '政府信息公开申请的办理进度。')}>
      <h1>办理进度</h1>
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary errors={errors} message={message} />
      <table class="meta-table">
        <caption>申请概况</caption>
        <tbody>
          <tr><th scope="row">受理编号</th><td>{view.trackingNo}</td></tr>
          <tr><th scope="row">申请类型</th><td>{view.kindLabel}</td></tr>
          <tr><th scope="row">受理机关</th><td>{view.orgName}</td></tr>
          <tr><th scope="row">所需政府信息</th><td>{view.requestSummary}{view.requestDocNo ? `（文号：${view.requestDocNo}）` : ''}</td></tr>
          <tr><th scope="row">当前状态</th><td><strong>{view.statusLabel}</strong></td></tr>
          <tr><th scope="row">提交日期</th><td>{view.submittedOn}</td></tr>
          <tr><th scope="row">收到申请日期</th><td>{view.receivedOn ?? '待确认'}</td></tr>
          <tr><th scope="row">答复期限</th><td>{due}</td></tr>
          {view.repliedOn && <tr><th scope="row">答复日期</th><td>{view.repliedOn}</td></tr>}
        </tbody>
      </table>

      {view.status === 'awaiting_supplement' && (
        <section aria-labelledby="supplement-title" class="panel">
          <h2 id="supplement-title">提交补正材料</h2>
          {view.correctionRequest && <p class="pre-wrap">{view.correctionRequest}</p>}
          {view.correctionDeadline && <p>请于 <strong>{view.correctionDeadline}</strong> 前补正。无正当理由逾期不补正的，视为放弃申请。</p>}
          <form method="post" action="/ysqgk/track/supplement" enctype="multipart/form-data" class="stack" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <CodeFields trackingNo={trackingNo} queryCode={queryCode} />
            <TextArea name="text" label="补正内容" value={supplementText ?? ''} rows={5} maxLength={4000} error={errors?.text}
              hint="请按补正告知的要求说明。也可以只上传材料。" />
            <div class={errors?.file ? 'field field-error' : 'field'}>
              <label for="f-file">补正材料（可选）</label>
              <p class="hint" id="f-file-hint">支持 Word、PDF、图片等常见格式，不超过 10 MB。</p>
              {errors?.file && <p class="error-message" id="f-file-error">{errors.file}</p>}
              <input type="file" id="f-file" name="file" aria-describedby={errors?.file ? 'f-file-hint f-file-error' : 'f-file-hint'} />
            </div>
            <div class="actions"><button type="submit">提交补正</button></div>
          </form>
        </section>
      )}

      <h2>办理过程</h2>
      {view.events.length ? (
        <ol class="timeline">
          {view.events.map((e) => <li><time datetime={e.occurredOn}>{e.occurredOn}</time> <strong>{e.label}</strong>{e.note && <span class="pre-wrap">：{e.note}</span>}</li>)}
        </ol>
      ) : <p class="empty">暂无记录</p>}

      <h2>告知书和答复</h2>
      {view.receiptPending && <p class="empty" role="status">登记回执正在生成，请稍后刷新本页面下载。</p>}
      {view.documents.length ? (
        <ul class="list">
          {view.documents.map((d) => (
            <li>
              <span>{d.kindLabel}：{d.name}</span>
              <form method="post" action="/ysqgk/track/download" class="inline">
                <CsrfField token={ctx.csrfToken} />
                <CodeFields trackingNo={trackingNo} queryCode={queryCode} />
                <input type="hidden" name="documentId" value={String(d.id)} />
                <button type="submit" class="link-button">下载<span class="visually-hidden">{d.name}</span></button>
              </form>
            </li>
          ))}
        </ul>
      ) : !view.receiptPending && <p class="empty">暂无可下载的文书。</p>}
      <p><a href="/ysqgk/track">查询其他申请</a></p>
    </XxgkPage>
  );
}
