// 年度备案 rounds and 新闻发言人绩效评估 pages.
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../platform/views/form.tsx';
import type { FormStrings } from '../../../platform/forms/index.ts';
import { FAILINGS, FAILING_KEYS, LIMITS, RESULTS, RESULT_KEYS, labelOf, type EvaluationOutcome } from '../domain.ts';
import type { EvaluationRow, FailingRow, PersonRow, RoundRow } from '../repo.ts';
import { Badge, EVALUATIONS_HREF, FYR_HREF, ROUNDS_HREF, orgHref, str } from './shared.tsx';

type Errors = Record<string, string> | undefined;

export function RoundsPage(p: { vc: ViewContext; rounds: (RoundRow & { confirmed: number })[]; orgCount: number; canFile: boolean; values: FormStrings; errors?: Errors; notice?: string }) {
  const open = p.rounds.find((r) => !r.closedOn);
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '新闻发言人年度备案' }} current={FYR_HREF}>
      <Breadcrumb items={[{ href: FYR_HREF, label: '新闻发言人' }, { label: '年度备案' }]} />
      <h1>新闻发言人年度备案</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>县委宣传部每年对全县政府新闻发言人、新闻助理进行登记备案，并统一向社会公布。年度备案开启后，各单位核对并确认本单位信息。</p>
      <DataTable caption="年度备案" empty="尚未开启年度备案" head={['年度', '开启日期', '确认截止', '已确认单位', '状态', '操作']}
        rows={p.rounds.map((r) => [
          `${r.year} 年度`, r.openedOn, r.dueOn, `${r.confirmed} / ${p.orgCount}`,
          r.closedOn ? `已结束（${r.closedOn}）` : <Badge tone="warn">进行中</Badge>,
          <a href={`${ROUNDS_HREF}/${r.id}`} aria-label={`查看 ${r.year} 年度备案`}>查看</a>,
        ])} />
      {p.canFile && !open && (
        <form method="post" action={ROUNDS_HREF} class="stack" novalidate>
          <h2>开启年度备案</h2>
          <ErrorSummary errors={p.errors} />
          <CsrfField token={p.vc.csrfToken} />
          <TextField name="year" label="备案年度" required inputMode="numeric" maxLength={4} value={str(p.values.year)} error={p.errors?.year} />
          <TextField name="dueOn" label="确认截止日期" required type="date" value={str(p.values.dueOn)} error={p.errors?.dueOn} />
          <div class="actions"><button type="submit">开启年度备案</button></div>
        </form>
      )}
    </AdminLayout>
  );
}

export function RoundPage(p: { vc: ViewContext; round: RoundRow; orgs: { id: number; name: string; confirmedOn?: string }[]; canFile: boolean }) {
  const missing = p.orgs.filter((o) => !o.confirmedOn);
  return (
    <AdminLayout ctx={p.vc} meta={{ title: `${p.round.year} 年度新闻发言人备案` }} current={FYR_HREF}>
      <Breadcrumb items={[{ href: ROUNDS_HREF, label: '年度备案' }, { label: `${p.round.year} 年度` }]} />
      <h1>{p.round.year} 年度新闻发言人备案</h1>
      <p>开启日期 {p.round.openedOn}，确认截止 {p.round.dueOn}{p.round.closedOn ? `，已于 ${p.round.closedOn} 结束` : ''}。已确认 {p.orgs.length - missing.length} 个单位，未确认 {missing.length} 个单位。</p>
      <DataTable caption="未确认的单位" empty="全部单位均已确认" head={['单位', '操作']}
        rows={missing.map((o) => [o.name, <a href={orgHref(o.id)} aria-label={`查看：${o.name}`}>查看</a>])} />
      <DataTable caption="已确认的单位" empty="尚无单位确认" head={['单位', '确认日期']}
        rows={p.orgs.filter((o) => o.confirmedOn).map((o) => [o.name, o.confirmedOn!])} />
      {p.canFile && !p.round.closedOn && (
        <form method="post" action={`${ROUNDS_HREF}/${p.round.id}/close`}>
          <CsrfField token={p.vc.csrfToken} />
          <button type="submit" class="secondary">结束 {p.round.year} 年度备案</button>
        </form>
      )}
    </AdminLayout>
  );
}

export function EvaluationsPage(p: { vc: ViewContext; rows: EvaluationRow[]; people: (PersonRow & { orgName: string })[]; canFile: boolean; values: FormStrings; errors?: Errors; notice?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '新闻发言人绩效评估' }} current={FYR_HREF}>
      <Breadcrumb items={[{ href: FYR_HREF, label: '新闻发言人' }, { label: '绩效评估' }]} />
      <h1>新闻发言人绩效评估</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>每年开展新闻发言人绩效评估：对发布虚假信息、回避社会关切、搪塞热点问题、失语重大事件、无故推诿媒体采访等情况，予以通报批评，并责令立即整改；情节严重的追究相关责任人的责任。</p>
      <DataTable caption="评估记录" empty="暂无评估记录" head={['年度', '单位', '新闻发言人', '结果', '整改', '操作']}
        rows={p.rows.map((e) => [
          String(e.year), e.orgName, e.personName, e.result ? labelOf(RESULTS, e.result) : '评估中',
          !e.rectifyRequired ? '无' : e.rectifiedOn ? `已整改（${e.rectifiedOn}）` : <Badge tone="warn">{`待整改，期限 ${e.rectifyDueOn}`}</Badge>,
          <a href={`${EVALUATIONS_HREF}/${e.id}`} aria-label={`查看 ${e.year} 年度评估：${e.personName}`}>查看</a>,
        ])} />
      {p.canFile && (
        <form method="post" action={EVALUATIONS_HREF} class="stack" novalidate>
          <h2>新建评估</h2>
          <ErrorSummary errors={p.errors} />
          <CsrfField token={p.vc.csrfToken} />
          <SelectField name="personId" label="新闻发言人" required placeholder="请选择" value={str(p.values.personId)} error={p.errors?.personId}
            options={p.people.map((x) => ({ value: String(x.id), label: `${x.orgName} ${x.name}` }))} />
          <TextField name="year" label="评估年度" required inputMode="numeric" maxLength={4} value={str(p.values.year)} error={p.errors?.year} />
          <div class="actions"><button type="submit">新建评估</button></div>
        </form>
      )}
    </AdminLayout>
  );
}

export function EvaluationPage(p: {
  vc: ViewContext; e: EvaluationRow; failings: FailingRow[]; outcome: EvaluationOutcome; canFile: boolean; canEdit: boolean;
  values: FormStrings; errors?: Errors; form?: 'failing' | 'decide' | 'rectify'; notice?: string;
}) {
  const { e } = p;
  const err = (f: string) => (p.form === f ? p.errors : undefined);
  return (
    <AdminLayout ctx={p.vc} meta={{ title: `${e.year} 年度绩效评估：${e.personName}` }} current={FYR_HREF}>
      <Breadcrumb items={[{ href: EVALUATIONS_HREF, label: '绩效评估' }, { label: `${e.year} 年度 ${e.personName}` }]} />
      <h1>{e.year} 年度绩效评估：{e.personName}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <dl class="facts">
        <dt>单位</dt><dd><a href={orgHref(e.orgId)}>{e.orgName}</a></dd>
        <dt>职务</dt><dd>{e.personPosition}</dd>
        <dt>评估结果</dt><dd>{e.result ? `${labelOf(RESULTS, e.result)}（${e.decidedOn}）` : `评估中；按已记录的问题，建议结果为“${RESULTS[p.outcome.result]}”：${p.outcome.reason}`}</dd>
        {e.accountability && <><dt>责任追究</dt><dd>情节严重，建议追究相关责任人的责任</dd></>}
      </dl>
      <DataTable caption="发现的问题" empty="未记录问题" head={['日期', '问题', '情况说明', ...(p.canFile && !e.result ? ['操作'] : [])]}
        rows={p.failings.map((f) => [f.occurredOn, labelOf(FAILINGS, f.kind), f.description, ...(p.canFile && !e.result ? [(
          <form method="post" action={`${EVALUATIONS_HREF}/${e.id}/failings/${f.id}/delete`}>
            <CsrfField token={p.vc.csrfToken} />
            <button type="submit" class="secondary" aria-label={`删除：${f.occurredOn} ${labelOf(FAILINGS, f.kind)}`}>删除</button>
          </form>
        )] : [])])} />
      {p.canFile && !e.result && (
        <>
          <form method="post" action={`${EVALUATIONS_HREF}/${e.id}/failings`} class="stack" novalidate>
            <h2>记录问题</h2>
            <ErrorSummary errors={err('failing')} />
            <CsrfField token={p.vc.csrfToken} />
            <SelectField name="kind" label="问题类型" required placeholder="请选择" value={p.form === 'failing' ? str(p.values.kind) : ''} error={err('failing')?.kind}
              options={FAILING_KEYS.map((k) => ({ value: k, label: FAILINGS[k] }))} />
            <TextField name="occurredOn" label="发生日期" required type="date" value={p.form === 'failing' ? str(p.values.occurredOn) : ''} error={err('failing')?.occurredOn} />
            <TextArea name="description" label="情况说明" required rows={3} maxLength={LIMITS.description} value={p.form === 'failing' ? str(p.values.description) : ''} error={err('failing')?.description} />
            <div class="actions"><button type="submit">记录问题</button></div>
          </form>
          <form method="post" action={`${EVALUATIONS_HREF}/${e.id}/decide`} class="stack" novalidate>
            <h2>确定评估结果</h2>
            <ErrorSummary errors={err('decide')} />
            <CsrfField token={p.vc.csrfToken} />
            <SelectField name="result" label="评估结果" required value={p.form === 'decide' ? str(p.values.result) : p.outcome.result} error={err('decide')?.result}
              options={RESULT_KEYS.map((k) => ({ value: k, label: RESULTS[k] }))} />
            {p.outcome.rectify && (
              <>
                <TextArea name="rectifyRequired" label="整改要求" required rows={3} maxLength={LIMITS.note} value={p.form === 'decide' ? str(p.values.rectifyRequired) : ''} error={err('decide')?.rectifyRequired}
                  hint="有问题记录的，予以通报批评并责令立即整改。" />
                <TextField name="rectifyDueOn" label="整改期限" required type="date" value={p.form === 'decide' ? str(p.values.rectifyDueOn) : ''} error={err('decide')?.rectifyDueOn} />
              </>
            )}
            <div class="actions"><button type="submit">确定评估结果</button></div>
          </form>
        </>
      )}
      {e.noticeText && (
        <section aria-labelledby="h-notice">
          <h2 id="h-notice">通报批评</h2>
          <p>{e.noticeText}</p>
        </section>
      )}
      {e.rectifyRequired && (
        <section aria-labelledby="h-rectify">
          <h2 id="h-rectify">整改</h2>
          <dl class="facts">
            <dt>整改要求</dt><dd>{e.rectifyRequired}</dd>
            <dt>整改期限</dt><dd>{e.rectifyDueOn}</dd>
            <dt>整改情况</dt><dd>{e.rectifiedOn ? `${e.rectifyMeasures}（${e.rectifiedOn} 办结）` : '尚未办结'}</dd>
          </dl>
          {p.canEdit && !e.rectifiedOn && (
            <form method="post" action={`${EVALUATIONS_HREF}/${e.id}/rectify`} class="stack" novalidate>
              <ErrorSummary errors={err('rectify')} />
              <CsrfField token={p.vc.csrfToken} />
              <TextArea name="measures" label="整改措施和结果" required rows={4} maxLength={LIMITS.note} value={p.form === 'rectify' ? str(p.values.measures) : ''} error={err('rectify')?.measures} />
              <div class="actions"><button type="submit">整改办结</button></div>
            </form>
          )}
        </section>
      )}
    </AdminLayout>
  );
}
