// 舆情分办规则: keyword or place → responsible organisation, with priority and the vertical flag.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CheckboxField, CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../../platform/forms/index.ts';
import type { RoutingRuleRow } from '../../settings.repo.ts';
import { SETTINGS_HREF } from './nav.ts';

export const ROUTING_HREF = '/admin/opinion/routing';

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

function RuleForm({ vc, rule, values, errors, orgs }: { vc: ViewContext; rule?: RoutingRuleRow; values: FormStrings; errors?: Record<string, string>; orgs: { id: number; name: string }[] }) {
  return (
    <form method="post" action={rule ? `${ROUTING_HREF}/${rule.id}` : ROUTING_HREF} class="stack" novalidate>
      <CsrfField token={vc.csrfToken} />
      <TextField name="term" label="关键词或地名" required maxLength={20} value={str(values.term)} error={errors?.term}
        hint="信息含有该词时建议由下面的单位牵头办理，例如“自来水”“城关镇”。" />
      <SelectField name="orgId" label="责任单位" required value={str(values.orgId)} placeholder="请选择" error={errors?.orgId}
        options={orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
      <TextField name="priority" label="优先级" required inputMode="numeric" maxLength={4} value={str(values.priority) || '0'} error={errors?.priority}
        hint="多条规则同时符合时，优先级高的先用（-100 至 100）；相同优先级时较长的词先用。" />
      <CheckboxField name="vertical" label="垂直管理单位（由其上级主管部门协调办理）" checked={str(values.vertical) !== '' && str(values.vertical) !== '0'} />
      <div class="actions">
        <button type="submit">{rule ? '保存修改' : '添加规则'}</button>
        {rule && <a href={ROUTING_HREF}>返回规则列表</a>}
      </div>
    </form>
  );
}

export function RoutingListPage(p: { vc: ViewContext; rules: RoutingRuleRow[]; orgs: { id: number; name: string }[]; values?: FormStrings; errors?: Record<string, string>; notice?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '舆情分办规则' }} current={SETTINGS_HREF}>
      <h1>舆情分办规则</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>按“属地管理、分级负责，谁主管谁负责”的原则，信息含有规则中的关键词或地名时，系统建议由对应单位牵头办理；没有规则符合时，按信息提到的单位或地名建议。建议由舆情专员研判时确认。</p>
      <DataTable caption="分办规则" empty="尚未设置分办规则"
        head={['关键词或地名', '责任单位', '优先级', '垂直管理', '操作']}
        rows={p.rules.map((r) => [
          r.term, r.orgName, String(r.priority), r.vertical ? '是' : '否',
          <>
            <a href={`${ROUTING_HREF}/${r.id}`} aria-label={`修改：${r.term} → ${r.orgName}`}>修改</a>{' '}
            <form method="post" action={`${ROUTING_HREF}/${r.id}/delete`} class="inline">
              <CsrfField token={p.vc.csrfToken} />
              <button type="submit" class="secondary" aria-label={`删除：${r.term} → ${r.orgName}`}>删除</button>
            </form>
          </>,
        ])} />
      <h2>添加规则</h2>
      <ErrorSummary errors={p.errors && inFormOrder(p.errors, ['term', 'orgId', 'priority'])} />
      <RuleForm vc={p.vc} values={p.values ?? {}} errors={p.errors} orgs={p.orgs} />
    </AdminLayout>
  );
}

export function RoutingEditPage(p: { vc: ViewContext; rule: RoutingRuleRow; orgs: { id: number; name: string }[]; values: FormStrings; errors?: Record<string, string> }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: `分办规则：${p.rule.term}` }} current={SETTINGS_HREF}>
      <Breadcrumb items={[{ href: ROUTING_HREF, label: '舆情分办规则' }, { label: p.rule.term }]} />
      <h1>分办规则：{p.rule.term}</h1>
      <ErrorSummary errors={p.errors && inFormOrder(p.errors, ['term', 'orgId', 'priority'])} />
      <RuleForm vc={p.vc} rule={p.rule} values={p.values} errors={p.errors} orgs={p.orgs} />
    </AdminLayout>
  );
}
