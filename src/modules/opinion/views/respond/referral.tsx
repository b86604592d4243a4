// 移交处置 (/admin/opinion/:id/referral): referrals so far and the form recording a new one.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { CsrfField, DataTable, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import type { FieldErrors, FormStrings } from '../../../../platform/forms/index.ts';
import { formatInstant } from '../../../../platform/time/index.ts';
import { REFERRAL_AGENCIES, labelOf } from '../../model.ts';
import type { IncidentView, ReferralRow } from '../../responses.repo.ts';
import { AGENCY_KEYS } from '../../use-cases/respond-forms.ts';
import { IncidentFacts, IncidentPage } from './common.tsx';

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

export function ReferralPage(p: { vc: ViewContext; inc: IncidentView; referrals: ReferralRow[]; values: FormStrings; errors?: FieldErrors; problem?: string; notice?: string }) {
  const { vc, inc, values: v, errors: e } = p;
  return (
    <IncidentPage vc={vc} inc={inc} title="移交谣言处置" notice={p.notice} problem={p.problem} errors={e}>
      <IncidentFacts inc={inc} />
      <p>对扰乱公共秩序的谣言，依法移交公安机关或网信部门处置，并记录移交情况。</p>
      <DataTable caption="移交记录" empty="尚无移交记录"
        head={['移交机关', '移交日期', '移交内容', '受理编号', '经办人']}
        rows={p.referrals.map((r) => [labelOf(REFERRAL_AGENCIES, r.agency), formatInstant(r.referredAt, 'date'), r.note, r.referenceNo ?? '—', r.actorName])} />
      <form method="post" action={`/admin/opinion/${inc.id}/referral`} class="stack" novalidate aria-labelledby="referral-title">
        <h2 id="referral-title">登记移交</h2>
        <CsrfField token={vc.csrfToken} />
        <SelectField name="agency" label="移交机关" required placeholder="请选择" value={str(v.agency)} error={e?.agency}
          options={AGENCY_KEYS.map((k) => ({ value: k, label: REFERRAL_AGENCIES[k] }))} />
        <TextField name="referredOn" label="移交日期" type="date" required value={str(v.referredOn)} error={e?.referredOn} hint="例如 2026-10-01。" />
        <TextArea name="content" label="移交内容" required rows={4} value={str(v.content)} error={e?.content} hint="谣言内容、传播情况和移交理由。" />
        <TextField name="referenceNo" label="受理编号" maxLength={60} value={str(v.referenceNo)} error={e?.referenceNo} hint="接收机关出具的受理或回执编号，没有可不填。" />
        <div class="actions"><button type="submit">登记移交</button><a href={`/admin/opinion/${inc.id}/respond`}>返回回应舆情</a></div>
      </form>
    </IncidentPage>
  );
}
