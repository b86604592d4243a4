// The application's fields, shared by the public form (/ysqgk/apply) and the staff registration
// form (/admin/requests/new): grouped in fieldsets with legends, every field labelled, "（必填）"
// in text, hints and errors tied with aria-describedby, and what the user typed always written back.
import type { ComponentChildren } from 'preact';
import { ChoiceGroup, SelectField, TextArea, TextField, type FieldErrors } from '../../../../platform/views/form.tsx';
import { APPLICANT_TYPES, CASE_KINDS, DELIVERIES, FORMS, ID_TYPES } from '../../model.ts';
import { LIMITS, type ApplicationField } from '../../intake.ts';
import { parseForm } from '../../../../platform/forms/index.ts';
import { Type } from '@sinclair/typebox';
import { ApplicationBody } from '../../api-schemas.ts';

/** What the form shows: strings as typed (forms: the checked values). */
export type FormValues = Partial<Record<string, string | string[]>>;

export const one = (v: FormValues, k: string): string => {
  const x = v[k];
  return Array.isArray(x) ? x[0] ?? '' : x ?? '';
};
export const many = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return Array.isArray(x) ? x : x ? x.split(',') : [];
};

/**
 * Reads the application fields from a parsed form body through the API's schema (platform/forms):
 * bounded strings as typed (one over the limit so the validator can say so); validateApplication
 * then checks them. `extra` fields (staff registration) are read as bounded strings too.
 */
export function readApplicationForm(body: unknown, extra: readonly string[] = []): FormValues {
  const r = parseForm(ApplicationBody, body);
  const out: FormValues = { ...(r.ok ? r.strings : r.values) };
  if (extra.length) {
    const x = parseForm(Type.Object(Object.fromEntries(extra.map((k) => [k, Type.Optional(Type.String({ maxLength: 200 }))]))), body);
    Object.assign(out, x.ok ? x.strings : x.values);
  }
  return out;
}

function Group({ legend, children }: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="form-group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

export const APPLICANT_TYPE_OPTIONS = Object.entries(APPLICANT_TYPES).map(([value, label]) => ({ value, label: value === 'natural' ? label : `法人或其他组织：${label}` }));
export const ID_TYPE_OPTIONS = Object.entries(ID_TYPES).map(([value, label]) => ({ value, label }));

export function ApplicationFields({ values, errors, orgs, staff }: {
  values: FormValues; errors: FieldErrors; orgs: { id: number; name: string }[];
  /** Staff fill it in for the applicant (hints speak of "申请人" instead of "您"). */
  staff?: boolean;
}) {
  const v = (k: ApplicationField) => one(values, k);
  const e = (k: ApplicationField) => errors[k];
  const you = staff ? '申请人' : '您';
  return (
    <>
      <Group legend="受理机关和申请类型">
        <SelectField name="orgId" label="向哪个行政机关申请" required value={v('orgId')} error={e('orgId')} placeholder="请选择"
          hint="请选择制作或者保存所需信息的行政机关。不确定时可选择县人民政府。"
          options={orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <ChoiceGroup name="kind" legend="申请类型" type="radio" required error={e('kind')}
          checked={[v('kind') || 'disclosure']} options={Object.entries(CASE_KINDS).map(([value, label]) => ({ value, label }))}
          hint={`认为行政机关提供的与${you}自身相关的政府信息记录不准确的，可以选择“政府信息更正申请”，并在下方写明需要更正的内容。`} />
      </Group>

      {/* Shown only while 更正 is chosen (site.css, :has() on the radios; no script). The server
          ignores it for other kinds, and what was typed comes back with the form either way. */}
      <fieldset class="form-group correction-only" id="g-correction">
        <legend>更正申请</legend>
        <TextArea name="correctionDetail" label="需要更正的内容" required value={v('correctionDetail')} error={e('correctionDetail')} rows={4} maxLength={LIMITS.correctionDetail}
          hint={`请写明政府信息中与${you}相关的哪些内容不准确、应当更正为何内容，以及可以证明的材料（《中华人民共和国政府信息公开条例》第四十一条）。`} />
      </fieldset>

      <Group legend="申请人信息">
        <SelectField name="applicantType" label="申请人类型" required value={v('applicantType')} error={e('applicantType')} placeholder="请选择"
          options={APPLICANT_TYPE_OPTIONS} />
        <TextField name="applicantName" label="姓名或名称" required value={v('applicantName')} error={e('applicantName')} autocomplete="name"
          hint="自然人填写姓名；法人或其他组织填写与证照一致的全称。" maxLength={LIMITS.applicantName} />
        <TextField name="contactName" label="联系人" value={v('contactName')} error={e('contactName')} autocomplete="name"
          hint="法人或其他组织必填：法定代表人或经办人的姓名。" maxLength={LIMITS.contactName} />
        <SelectField name="idType" label="证件类型" required value={v('idType')} error={e('idType')} placeholder="请选择" options={ID_TYPE_OPTIONS}
          hint="自然人选择身份证件；法人或其他组织选择统一社会信用代码。" />
        <TextField name="idNumber" label="证件号码" required value={v('idNumber')} error={e('idNumber')} autocomplete="off" maxLength={LIMITS.idNumber}
          hint="居民身份证为18位（最后一位可能是字母X）。证件号码加密保存，仅办理人员可见。" />
        <TextField name="phone" label="联系电话" required type="tel" value={v('phone')} error={e('phone')} autocomplete="tel" maxLength={LIMITS.phone}
          hint="手机号码，或带区号的固定电话，如 0793-5120030。" />
        <TextField name="email" label="电子邮箱" type="email" value={v('email')} error={e('email')} autocomplete="email" maxLength={LIMITS.email}
          hint="选择通过电子邮件获取信息时必填。" />
        <TextField name="address" label="通信地址" value={v('address')} error={e('address')} autocomplete="street-address" maxLength={LIMITS.address}
          hint="选择邮寄时必填。" />
        <TextField name="postcode" label="邮政编码" value={v('postcode')} error={e('postcode')} autocomplete="postal-code" inputMode="numeric" maxLength={6} />
      </Group>

      <Group legend="所需政府信息">
        <TextArea name="infoDescription" label="所需信息的名称或内容描述" required value={v('infoDescription')} error={e('infoDescription')} rows={5}
          hint={`请尽量写明信息的名称、形成时间、制作机关等，便于查找。最多 ${LIMITS.infoDescription} 字。`} maxLength={LIMITS.infoDescription} />
        <TextField name="infoDocNo" label="文号" value={v('infoDocNo')} error={e('infoDocNo')} autocomplete="off" maxLength={LIMITS.infoDocNo}
          hint="知道文号的请填写，如 云教体发〔2025〕3号。" />
        <TextArea name="infoFeatures" label="其他特征描述" value={v('infoFeatures')} error={e('infoFeatures')} rows={3} maxLength={LIMITS.infoFeatures}
          hint="如信息的大致时间、涉及的项目或地点等。" />
      </Group>

      <Group legend="获取信息的方式">
        <ChoiceGroup name="forms" legend="提供信息的形式（可多选）" type="checkbox" required error={e('forms')} checked={many(values, 'forms')}
          options={Object.entries(FORMS).map(([value, label]) => ({ value, label }))} />
        <ChoiceGroup name="delivery" legend="获取信息的途径" type="radio" required error={e('delivery')} checked={[v('delivery')]}
          options={Object.entries(DELIVERIES).map(([value, label]) => ({ value, label }))} />
        <TextArea name="feeWaiverReason" label="申请减免信息处理费的理由" value={v('feeWaiverReason')} error={e('feeWaiverReason')} rows={2} maxLength={LIMITS.feeWaiverReason}
          hint="一般不收取费用；申请数量、频次明显超过合理范围的，按规定收取信息处理费。确有经济困难的，可以在此说明理由申请减免。" />
      </Group>
    </>
  );
}

/** The values as hidden fields (the confirmation step carries everything forward). */
export function HiddenValues({ values }: { values: FormValues }) {
  return (
    <>
      {Object.entries(values).flatMap(([k, v]) => (Array.isArray(v) ? v : [v ?? '']).map((x) => <input type="hidden" name={k} value={x} />))}
    </>
  );
}
