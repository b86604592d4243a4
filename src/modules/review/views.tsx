// Review screens: the chain list and editor (/admin/review-chains), and components other modules
// reuse to show a review: ReviewHistory (审核记录 table) and ReviewProgress (the steps and where it is).
import type { ViewContext } from '../../platform/views/context.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { formatInstant } from '../../platform/time/index.ts';
import { CheckboxField, CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField } from '../../platform/views/form.tsx';
import { ROLE_KEYS, ROLES } from '../auth/policy.ts';
import {
  CHAIN_LIMITS, STEP_CONCLUSIONS, STEP_KINDS, STEP_SCOPE_KEYS, STEP_SCOPES, SUBJECT_TYPE_KEYS, SUBJECT_TYPES,
  describeStep, recordKindLabel, separateActors, statusLabel, subjectTypeLabel, type ChainForm, type StepDef,
} from './domain.ts';
import type { ChainView, HistoryEntry, ReviewInstance } from './use-cases.ts';

const NAV = '/admin/review-chains';

/** 2027-03-01 16:05 in China time, whatever the server's zone. */
export const formatTime = (d: Date): string => formatInstant(d, 'minute');

const conclusionLabel = (c: string) => (Object.hasOwn(STEP_CONCLUSIONS, c) ? STEP_CONCLUSIONS[c as keyof typeof STEP_CONCLUSIONS] : c);

/** Every action of a review instance: step, person, conclusion, opinion, time. */
export function ReviewHistory({ history, caption = '审核记录' }: { history: readonly HistoryEntry[]; caption?: string }) {
  return (
    <DataTable caption={caption} head={['步骤', '办理人', '结论', '意见', '时间']} empty="暂无审核记录"
      rows={history.map((h) => [
        h.stepName || '—',
        h.actorName,
        conclusionLabel(h.conclusion),
        h.opinion ? <span class="pre-wrap">{h.opinion}</span> : '—',
        <time dateTime={h.actedAt.toISOString()}>{formatTime(h.actedAt)}</time>,
      ])} />
  );
}

/** The instance's steps as an ordered list, marking those done and the current one. */
export function ReviewProgress({ instance }: { instance: ReviewInstance }) {
  const open = instance.status === 'in_progress';
  return (
    <div>
      <p>审核状态：<strong>{statusLabel(instance.status)}</strong></p>
      <ol class="review-steps">
        {instance.steps.map((s, i) => {
          const state = i < instance.currentStep || (instance.status === 'approved' && i === instance.currentStep)
            ? '已完成' : i === instance.currentStep ? (open ? '当前步骤' : statusLabel(instance.status)) : '未开始';
          return <li aria-current={open && i === instance.currentStep ? 'step' : undefined}>{s.name}（{ROLES[s.role]}）— {state}</li>;
        })}
      </ol>
    </div>
  );
}

function StepsSummary({ steps }: { steps: readonly StepDef[] }) {
  if (!steps.length) return <span class="muted">（步骤数据无效）</span>;
  return <ol class="review-steps">{steps.map((s) => <li>{describeStep(s)}</li>)}</ol>;
}

export function ChainListPage({ vc, chains, canEditDefaults, notice }: { vc: ViewContext; chains: ChainView[]; canEditDefaults: boolean; notice?: string }) {
  const active = chains.filter((c) => c.active);
  const inactive = chains.filter((c) => !c.active);
  const rows = (list: ChainView[]) => list.map((c) => [
    <a href={`/admin/review-chains/${c.id}`}>{c.name}</a>,
    subjectTypeLabel(c.subjectType),
    recordKindLabel(c.subjectType, c.recordKind),
    c.orgName ?? '全部单位默认',
    <><StepsSummary steps={c.stepList} />{!separateActors(c.stepList) && <span class="muted">相邻步骤可由同一人办理</span>}</>,
  ]);
  return (
    <AdminLayout ctx={vc} meta={{ title: '审核流程配置' }} current={NAV}>
      <h1>审核流程配置</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>审核流程规定各类事项发布前须经过的步骤及每一步的办理人。某一单位未单独配置时，沿用其上级单位的流程；上级单位也未配置时，使用“全部单位默认”流程。单独为某一信息类型配置的流程优先于同一单位的通用流程。</p>
      <p>流程修改后仅对新提交的事项生效，已在审核中的事项仍按提交时的流程办理。</p>
      <p><a class="button" href="/admin/review-chains/new">新增审核流程</a></p>
      <DataTable caption="启用中的审核流程" head={['流程名称', '适用事项', '信息类型', '适用单位', '审核步骤']} rows={rows(active)} empty="暂无审核流程" />
      {inactive.length > 0 && <DataTable caption="已停用的审核流程" head={['流程名称', '适用事项', '信息类型', '适用单位', '审核步骤']} rows={rows(inactive)} />}
      {!canEditDefaults && <p class="muted">“全部单位默认”流程由管辖全部单位的政务公开办维护，您可以查看但不能修改。</p>}
    </AdminLayout>
  );
}

export interface OrgChoice { id: number; name: string; depth: number }

function StepRows({ values, errors }: { values: ChainForm; errors?: Record<string, string> }) {
  const e = (k: string) => errors?.[k];
  return (
    <fieldset id="f-steps" class={errors?.steps ? 'step-rows field-error' : 'step-rows'} tabIndex={-1} aria-describedby="f-steps-hint">
      <legend>审核步骤</legend>
      <p class="hint" id="f-steps-hint">
        按“顺序”从小到大办理（顺序相同时按行的先后）。第一步为提交步骤，由提交审核的人员在提交时完成。最多 {CHAIN_LIMITS.steps} 个步骤；
        不需要的行留空即可，勾选“删除此步骤”可移除已有步骤。步骤代码可不填，系统将自动生成。
      </p>
      {errors?.steps && <p class="error-message">{errors.steps}</p>}
      <input type="hidden" name="rowCount" value={String(values.rows.length)} />
      {values.rows.map((r, i) => (
        <fieldset class="step-row">
          <legend>第 {i + 1} 行</legend>
          <TextField name={`s${i}_order`} label="顺序" value={r.order} maxLength={2} inputMode="numeric" error={e(`s${i}_order`)} />
          <TextField name={`s${i}_name`} label="步骤名称" value={r.name} maxLength={CHAIN_LIMITS.stepName} error={e(`s${i}_name`)} />
          <SelectField name={`s${i}_role`} label="办理角色" value={r.role} placeholder="请选择"
            options={ROLE_KEYS.map((k) => ({ value: k, label: ROLES[k] }))} error={e(`s${i}_role`)} />
          <SelectField name={`s${i}_scope`} label="办理范围" value={r.scope}
            options={STEP_SCOPE_KEYS.map((k) => ({ value: k, label: STEP_SCOPES[k] }))} error={e(`s${i}_scope`)} />
          <SelectField name={`s${i}_kind`} label="步骤类别" value={r.kind} placeholder="一般审核"
            options={Object.entries(STEP_KINDS).map(([k, v]) => ({ value: k, label: v }))} error={e(`s${i}_kind`)} />
          <TextField name={`s${i}_key`} label="步骤代码" value={r.key} maxLength={CHAIN_LIMITS.key} error={e(`s${i}_key`)} />
          {(r.key || r.name) && <CheckboxField name={`s${i}_del`} label="删除此步骤" checked={r.del} />}
        </fieldset>
      ))}
    </fieldset>
  );
}

export function ChainEditPage(props: {
  vc: ViewContext;
  chain?: ChainView;
  canEdit: boolean;
  canEditDefaults: boolean;
  values: ChainForm;
  errors?: Record<string, string>;
  orgs: OrgChoice[];
  notice?: string;
  error?: string;
}) {
  const { vc, chain, values, errors, canEdit } = props;
  const title = chain ? chain.name : '新增审核流程';
  const action = chain ? `/admin/review-chains/${chain.id}` : '/admin/review-chains';
  const orgOptions = props.orgs.map((o) => ({ value: String(o.id), label: '　'.repeat(o.depth - 1) + o.name }));
  const kindOptions = SUBJECT_TYPE_KEYS.flatMap((t) => Object.entries(SUBJECT_TYPES[t].kinds).map(([k, v]) => ({ value: k, label: `${v}（${SUBJECT_TYPES[t].label}）` })));
  return (
    <AdminLayout ctx={vc} meta={{ title }} current={NAV}>
      <p><a href="/admin/review-chains">审核流程配置</a> › {title}</p>
      <h1>{title}</h1>
      {props.notice && <Notice>{props.notice}</Notice>}
      {props.error && <div class="error-summary" role="alert"><h2>操作未完成</h2><p>{props.error}</p></div>}
      <ErrorSummary errors={errors} />
      {chain && (
        <dl class="facts">
          <dt>状态</dt><dd>{chain.active ? <span class="badge badge-ok">启用</span> : <span class="badge badge-err">已停用</span>}</dd>
          <dt>适用事项</dt><dd>{subjectTypeLabel(chain.subjectType)}</dd>
          <dt>信息类型</dt><dd>{recordKindLabel(chain.subjectType, chain.recordKind)}</dd>
          <dt>适用单位</dt><dd>{chain.orgName ?? '全部单位默认'}</dd>
        </dl>
      )}
      {chain && (!canEdit || !chain.active) && <StepsSummary steps={chain.stepList} />}
      {canEdit && (!chain || chain.active) && (
        <form method="post" action={action} class="stack" novalidate>
          <CsrfField token={vc.csrfToken} />
          <TextField name="name" label="流程名称" value={values.name} required maxLength={CHAIN_LIMITS.chainName} error={errors?.name} />
          {!chain && (
            <>
              <SelectField name="subjectType" label="适用事项" value={values.subjectType} required placeholder="请选择"
                options={SUBJECT_TYPE_KEYS.map((k) => ({ value: k, label: SUBJECT_TYPES[k].label }))} error={errors?.subjectType} />
              <SelectField name="recordKind" label="信息类型" value={values.recordKind} placeholder="全部类型"
                hint="仅对某一类信息单独配置流程时选择；所选类型须属于上面的适用事项。" options={kindOptions} error={errors?.recordKind} />
              <SelectField name="orgId" label="适用单位" value={values.orgId} required={!props.canEditDefaults}
                placeholder={props.canEditDefaults ? '全部单位默认' : '请选择'}
                hint="下级单位未单独配置时沿用本流程。" options={orgOptions} error={errors?.orgId} />
            </>
          )}
          <CheckboxField name="separateActors" label="相邻两个步骤须由不同人员办理（三审制要求）" checked={values.separateActors} />
          <StepRows values={values} errors={errors} />
          <div class="actions">
            <button type="submit">保存</button>
            {values.rows.length < CHAIN_LIMITS.rows && <button type="submit" name="more" value="1" class="secondary">增加空行（不保存）</button>}
            <a href="/admin/review-chains">返回流程列表</a>
          </div>
        </form>
      )}
      {chain && canEdit && chain.active && !(chain.orgId === null && chain.recordKind === null) && (
        <form method="post" action={`/admin/review-chains/${chain.id}/deactivate`}>
          <CsrfField token={vc.csrfToken} />
          <h2>停用流程</h2>
          <p>停用后，新提交的事项将改用上级单位或默认流程；已在审核中的事项不受影响。</p>
          <button type="submit">停用此流程</button>
        </form>
      )}
    </AdminLayout>
  );
}
