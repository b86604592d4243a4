// The 隐私与保密检查 section of the review page: before submitting, what the submit scan will find
// in the current text; afterwards, the stored findings. One row per value (with all its places),
// a decision per row, and per kind 全部遮盖 / 全部确认可以公开.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { CsrfField, DataTable, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { findingKindLabel } from '../../workflow/domain.ts';
import { openByKind, placesLabel, type FindingGroup } from '../../workflow/findings.ts';

type Errors = Record<string, string | undefined>;

export interface FindingsProps {
  vc: ViewContext;
  recordId: number;
  groups: FindingGroup[];
  /** The record is a draft: the list is what submitting would find, nothing is stored yet. */
  preSubmit: boolean;
  canResolve: boolean;
  values?: Record<string, string>;
  errors?: Errors;
}

const RESOLVED: Record<string, string> = { redact: '遮盖', accept: '保留' };

function GroupForm({ p, g }: { p: FindingsProps; g: FindingGroup }) {
  const r = `r-${g.token}`;
  const why = `reason-${g.token}`;
  const options = [
    ...(g.maskable ? [{ value: 'redact', label: '遮盖' }] : []),
    { value: 'accept', label: '保留并说明理由' },
    ...(g.allowable ? [{ value: 'office_phone', label: '本单位对外公开的办公电话，今后不再提示' }] : []),
  ];
  return (
    <form method="post" action={`/admin/catalog/${p.recordId}/findings/resolve`} class="inline-form">
      <CsrfField token={p.vc.csrfToken} />
      <input type="hidden" name="group" value={g.token} />
      <SelectField name={r} label="处理方式" value={p.values?.[r] ?? options[0]!.value} error={p.errors?.[r]} options={options} />
      <TextField name={why} label="理由" value={p.values?.[why]} maxLength={500} error={p.errors?.[why]} />
      <button type="submit">确定</button>
    </form>
  );
}

function KindForms({ p }: { p: FindingsProps }) {
  const kinds = openByKind(p.groups);
  if (!p.canResolve || !kinds.length) return null;
  const action = `/admin/catalog/${p.recordId}/findings/resolve`;
  return (
    <div class="stack">
      <h3>按类别一并处理</h3>
      {kinds.map((k) => {
        const label = findingKindLabel(k.kind);
        const why = `reason-all-${k.kind}`;
        return (
          <fieldset class="stack">
            <legend>{label}（{k.open} 处未处理）</legend>
            {k.maskable > 0 && (
              <form method="post" action={action} class="inline-form">
                <CsrfField token={p.vc.csrfToken} />
                <input type="hidden" name="kind" value={k.kind} />
                <button type="submit" name="resolution" value="redact">全部遮盖（{label} {k.maskable} 处）</button>
              </form>
            )}
            <form method="post" action={action} class="inline-form">
              <CsrfField token={p.vc.csrfToken} />
              <input type="hidden" name="kind" value={k.kind} />
              <TextField name={why} label={`确认可以公开的理由（${label}）`} value={p.values?.[why]} maxLength={500} error={p.errors?.[why]} />
              <button type="submit" name="resolution" value="accept" class="secondary">全部确认可以公开</button>
            </form>
          </fieldset>
        );
      })}
    </div>
  );
}

export function FindingsSection(p: FindingsProps) {
  const { groups } = p;
  const intro = p.preSubmit
    ? <p>以下是按当前内容检查信息名称、正文、内容描述等著录项和附件的结果，提交审核时将按此记录。可在提交前处理，保密审查时仍可更改。</p>
    : null;
  if (!groups.length) return <>{intro}<p>未发现身份证号、手机号码、住址、密级标志等需要处理的内容。</p></>;
  const open = groups.filter((g) => g.open).length;
  return (
    <>
      {intro}
      <p>{open ? <strong>尚有 {open} 处未处理。</strong> : '全部检查结果均已处理。'}同一内容出现在多个位置的合并为一条，处理结果对各位置同时生效。“遮盖”后公开版本显示为掩码，原文仅在内部保留；“保留”须说明理由。内容描述、关键词、责任部门、发布机构中的内容不能遮盖，须退回承办人修改或保留并说明理由。</p>
      <DataTable caption="隐私与保密检查结果" head={['位置', '类别', '内容（已遮盖）', '处理']}
        rows={groups.map((g) => [
          placesLabel(g.places),
          findingKindLabel(g.kind),
          <code>{g.excerpt}</code>,
          !g.open
            ? <>
              {g.resolution ? <>{RESOLVED[g.resolution] ?? g.resolution}{g.reason ? `（${g.reason}）` : ''}{g.resolvedByName ? ` — ${g.resolvedByName}` : ''}</> : '已处理'}
              {p.canResolve && <details><summary>更改处理方式</summary><GroupForm p={p} g={g} /></details>}
            </>
            : p.canResolve ? <GroupForm p={p} g={g} /> : <span class="badge badge-warn">未处理</span>,
        ])} />
      <KindForms p={p} />
    </>
  );
}
