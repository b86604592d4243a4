// 专家解读 on an interpretation's review page: the experts named (name and field) and, while the
// record can be edited, the choice from the 专家库 (spokesperson module's checkbox group).
import type { ViewContext } from '../../../../platform/views/context.ts';
import { CsrfField } from '../../../../platform/views/form.tsx';
import { ExpertNames, ExpertPicker, type ExpertRef } from '../../../spokesperson/experts.ts';

export function InterpretationExperts(p: { vc: ViewContext; recordId: number; experts: ExpertRef[]; options: ExpertRef[] | null; checked?: string[]; error?: string }) {
  return (
    <section aria-labelledby="h-experts">
      <h2 id="h-experts">解读专家</h2>
      <p>已选：<ExpertNames experts={p.experts} none="未选择（专家解读可从专家库选择解读专家，公开后在解读页面显示姓名和专业领域）" /></p>
      {p.options && (
        <form method="post" action={`/admin/catalog/${p.recordId}/experts`} class="stack" novalidate>
          <CsrfField token={p.vc.csrfToken} />
          <ExpertPicker legend="解读专家" options={p.options} error={p.error} checked={p.checked ?? p.experts.map((e) => String(e.id))} />
          {p.options.length > 0 && <div class="actions"><button type="submit">保存解读专家</button></div>}
        </form>
      )}
    </section>
  );
}
