// 回应舆情 (/admin/opinion/:id/respond): the clocks, the responses so far with their state and
// actions (审核, 公开 / 撤下, 修改退回的回应), the proposal for a misread policy, and the response form.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { CsrfField, DataTable, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import type { FieldErrors, FormStrings } from '../../../../platform/forms/index.ts';
import { CHANNELS, labelOf } from '../../model.ts';
import type { DeadlineRow, IncidentView, ResponseRow } from '../../responses.repo.ts';
import { CHANNEL_KEYS, RESPONSE_LIMITS, RESPONSE_STATUSES } from '../../use-cases/respond-forms.ts';
import { DeadlineTable, IncidentFacts, IncidentPage, when } from './common.tsx';

export type Proposal = { recordId: number; title: string; indexNo: string; published: boolean };

export interface RespondPageProps {
  vc: ViewContext;
  inc: IncidentView;
  deadlines: DeadlineRow[];
  responses: ResponseRow[];
  now: Date;
  values: FormStrings;
  errors?: FieldErrors;
  problem?: string;
  notice?: string;
  /** The response being edited after a return. */
  editing?: ResponseRow;
  reviewOpinions: Record<number, string>;
  canAnswer: boolean;
  canClose: boolean;
  canRefer: boolean;
  proposal?: Proposal;
}

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');
const base = (id: number) => `/admin/opinion/${id}`;

function ResponseActions({ vc, inc, r, canAnswer }: { vc: ViewContext; inc: IncidentView; r: ResponseRow; canAnswer: boolean }) {
  const href = `${base(inc.id)}/responses/${r.id}`;
  return (
    <div class="actions">
      <a href={href} aria-label={`查看回应 ${r.id}`}>查看</a>
      {canAnswer && r.status === 'returned' && <a href={`${base(inc.id)}/respond?edit=${r.id}`} aria-label={`修改回应 ${r.id}`}>修改后重新提交</a>}
      {canAnswer && r.status === 'approved' && (
        <form method="post" action={`${href}/publish`} class="inline">
          <CsrfField token={vc.csrfToken} />
          <input type="hidden" name="publish" value={r.publishedAt ? '0' : '1'} />
          <button type="submit" class="secondary" aria-label={`${r.publishedAt ? '从回应关切栏目撤下' : '在回应关切栏目公开'}：回应 ${r.id}`}>
            {r.publishedAt ? '撤下' : '在回应关切栏目公开'}
          </button>
        </form>
      )}
    </div>
  );
}

export function RespondPage(p: RespondPageProps) {
  const { vc, inc, values: v, errors: e } = p;
  const open = inc.status === 'confirmed' || inc.status === 'responding';
  return (
    <IncidentPage vc={vc} inc={inc} title="回应舆情" notice={p.notice} problem={p.problem} errors={e}>
      <IncidentFacts inc={inc} />
      <DeadlineTable deadlines={p.deadlines} now={p.now} />
      {p.proposal && (
        <section class="panel" aria-labelledby="proposal-title">
          <h2 id="proposal-title">建议开展政策解读</h2>
          <p>该舆情属于重大政策误解误读，涉及政策文件《{p.proposal.title}》（索引号 {p.proposal.indexNo}）。建议由起草单位编制政策解读，或以答记者问、新闻发布会等形式发布新闻稿，回应社会关切。</p>
          {p.proposal.published
            ? <ul class="inline-list">
                <li><a href={`/admin/catalog/${p.proposal.recordId}/interpret`}>编制政策解读或新闻稿（撰稿解读、答记者问、新闻发布会等）</a></li>
                <li><a href={`/admin/catalog/${p.proposal.recordId}/review`}>查看政策文件</a></li>
              </ul>
            : <p>该政策文件尚未公开，公开后方可编制解读。<a href={`/admin/catalog/${p.proposal.recordId}/review`}>查看政策文件</a></p>}
        </section>
      )}
      <h2>已有回应</h2>
      <DataTable caption="本舆情的回应（北京时间）" empty="尚未回应"
        head={['编号', '回应渠道', '回应时间', '状态', '审核意见', '操作']}
        rows={p.responses.map((r) => [
          String(r.id), labelOf(CHANNELS, r.channel), when(r.respondedAt),
          <>{labelOf(RESPONSE_STATUSES, r.status)}{r.publishedAt ? <><br /><a href={`/hygq/${r.id}`}>已在回应关切栏目公开</a></> : null}</>,
          p.reviewOpinions[r.id] ?? '—',
          <ResponseActions vc={vc} inc={inc} r={r} canAnswer={p.canAnswer} />,
        ])} />
      {p.canAnswer && open && (
        <>
          <h2 id="form-title">{p.editing ? `修改退回的回应（编号 ${p.editing.id}）` : '登记回应'}</h2>
          <p>回应内容经本单位审核通过后生效，并自动记录对应时限的完成情况。召开新闻发布会的，请选择“新闻发布会”渠道。时间为北京时间。</p>
          <form method="post" action={`${base(inc.id)}/respond`} class="stack" novalidate aria-labelledby="form-title">
            <CsrfField token={vc.csrfToken} />
            {p.editing && <input type="hidden" name="responseId" value={String(p.editing.id)} />}
            <SelectField name="channel" label="回应渠道" required placeholder="请选择" value={str(v.channel)} error={e?.channel}
              options={CHANNEL_KEYS.map((k) => ({ value: k, label: CHANNELS[k] }))} />
            <TextField name="title" label="回应标题" maxLength={RESPONSE_LIMITS.title} value={str(v.title)} error={e?.title}
              hint="在“回应关切”栏目公开时显示的标题，例如“关于网传××的情况说明”；不填则使用舆情事件的标题。" />
            <TextField name="respondedAt" label="回应时间" type="datetime-local" required value={str(v.respondedAt)} error={e?.respondedAt}
              hint="信息发布或新闻发布会召开的时间，例如 2026-10-01 10:30。" />
            <TextArea name="text" label="回应内容" required rows={8} maxLength={RESPONSE_LIMITS.text} value={str(v.text)} error={e?.text}
              hint={`发布的权威信息全文，不超过 ${RESPONSE_LIMITS.text} 字；请勿包含群众姓名、电话等个人信息。`} />
            <TextField name="url" label="回应链接" inputMode="url" maxLength={RESPONSE_LIMITS.url} value={str(v.url)} error={e?.url}
              hint="发布页面的网址（以 http:// 或 https:// 开头），没有可不填。" />
            <TextArea name="note" label="提交说明" rows={2} value={str(v.note)} error={e?.note} hint="给审核人员的说明，可不填。" />
            <div class="actions">
              <button type="submit">{p.editing ? '修改后重新提交' : '提交回应'}</button>
            </div>
          </form>
        </>
      )}
      {!open && <p>该舆情当前状态为不可回应（尚未研判确认，或已办结、排除、合并）。</p>}
      <ul class="inline-list">
        {p.canClose && open && <li><a href={`${base(inc.id)}/close`}>办结并评估效果</a></li>}
        {inc.status === 'closed' && <li><a href={`${base(inc.id)}/close`}>查看办结评估</a></li>}
        {p.canRefer && <li><a href={`${base(inc.id)}/referral`}>移交谣言处置</a></li>}
      </ul>
    </IncidentPage>
  );
}
