// 舆情监测方案: the list with the "试一试" box (which plan keeps a pasted text and why), and the
// add / edit page (keyword groups, exclusions, media types, organisations, who is told).
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CheckboxField, CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../../platform/forms/index.ts';
import { MEDIA_TYPES, labelOf } from '../../model.ts';
import { CheckboxList } from './fields.tsx';
import type { PlanRow } from '../../settings.repo.ts';
import { MEDIA_TYPE_KEYS, PLAN_LIMITS, type PlanExplanation } from '../../settings.domain.ts';
import { SETTINGS_HREF } from './nav.ts';

export const PLANS_HREF = '/admin/opinion/plans';

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');
const list = (v: FormStrings[string] | undefined) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);

export type TryResult = { kept: boolean; noPlans: boolean; explanations: PlanExplanation[] };

export function PlanListPage(p: {
  vc: ViewContext; plans: PlanRow[]; orgName: (id: number) => string; notice?: string;
  tryValues?: FormStrings; tryErrors?: Record<string, string>; tried?: TryResult;
}) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '舆情监测方案' }} current={SETTINGS_HREF}>
      <h1>舆情监测方案</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>监测方案决定哪些信息进入研判：信息含有某一关键词组的全部词语、不含排除词，且媒体类型和提到的单位符合方案范围时保留，并提醒方案指定的人员。
        没有启用任何方案时，所有信息都进入研判。</p>
      <p><a class="button" href={`${PLANS_HREF}/new`}>新增监测方案</a></p>
      <DataTable caption="监测方案" empty="尚未设置监测方案，所有信息都进入研判"
        head={['方案名称', '关键词组', '排除词', '媒体类型', '关注的单位', '状态']}
        rows={p.plans.map((x) => [
          <a href={`${PLANS_HREF}/${x.id}`}>{x.name}</a>,
          x.includeGroups.length ? x.includeGroups.map((g) => g.join(' + ')).join('；') : '（不限）',
          x.excludeWords.join('、') || '无',
          x.mediaTypes.length ? x.mediaTypes.map((m) => labelOf(MEDIA_TYPES, m) || m).join('、') : '全部',
          x.orgIds.length ? x.orgIds.map(p.orgName).join('、') : '全部',
          x.active ? <span class="badge badge-ok">启用</span> : <span class="badge">停用</span>,
        ])} />
      <h2 id="try-title">试一试</h2>
      <p>粘贴一段文字，查看启用的方案中哪些会保留它、原因是什么。文字不会保存。</p>
      <ErrorSummary errors={p.tryErrors} />
      <form method="post" action={`${PLANS_HREF}/try`} class="stack" novalidate aria-labelledby="try-title">
        <CsrfField token={p.vc.csrfToken} />
        <TextArea name="text" label="试验文本" required rows={5} maxLength={5000} value={str(p.tryValues?.text)} error={p.tryErrors?.text} />
        <SelectField name="mediaType" label="媒体类型" value={str(p.tryValues?.mediaType) || 'news'} error={p.tryErrors?.mediaType}
          options={MEDIA_TYPE_KEYS.map((k) => ({ value: k, label: MEDIA_TYPES[k] }))} />
        <div class="actions"><button type="submit">试一试</button></div>
      </form>
      {p.tried && <TryResultView r={p.tried} />}
    </AdminLayout>
  );
}

function TryResultView({ r }: { r: TryResult }) {
  return (
    <section aria-labelledby="tried-title">
      <h3 id="tried-title">试验结果</h3>
      <Notice kind={r.kept ? 'success' : 'warning'}>
        {r.noPlans ? '没有启用的监测方案：这段文字会进入研判。' : r.kept
          ? `这段文字会被 ${r.explanations.filter((e) => e.kept).map((e) => `“${e.name}”`).join('、')} 保留，进入研判。`
          : '没有方案保留这段文字：它会被存档，但不进入研判。'}
      </Notice>
      {r.explanations.length > 0 && (
        <DataTable caption="各方案的判断" head={['方案', '结果', '原因']}
          rows={r.explanations.map((e) => [e.name, e.kept ? '保留' : '不保留', e.reason])} />
      )}
    </section>
  );
}

export type Choice = { id: number; name: string };

export function PlanEditPage(p: {
  vc: ViewContext; plan?: PlanRow; values: FormStrings; errors?: Record<string, string>;
  orgs: Choice[]; users: (Choice & { orgName: string })[]; notice?: string;
}) {
  const title = p.plan ? `监测方案：${p.plan.name}` : '新增监测方案';
  const v = p.values;
  const errors = p.errors && inFormOrder(p.errors, ['name', 'groups', 'excludes', 'mediaTypes', 'orgIds', 'notifyUserIds']);
  const checked = (k: string) => new Set(list(v[k]));
  const mt = checked('mediaTypes');
  const og = checked('orgIds');
  const us = checked('notifyUserIds');
  return (
    <AdminLayout ctx={p.vc} meta={{ title }} current={SETTINGS_HREF}>
      <Breadcrumb items={[{ href: PLANS_HREF, label: '舆情监测方案' }, { label: p.plan ? p.plan.name : '新增监测方案' }]} />
      <h1>{title}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <ErrorSummary errors={errors} />
      <form method="post" action={p.plan ? `${PLANS_HREF}/${p.plan.id}` : PLANS_HREF} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <TextField name="name" label="方案名称" required value={str(v.name)} maxLength={PLAN_LIMITS.name} error={p.errors?.name} />
        <TextArea name="groups" label="关键词组" rows={4} value={str(v.groups)} error={p.errors?.groups}
          hint={`每行一组，同组的词用空格或顿号分隔；信息含有某一组的全部词语即符合。不填则不限关键词。最多 ${PLAN_LIMITS.groups} 组。`} />
        <TextField name="excludes" label="排除词" value={str(v.excludes)} maxLength={1000} error={p.errors?.excludes}
          hint="含有任一排除词的信息不保留，词之间用空格或顿号分隔。" />
        <CheckboxList name="mediaTypes" legend="媒体类型（不选为全部）" checked={mt} error={p.errors?.mediaTypes}
          options={MEDIA_TYPE_KEYS.map((k) => ({ value: k, label: MEDIA_TYPES[k] }))} />
        <CheckboxList name="orgIds" legend="关注的单位（信息提到或责任属于这些单位；不选为全部）" checked={og} error={p.errors?.orgIds}
          options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <CheckboxList name="notifyUserIds" legend="提醒人员（方案保留信息时发送邮件提醒）" checked={us} error={p.errors?.notifyUserIds}
          empty="尚无填写了电子邮箱的人员。" options={p.users.map((u) => ({ value: String(u.id), label: `${u.name}（${u.orgName}）` }))} />
        <CheckboxField name="active" label="启用此方案" checked={str(v.active) !== '' && str(v.active) !== '0'} />
        <div class="actions">
          <button type="submit">{p.plan ? '保存修改' : '保存方案'}</button>
          <a href={PLANS_HREF}>返回方案列表</a>
        </div>
      </form>
      {p.plan && (
        <form method="post" action={`${PLANS_HREF}/${p.plan.id}/delete`}>
          <CsrfField token={p.vc.csrfToken} />
          <h2>删除方案</h2>
          <p>删除后，已保留的信息不受影响；此后不再按本方案保留和提醒。</p>
          <button type="submit" class="secondary">删除此方案</button>
        </form>
      )}
    </AdminLayout>
  );
}
