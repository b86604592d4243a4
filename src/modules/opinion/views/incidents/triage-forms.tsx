// The 研判 and assignment forms of the incident page. Each carries the incident's version (a stale
// one is refused with the values kept); field names differ across the forms so their ids are unique.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { CsrfField, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import type { FormStrings } from '../../../../platform/forms/index.ts';
import { CATEGORIES, GRADES } from '../../model.ts';
import type { IncidentRow, OrgChoice } from '../../incidents.repo.ts';
import type { VerticalAdvice } from '../../use-cases/assign.ts';
import { stepAllowed } from '../../use-cases/triage-shared.ts';
import { INCIDENTS_HREF } from './shared.tsx';

export type FormState = { name: string; values: FormStrings; errors?: Record<string, string>; problem?: string };

export type TriageProps = {
  vc: ViewContext; incident: IncidentRow; now: Date; form?: FormState; orgs: OrgChoice[];
  /** The linked catalogue record (重大政策误解误读). */
  record: { id: number; title: string; indexNo: string } | null;
  may: { monitor: boolean; assign: boolean }; vertical: VerticalAdvice | null;
  splittable: { id: number; label: string }[];
};

const GRADE_OPTIONS = Object.entries(GRADES).map(([k, v]) => ({ value: k, label: v }));
const CATEGORY_OPTIONS = [...Object.entries(CATEGORIES).map(([k, v]) => ({ value: k, label: v })), { value: 'none', label: '不属于以上五类' }];

function Version({ i }: { i: IncidentRow }) {
  return <input type="hidden" name="version" value={String(i.version)} />;
}

export function TriageForms(p: TriageProps) {
  const i = p.incident;
  const f = p.form;
  const val = (form: string, key: string, dflt = ''): string => {
    if (f?.name !== form) return dflt;
    const v = f.values[key];
    return typeof v === 'string' ? v : dflt;
  };
  const list = (form: string, key: string, dflt: string[] = []): string[] => {
    if (f?.name !== form) return dflt;
    const v = f.values[key];
    return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
  };
  const err = (form: string, key: string) => (f?.name === form ? f.errors?.[key] : undefined);
  const action = (step: string) => `${INCIDENTS_HREF}/${i.id}/${step}`;
  const monitor = p.may.monitor;
  const showAny = (monitor && ['confirm', 'regrade', 'dismiss', 'merge', 'split', 'escalate', 'link'].some((s) => stepAllowed(s as never, i.status)))
    || (p.may.assign && stepAllowed('assign', i.status));
  if (!showAny) return null;
  const orgOptions = p.orgs.map((o) => ({ value: String(o.id), label: o.vertical ? `${o.name}（垂直管理）` : o.name }));
  const selectedCo = list('assign', 'co', i.coOrgIds.map(String));

  return (
    <section aria-labelledby="triage-title">
      <h2 id="triage-title">研判与处置</h2>

      {monitor && stepAllowed('confirm', i.status) && (
        <form method="post" action={action('confirm')} class="stack" novalidate>
          <h3>研判确认</h3>
          <p>确认后按所定级别开始计算回应时限。所定级别或类别与系统建议不同的，系统将保留更正记录。</p>
          <CsrfField token={p.vc.csrfToken} /><Version i={i} />
          <SelectField name="grade" label="舆情级别" required value={val('confirm', 'grade', i.suggestedGrade ?? 'general')} options={GRADE_OPTIONS} error={err('confirm', 'grade')} />
          <SelectField name="category" label="舆情类别" required value={val('confirm', 'category', i.suggestedCategory ?? 'none')} options={CATEGORY_OPTIONS} error={err('confirm', 'category')} />
          <TextField name="higherDeadline" label="上级要求回应时限（选填）" value={val('confirm', 'higherDeadline')} maxLength={25} error={err('confirm', 'higherDeadline')}
            hint="上级机关要求限时回应的，填写其时限，例如 2026-10-01 18:00（北京时间）。" autocomplete="off" />
          <TextArea name="reason" label="研判说明（选填）" rows={3} maxLength={500} value={val('confirm', 'reason')} error={err('confirm', 'reason')}
            hint="与系统建议不一致时，请说明理由。" />
          <div class="actions"><button type="submit">确认研判</button></div>
        </form>
      )}

      {monitor && stepAllowed('regrade', i.status) && (
        <form method="post" action={action('regrade')} class="stack" novalidate>
          <h3>调整等级或分类</h3>
          <p>提高级别的，按新级别重新计算时限；降低级别不延长已有时限。</p>
          <CsrfField token={p.vc.csrfToken} /><Version i={i} />
          <SelectField name="rgGrade" label="调整后的级别" required value={val('regrade', 'rgGrade', i.grade ?? 'general')} options={GRADE_OPTIONS} error={err('regrade', 'rgGrade')} />
          <SelectField name="rgCategory" label="调整后的类别" required value={val('regrade', 'rgCategory', i.category ?? 'none')} options={CATEGORY_OPTIONS} error={err('regrade', 'rgCategory')} />
          <TextArea name="rgReason" label="调整理由" required rows={3} maxLength={500} value={val('regrade', 'rgReason')} error={err('regrade', 'rgReason')} />
          <div class="actions"><button type="submit">保存调整</button></div>
        </form>
      )}

      {p.may.assign && stepAllowed('assign', i.status) && (
        <form method="post" action={action('assign')} class="stack" novalidate>
          <h3>指定牵头单位</h3>
          <p>按照属地管理、分级负责、谁主管谁负责的原则指定。涉及多个单位的，由县政府办公室指定牵头单位。</p>
          {p.vertical && (
            <p class="notice notice-info">{p.vertical.orgName}为垂直管理单位，建议由其上级主管部门{p.vertical.higher ? `（${p.vertical.higher.name}）` : ''}牵头回应，县政府办公室做好协调。</p>
          )}
          <CsrfField token={p.vc.csrfToken} /><Version i={i} />
          <SelectField name="lead" label="牵头单位" required value={val('assign', 'lead', String(i.leadOrgId ?? i.suggestedOrgId ?? ''))} placeholder="请选择"
            options={orgOptions} error={err('assign', 'lead')} />
          <fieldset class={err('assign', 'co') ? 'field field-error' : 'field'} id="f-co">
            <legend>协办单位（选填，可多选）</legend>
            {err('assign', 'co') && <p class="error-message">{err('assign', 'co')}</p>}
            <div class="checkbox-columns">
              {p.orgs.map((o) => (
                <div class="field-checkbox">
                  <input type="checkbox" id={`f-co-${o.id}`} name="co" value={String(o.id)} checked={selectedCo.includes(String(o.id))} />
                  <label for={`f-co-${o.id}`}>{o.name}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <TextArea name="assignNote" label="指定说明（选填）" rows={2} maxLength={500} value={val('assign', 'assignNote')} error={err('assign', 'assignNote')} />
          <div class="actions"><button type="submit">保存指定</button></div>
        </form>
      )}

      {monitor && stepAllowed('escalate', i.status) && (
        <form method="post" action={action('escalate')} class="stack" novalidate>
          <h3>升级上报</h3>
          <p>立即以邮件报告县政府办公室和网信办，并附24小时值班联系人。</p>
          <CsrfField token={p.vc.csrfToken} /><Version i={i} />
          <TextArea name="escalateNote" label="上报说明" required rows={3} maxLength={1000} value={val('escalate', 'escalateNote')} error={err('escalate', 'escalateNote')} />
          <div class="actions"><button type="submit" class="secondary">上报</button></div>
        </form>
      )}

      {monitor && stepAllowed('link', i.status) && (
        <form method="post" action={action('link')} class="stack" novalidate>
          <h3>关联政策文件</h3>
          <p>舆情涉及对某项政策的误解误读的，关联该政策文件后，回应页面将提示编制政策解读或新闻稿。</p>
          <CsrfField token={p.vc.csrfToken} /><Version i={i} />
          <TextField name="linkRecord" label="政策文件的索引号或编号" value={val('link', 'linkRecord', p.record?.indexNo ?? '')} maxLength={60} error={err('link', 'linkRecord')}
            hint="例如 000014348/2026-00012，或信息编号；留空后提交即取消关联。" autocomplete="off" />
          <div class="actions"><button type="submit" class="secondary">保存关联</button></div>
        </form>
      )}

      {monitor && stepAllowed('merge', i.status) && (
        <form method="post" action={action('merge')} class="stack" novalidate>
          <h3>合并到其他事件</h3>
          <CsrfField token={p.vc.csrfToken} /><Version i={i} />
          <TextField name="mergeTarget" label="合并到的舆情编号" required value={val('merge', 'mergeTarget')} maxLength={20} error={err('merge', 'mergeTarget')}
            hint="例如 YQ-2026-0012。本事件的全部信息将移入该事件，本事件标为“已合并”。" autocomplete="off" />
          <div class="actions"><button type="submit" class="secondary">合并</button></div>
        </form>
      )}

      {monitor && stepAllowed('split', i.status) && p.splittable.length > 1 && (
        <form method="post" action={action('split')} class="stack" novalidate>
          <h3>拆分为新事件</h3>
          <CsrfField token={p.vc.csrfToken} /><Version i={i} />
          <fieldset class={err('split', 'splitItems') ? 'field field-error' : 'field'} id="f-splitItems">
            <legend>要拆分出去的信息（其转发一并移出）</legend>
            {err('split', 'splitItems') && <p class="error-message">{err('split', 'splitItems')}</p>}
            {p.splittable.map((x) => (
              <div class="field-checkbox">
                <input type="checkbox" id={`f-splitItems-${x.id}`} name="splitItems" value={String(x.id)} checked={list('split', 'splitItems').includes(String(x.id))} />
                <label for={`f-splitItems-${x.id}`}>{x.label}</label>
              </div>
            ))}
          </fieldset>
          <TextField name="splitTitle" label="新事件标题（选填）" value={val('split', 'splitTitle')} maxLength={200} error={err('split', 'splitTitle')} />
          <div class="actions"><button type="submit" class="secondary">拆分</button></div>
        </form>
      )}

      {monitor && stepAllowed('dismiss', i.status) && (
        <form method="post" action={action('dismiss')} class="stack" novalidate>
          <h3>排除</h3>
          <CsrfField token={p.vc.csrfToken} /><Version i={i} />
          <TextArea name="dismissReason" label="排除理由" required rows={2} maxLength={500} value={val('dismiss', 'dismissReason')} error={err('dismiss', 'dismissReason')}
            hint="例如：与本县无关、已有权威信息、不属于政务舆情。" />
          <div class="actions"><button type="submit" class="secondary">排除</button></div>
        </form>
      )}
    </section>
  );
}
