// 新闻发言人 back-office pages: the organisations with their filed spokesperson and 新闻助理 and
// this year's confirmation; one organisation's page; the form to submit a change; the press
// office's queue of changes to file.
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../platform/forms/index.ts';
import { formatInstant } from '../../../platform/time/index.ts';
import { BASES, BASIS_KEYS, FILING_KINDS, FILING_STATUSES, LIMITS, PERSON_ROLES, RESULTS, labelOf, type PersonRole } from '../domain.ts';
import type { EvaluationRow, FilingRow, PersonRow, RoundRow } from '../repo.ts';
import { Badge, EVALUATIONS_HREF, FILINGS_HREF, FYR_HREF, PUBLIC_FYR_HREF, ROUNDS_HREF, orgHref, str } from './shared.tsx';

export interface OrgOverview { id: number; name: string; spokesperson?: PersonRow; assistant?: PersonRow; pending: number; confirmedOn?: string }

const who = (p?: PersonRow) => (p ? `${p.name}（${p.position}）` : '未备案');

export function FyrListPage(p: { vc: ViewContext; orgs: OrgOverview[]; round?: RoundRow; canFile: boolean; notice?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '新闻发言人' }} current={FYR_HREF}>
      <h1>新闻发言人</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>各单位新闻发言人、新闻助理的变动报县委宣传部备案，备案后在<a href={PUBLIC_FYR_HREF}>新闻发言人名单</a>中向社会公布。</p>
      <p>
        {p.round ? <>{p.round.year} 年度备案进行中，确认截止日期 {p.round.dueOn}。</> : '当前没有进行中的年度备案。'}
        {' '}<a href={ROUNDS_HREF}>年度备案</a> · <a href={FILINGS_HREF}>{p.canFile ? '待备案的变更' : '报备记录'}</a> · <a href={EVALUATIONS_HREF}>绩效评估</a>
      </p>
      <DataTable caption="各单位新闻发言人" empty="没有可查看的单位"
        head={['单位', '新闻发言人', '新闻助理', '待备案', p.round ? `${p.round.year} 年度确认` : '年度确认', '操作']}
        rows={p.orgs.map((o) => [
          o.name, who(o.spokesperson), who(o.assistant),
          o.pending ? <Badge tone="warn">{`${o.pending} 项`}</Badge> : '无',
          !p.round ? '—' : o.confirmedOn ? <Badge tone="ok">{`已确认（${o.confirmedOn}）`}</Badge> : <Badge tone="err">未确认</Badge>,
          <a href={orgHref(o.id)} aria-label={`查看：${o.name}`}>查看</a>,
        ])} />
    </AdminLayout>
  );
}

function PersonFacts({ p }: { p: PersonRow }) {
  return (
    <dl class="facts">
      <dt>姓名</dt><dd>{p.name}</dd>
      <dt>职务</dt><dd>{p.position}</dd>
      {p.role === 'spokesperson' && <><dt>任职依据</dt><dd>{labelOf(BASES, p.basis)}</dd></>}
      <dt>办公电话</dt><dd>{p.officePhone}</dd>
      <dt>电子邮箱</dt><dd>{p.email || '—'}</dd>
      <dt>任期</dt><dd>{p.termFrom} 至 {p.termTo || '今'}</dd>
      <dt>备案日期</dt><dd>{p.filedOn}</dd>
    </dl>
  );
}

export function OrgPage(p: {
  vc: ViewContext; org: { id: number; name: string }; people: PersonRow[]; filings: FilingRow[]; round?: RoundRow; confirmedOn?: string;
  evaluations: EvaluationRow[]; canEdit: boolean; canFile: boolean; notice?: string; error?: string;
}) {
  const slot = (role: PersonRole) => p.people.find((x) => x.role === role);
  return (
    <AdminLayout ctx={p.vc} meta={{ title: `新闻发言人：${p.org.name}` }} current={FYR_HREF}>
      <Breadcrumb items={[{ href: FYR_HREF, label: '新闻发言人' }, { label: p.org.name }]} />
      <h1>{p.org.name}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.error && <Notice kind="warning">{p.error}</Notice>}
      {(['spokesperson', 'assistant'] as const).map((role) => {
        const person = slot(role);
        return (
          <section aria-labelledby={`h-${role}`}>
            <h2 id={`h-${role}`}>{PERSON_ROLES[role]}（已备案）</h2>
            {person ? <PersonFacts p={person} /> : <p>尚未备案。</p>}
            {p.canEdit && <p><a class="button" href={`${orgHref(p.org.id)}/${role}`}>{person ? `变更${PERSON_ROLES[role]}信息` : `登记${PERSON_ROLES[role]}`}</a></p>}
          </section>
        );
      })}
      <section aria-labelledby="h-round">
        <h2 id="h-round">年度备案确认</h2>
        {!p.round ? <p>当前没有进行中的年度备案。</p> : p.confirmedOn ? <p>本单位已于 {p.confirmedOn} 确认 {p.round.year} 年度备案。</p> : (
          <>
            <p>{p.round.year} 年度备案进行中，请于 {p.round.dueOn} 前核对上述信息：信息无变化的直接确认；有变化的先报备变更，经宣传部备案后再确认。</p>
            {p.canEdit && (
              <form method="post" action={`${orgHref(p.org.id)}/confirm`}>
                <CsrfField token={p.vc.csrfToken} />
                <button type="submit">确认本单位 {p.round.year} 年度新闻发言人信息</button>
              </form>
            )}
          </>
        )}
      </section>
      <FilingTable vc={p.vc} caption="报备记录" rows={p.filings} canFile={p.canFile} />
      <section aria-labelledby="h-eval">
        <h2 id="h-eval">绩效评估与整改</h2>
        <DataTable caption="绩效评估" empty="暂无评估记录" head={['年度', '新闻发言人', '结果', '整改', '操作']}
          rows={p.evaluations.map((e) => [
            String(e.year), e.personName, e.result ? labelOf(RESULTS, e.result) : '评估中',
            !e.rectifyRequired ? '无' : e.rectifiedOn ? `已整改（${e.rectifiedOn}）` : <Badge tone="warn">{`待整改，期限 ${e.rectifyDueOn}`}</Badge>,
            <a href={`${EVALUATIONS_HREF}/${e.id}`} aria-label={`查看 ${e.year} 年度评估：${e.personName}`}>查看</a>,
          ])} />
      </section>
    </AdminLayout>
  );
}

export function FilingTable({ vc, caption, rows, canFile, showOrg }: { vc: ViewContext; caption: string; rows: FilingRow[]; canFile: boolean; showOrg?: boolean }) {
  return (
    <DataTable caption={caption} empty="暂无报备记录"
      head={[...(showOrg ? ['单位'] : []), '岗位', '类型', '变动内容', '报备时间', '状态', ...(canFile ? ['操作'] : [])]}
      rows={rows.map((f) => [
        ...(showOrg ? [f.orgName] : []),
        labelOf(PERSON_ROLES, f.role), labelOf(FILING_KINDS, f.kind), f.changes, formatInstant(f.submittedAt, 'minute'),
        f.status === 'pending' ? <Badge tone="warn">待备案</Badge>
          : f.status === 'filed' ? <Badge tone="ok">{`已备案（${f.decidedOn}）`}</Badge>
          : <span>{`${labelOf(FILING_STATUSES, f.status)}：${f.returnReason ?? ''}`}</span>,
        ...(canFile ? [f.status !== 'pending' ? '—' : (
          <div class="actions">
            <form method="post" action={`${FILINGS_HREF}/${f.id}/file`}>
              <CsrfField token={vc.csrfToken} />
              <button type="submit" aria-label={`备案：${f.orgName}${labelOf(PERSON_ROLES, f.role)}`}>备案</button>
            </form>
            <a href={`${FILINGS_HREF}/${f.id}/return`} aria-label={`退回：${f.orgName}${labelOf(PERSON_ROLES, f.role)}`}>退回</a>
          </div>
        )] : []),
      ])} />
  );
}

export function FilingsPage(p: { vc: ViewContext; pending: FilingRow[]; recent: FilingRow[]; canFile: boolean; notice?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '新闻发言人备案' }} current={FYR_HREF}>
      <Breadcrumb items={[{ href: FYR_HREF, label: '新闻发言人' }, { label: '备案' }]} />
      <h1>新闻发言人备案</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>各单位报备的新闻发言人、新闻助理变动。备案后即在<a href={PUBLIC_FYR_HREF}>新闻发言人名单</a>中公布；信息有误的退回并说明原因。</p>
      <FilingTable vc={p.vc} caption="待备案的变更" rows={p.pending} canFile={p.canFile} showOrg />
      <FilingTable vc={p.vc} caption="近期已处理" rows={p.recent} canFile={false} showOrg />
    </AdminLayout>
  );
}

export function ReturnFilingPage(p: { vc: ViewContext; filing: FilingRow; values: FormStrings; errors?: Record<string, string> }) {
  const f = p.filing;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '退回报备' }} current={FYR_HREF}>
      <Breadcrumb items={[{ href: FILINGS_HREF, label: '新闻发言人备案' }, { label: '退回' }]} />
      <h1>退回报备：{f.orgName}{labelOf(PERSON_ROLES, f.role)}</h1>
      <p>变动内容：{f.changes}</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={`${FILINGS_HREF}/${f.id}/return`} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <TextArea name="reason" label="退回原因" required rows={3} maxLength={LIMITS.note} value={str(p.values.reason)} error={p.errors?.reason} />
        <div class="actions"><button type="submit">退回</button> <a href={FILINGS_HREF}>返回</a></div>
      </form>
    </AdminLayout>
  );
}

export function PersonFormPage(p: { vc: ViewContext; org: { id: number; name: string }; role: PersonRole; current?: PersonRow; pending?: boolean; values: FormStrings; errors?: Record<string, string> }) {
  const v = p.values;
  const label = PERSON_ROLES[p.role];
  return (
    <AdminLayout ctx={p.vc} meta={{ title: `报备${label}：${p.org.name}` }} current={FYR_HREF}>
      <Breadcrumb items={[{ href: FYR_HREF, label: '新闻发言人' }, { href: orgHref(p.org.id), label: p.org.name }, { label: `报备${label}` }]} />
      <h1>报备{label}</h1>
      <p>{p.org.name}。提交后报县委宣传部备案；备案前，对外公布的仍是已备案的信息。{p.pending && '本岗位已有一项待备案的报备，再次提交将替换它。'}</p>
      <ErrorSummary errors={p.errors && inFormOrder(p.errors, ['name', 'position', 'basis', 'officePhone', 'email', 'termFrom', 'termTo'])} />
      <form method="post" action={`${orgHref(p.org.id)}/${p.role}`} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <TextField name="name" label="姓名" required maxLength={LIMITS.name} value={str(v.name)} error={p.errors?.name} autocomplete="off"
          hint={p.current ? `现备案：${p.current.name}。更换人员时填写新任人员姓名。` : undefined} />
        <TextField name="position" label="职务" required maxLength={LIMITS.position} value={str(v.position)} error={p.errors?.position}
          hint={p.role === 'spokesperson' ? '例如：县教育体育局副局长。' : '新闻助理由媒介素质好、业务素质高的内设部门负责人担任，例如：办公室主任。'} />
        {p.role === 'spokesperson' && (
          <SelectField name="basis" label="任职依据" required value={str(v.basis)} placeholder="请选择" error={p.errors?.basis}
            options={BASIS_KEYS.map((k) => ({ value: k, label: BASES[k] }))}
            hint="县政府工作部门一般由主要负责人授权副职担任；乡镇由分管负责人或综合协调部门主要负责人担任。" />
        )}
        <TextField name="officePhone" label="办公电话" required type="tel" maxLength={LIMITS.phone} value={str(v.officePhone)} error={p.errors?.officePhone}
          hint="向社会公布，请填写办公电话，例如 0793-5120030。" />
        <TextField name="email" label="电子邮箱" type="email" maxLength={LIMITS.email} value={str(v.email)} error={p.errors?.email} />
        <TextField name="termFrom" label="任职起始日期" required type="date" value={str(v.termFrom)} error={p.errors?.termFrom} hint="格式：2026-01-01。" />
        <TextField name="termTo" label="任职截止日期" type="date" value={str(v.termTo)} error={p.errors?.termTo} hint="任期未定的不填。" />
        <div class="actions"><button type="submit">提交备案</button> <a href={orgHref(p.org.id)}>返回</a></div>
      </form>
    </AdminLayout>
  );
}
