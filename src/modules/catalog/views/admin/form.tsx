// The record form (new and edit): every field of SPEC.md §1 in labelled fieldsets, errors tied to
// their fields, the user's input always written back; "生成建议" re-renders it with suggested keywords.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CheckboxField, CsrfField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import {
  ART20_ITEMS, CATEGORIES, DISCLOSURES, DOC_TYPES, FIELD_MAX, TERMS, TIME_LIMITS, VALIDITIES, WITHHELD_GROUNDS,
  art20Label, type RecordField, type RecordForm,
} from '../../domain.ts';

export const NAV = '/admin/catalog';

export interface Difference { field: RecordField; label: string; current: string; mine: string }

export interface RecordFormProps {
  vc: ViewContext;
  mode: 'new' | 'edit';
  values: Partial<RecordForm>;
  errors?: Partial<Record<string, string>>;
  /** Summary message above the field errors (e.g. a version conflict). */
  message?: string;
  notice?: string;
  /** Organisations the user may draft for (new only). */
  orgs?: { id: number; name: string }[];
  orgId?: string;
  /** Edit: the record and the version the form is based on. */
  record?: { id: number; indexNo: string; title: string; orgName: string };
  version?: number;
  differences?: Difference[];
  suggestions?: string[];
  /** An uploaded original kept as an attachment when the record is saved. */
  upload?: { token: string; name: string };
}

const opts = (list: readonly { code: string; label: string }[]) => list.map((x) => ({ value: x.code, label: x.label }));

function short(s: string, n = 80): string {
  return s.length > n ? s.slice(0, n) + '…' : s || '（空）';
}

export function RecordFormFields(p: RecordFormProps) {
  const v = p.values;
  const e = (k: string) => p.errors?.[k];
  const action = p.mode === 'new' ? '/admin/catalog' : `/admin/catalog/${p.record!.id}/edit`;
  return (
    <form method="post" action={action} class="stack record-form" novalidate>
      <CsrfField token={p.vc.csrfToken} />
      {p.version !== undefined && <input type="hidden" name="version" value={String(p.version)} />}
      {p.upload && <input type="hidden" name="upload" value={p.upload.token} />}
      <fieldset>
        <legend>基本信息</legend>
        {p.mode === 'new' && p.orgs && (
          <SelectField name="orgId" label="所属机构" value={p.orgId} required options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))}
            placeholder={p.orgs.length > 1 ? '请选择' : undefined} hint="索引号按所属机构的格式和流水号生成，保存后不能修改。" error={e('orgId')} />
        )}
        <TextField name="title" label="信息名称" value={v.title} required maxLength={FIELD_MAX.title}
          hint="文件或信息的完整名称，不使用简称。" error={e('title')} />
        <TextField name="docNo" label="文号" value={v.docNo} maxLength={FIELD_MAX.docNo}
          hint="如：鄂前政办发〔2018〕96号；填写 [2018] 或 (2018) 时将自动规范为〔2018〕。没有文号的可不填。" error={e('docNo')} />
        <TextField name="generatedOn" label="生成日期" type="date" value={v.generatedOn} required maxLength={10}
          hint="信息形成（成文）的日期，格式为 YYYY-MM-DD，不能晚于今天。" error={e('generatedOn')} />
        <TextField name="publisher" label="发布机构" value={v.publisher} maxLength={FIELD_MAX.publisher}
          hint="不填时为所属机构名称。" error={e('publisher')} />
        <TextField name="responsibleDept" label="责任部门（科室）" value={v.responsibleDept} maxLength={FIELD_MAX.responsibleDept} error={e('responsibleDept')} />
      </fieldset>
      <fieldset>
        <legend>分类</legend>
        <SelectField name="category" label="主题分类" value={v.category} required placeholder="请选择" options={opts(CATEGORIES)} error={e('category')} />
        <SelectField name="art20Item" label="条例第二十条事项" value={v.art20Item} placeholder="按主题分类默认"
          options={ART20_ITEMS.map((x) => ({ value: String(x.item), label: art20Label(x.item) }))}
          hint="《政府信息公开条例》第二十条规定的主动公开事项，用于年度报告统计。" error={e('art20Item')} />
        <SelectField name="docType" label="文件类型" value={v.docType} options={opts(DOC_TYPES)} error={e('docType')} />
        <CheckboxField name="importantPolicy" label="重要政策（须同时报送政策解读方案）" checked={!!v.importantPolicy} />
      </fieldset>
      <fieldset>
        <legend>公开属性与时限</legend>
        <SelectField name="disclosure" label="公开属性" value={v.disclosure} required options={opts(DISCLOSURES)} error={e('disclosure')} />
        <SelectField name="withheldGround" label="不予公开理由" value={v.withheldGround} placeholder="（公开属性为“不予公开”时必选）"
          options={opts(WITHHELD_GROUNDS)} error={e('withheldGround')} />
        <TextArea name="withheldReason" label="不予公开说明" value={v.withheldReason} rows={2} maxLength={FIELD_MAX.withheldReason} error={e('withheldReason')} />
        <SelectField name="term" label="公开时限" value={v.term} options={opts(TERMS)} error={e('term')} />
        <TextField name="termEnd" label="时限截止日期" type="date" value={v.termEnd} maxLength={10}
          hint="公开时限为“限时”时必填；到期后该信息不再出现在公开目录中。" error={e('termEnd')} />
        <SelectField name="timeLimit" label="发布时限" value={v.timeLimit} options={opts(TIME_LIMITS)}
          hint="自生成日期起计算应当公开的期限，按工作日历扣除节假日。" error={e('timeLimit')} />
      </fieldset>
      <fieldset>
        <legend>有效性</legend>
        <SelectField name="validity" label="有效性" value={v.validity} options={opts(VALIDITIES)} error={e('validity')} />
        <TextField name="effectiveOn" label="施行日期" type="date" value={v.effectiveOn} maxLength={10} hint="可不填；不填时按生成日期计算现行有效。" error={e('effectiveOn')} />
        <TextField name="repealedOn" label="废止日期" type="date" value={v.repealedOn} maxLength={10} hint="有效性为“废止”时必填。" error={e('repealedOn')} />
        <TextField name="expiredOn" label="失效日期" type="date" value={v.expiredOn} maxLength={10} hint="有效性为“失效”时必填。" error={e('expiredOn')} />
      </fieldset>
      <fieldset>
        <legend>内容</legend>
        <TextArea name="description" label="内容描述" value={v.description} rows={3} maxLength={FIELD_MAX.description} error={e('description')} />
        <TextField name="keywords" label="关键词" value={v.keywords} required maxLength={FIELD_MAX.keywords}
          hint="多个关键词之间用空格分开，每个关键词不超过 10 个字。" error={e('keywords')} />
        {p.suggestions && (p.suggestions.length
          ? <p class="hint" id="f-keywords-suggest">建议关键词：{p.suggestions.join(' ')}</p>
          : <p class="hint" id="f-keywords-suggest">未能从信息名称和正文中提取建议关键词，请手工填写。</p>)}
        <div class="actions">
          <button type="submit" name="_action" value="suggest" class="secondary">生成建议关键词</button>
          <span class="muted">根据信息名称和正文提取，已填写的内容不会丢失。</span>
        </div>
        <TextArea name="body" label="正文" value={v.body} rows={16} maxLength={FIELD_MAX.body} error={e('body')} />
        {p.upload && <p>原始文件“{p.upload.name}”将在保存后作为附件保留。</p>}
      </fieldset>
      <div class="actions">
        <button type="submit" name="_action" value="save">{p.mode === 'new' ? '保存为草稿' : '保存修改'}</button>
        <a href={p.record ? `/admin/catalog/${p.record.id}` : '/admin/catalog'}>取消</a>
      </div>
    </form>
  );
}

export function RecordFormPage(p: RecordFormProps) {
  const title = p.mode === 'new' ? '新增公开信息' : `修改公开信息`;
  return (
    <AdminLayout ctx={p.vc} meta={{ title }} current={NAV}>
      <Breadcrumb items={[
        { href: '/admin/catalog', label: '主动公开目录' },
        ...(p.record ? [{ href: `/admin/catalog/${p.record.id}`, label: p.record.indexNo }] : []),
        { label: title },
      ]} />
      <h1>{title}</h1>
      {p.record && <p>索引号：<code>{p.record.indexNo}</code>（不可修改）　所属机构：{p.record.orgName}</p>}
      {p.notice && <Notice kind="info">{p.notice}</Notice>}
      <ErrorSummary errors={p.errors} message={p.message} />
      {p.differences && p.differences.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>他人保存的内容与您提交的内容的差异</caption>
            <thead><tr><th scope="col">字段</th><th scope="col">当前已保存的内容</th><th scope="col">您提交的内容</th></tr></thead>
            <tbody>
              {p.differences.map((d) => <tr><th scope="row">{d.label}</th><td>{short(d.current)}</td><td>{short(d.mine)}</td></tr>)}
            </tbody>
          </table>
          <p>下方表单保留了您填写的内容。核对无误后再次提交，将以您的内容覆盖上述字段。</p>
        </div>
      )}
      <RecordFormFields {...p} />
    </AdminLayout>
  );
}
