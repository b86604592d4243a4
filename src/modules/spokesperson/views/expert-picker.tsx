// The checkbox group to choose experts of the 政策解读专家库 (on another module's form), and the
// chosen experts as text: name and field, never contact data.
import { ChoiceGroup } from '../../../platform/views/form.tsx';
import { expertLabel, type ExpertRef } from '../expert-choice.ts';

export function ExpertPicker(p: { name?: string; legend: string; options: readonly ExpertRef[]; checked: readonly string[]; error?: string; hint?: string }) {
  if (!p.options.length) return <p class="hint">专家库中暂无已备案的专家。专家由各单位在“政策解读专家库”登记，经新闻办备案后可选。</p>;
  return (
    <ChoiceGroup name={p.name ?? 'experts'} legend={p.legend} type="checkbox" markOptional checked={p.checked} error={p.error}
      hint={p.hint ?? '可选专家库中已备案的专家；已停用或待重新备案的专家仅在已选时列出。'}
      options={p.options.map((e) => ({ value: String(e.id), label: expertLabel(e) + (e.active ? '' : '（已停用或待重新备案）') }))} />
  );
}

/** "姓名（领域）、…", or the fallback when none. */
export function ExpertNames({ experts, none = '—' }: { experts: readonly { name: string; field: string }[]; none?: string }) {
  return <>{experts.length ? experts.map(expertLabel).join('、') : none}</>;
}
