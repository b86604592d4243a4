// 舆情词表: one page per lexicon (negative, sensitive, category words, gazetteer, stop words) with its
// words and weights; a list without stored words uses the system defaults, shown read-only until
// the first change (which starts from them).
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import type { FormStrings } from '../../../../platform/forms/index.ts';
import { LEXICONS, type Lexicon } from '../../model.ts';
import type { LexiconTermRow } from '../../settings.repo.ts';
import { LEXICON_KEYS, PLACE_KINDS } from '../../settings.domain.ts';
import { SETTINGS_HREF } from './nav.ts';

export const LEXICONS_HREF = '/admin/opinion/lexicons';

const PURPOSE: Record<Lexicon, string> = {
  negative: '表达不满、投诉、质疑的词语，计入风险评分中的“负面情绪”。',
  sensitive: '涉及人身伤害、聚集、公共秩序的词语，无论语气如何都提高风险评分。',
  category_policy_misread: '指向“重大政策误解误读”的词语，权重之和达到 3 即归入该类。',
  category_public_interest: '指向“涉及公众切身利益且影响较大”的词语。',
  category_moral: '指向“严重冲击社会道德底线”的词语。',
  category_emergency: '指向“突发事件处置和自然灾害应对”的词语。',
  category_higher_request: '指向“上级要求回应”的词语。',
  gazetteer: '本县的乡镇、村、社区和地标：信息提到的地名用于属地分办。',
  stop: '不作为关键词的常用词（虚词、口头语）。',
};

const WEIGHT_HINT = '1 表示提示性的词，2 表示典型的词，3 表示单独出现即可判断的词（0.1 至 10）。';
const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

export function LexiconPage(p: {
  vc: ViewContext; lexicon: Lexicon; terms: LexiconTermRow[]; counts: Map<string, number>; orgs: { id: number; name: string }[];
  defaults: { term: string; weight: number }[]; values?: FormStrings; errors?: Record<string, string>; notice?: string;
}) {
  const { lexicon } = p;
  const place = lexicon === 'gazetteer';
  const orgName = new Map(p.orgs.map((o) => [o.id, o.name]));
  return (
    <AdminLayout ctx={p.vc} meta={{ title: `舆情词表：${LEXICONS[lexicon]}` }} current={SETTINGS_HREF}>
      <h1>舆情词表</h1>
      <nav aria-label="选择词表">
        <ul class="inline-list">
          {LEXICON_KEYS.map((k) => (
            <li><a href={`${LEXICONS_HREF}?lexicon=${k}`} aria-current={k === lexicon ? 'page' : undefined}>{LEXICONS[k]}（{p.counts.get(k) ?? '默认'}）</a></li>
          ))}
        </ul>
      </nav>
      <h2>{LEXICONS[lexicon]}</h2>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>{PURPOSE[lexicon]}修改在下一批接收的信息中生效。</p>
      <ErrorSummary errors={p.errors} />
      {p.terms.length === 0 && (
        <>
          <p>{p.defaults.length ? `本词表尚未修改，正在使用系统默认词表（${p.defaults.length} 个词）。添加第一个词时将以默认词表为基础。` : '本词表尚无词语。'}</p>
          {p.defaults.length > 0 && (
            <>
              <p class="muted">默认词语：{p.defaults.map((t) => t.term).join('、')}</p>
              <form method="post" action={`${LEXICONS_HREF}/defaults`} class="inline">
                <CsrfField token={p.vc.csrfToken} />
                <input type="hidden" name="lexicon" value={lexicon} />
                <button type="submit" class="secondary">载入默认词表后编辑</button>
              </form>
            </>
          )}
        </>
      )}
      <h3 id="add-title">添加词语</h3>
      <form method="post" action={`${LEXICONS_HREF}/terms`} class="stack" novalidate aria-labelledby="add-title">
        <CsrfField token={p.vc.csrfToken} />
        <input type="hidden" name="lexicon" value={lexicon} />
        <TextArea name="terms" label={place ? '地名' : '词语'} required rows={3} value={str(p.values?.terms)} error={p.errors?.terms}
          hint="可一次添加多个，用空格、顿号或换行分隔；每个词最多 20 个字。已有的词不重复添加。" />
        {!place && <TextField name="weight" label="权重" required inputMode="decimal" maxLength={5} value={str(p.values?.weight) || '1'} error={p.errors?.weight} hint={WEIGHT_HINT} />}
        {place && (
          <>
            <input type="hidden" name="weight" value="1" />
            <SelectField name="placeKind" label="地名类别" value={str(p.values?.placeKind) || '乡镇'} error={p.errors?.placeKind}
              options={PLACE_KINDS.map((k) => ({ value: k, label: k }))} />
            <SelectField name="orgId" label="所属单位（属地分办到该单位）" value={str(p.values?.orgId)} placeholder="（不指定）" error={p.errors?.orgId}
              options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
          </>
        )}
        <div class="actions"><button type="submit">添加</button></div>
      </form>
      <DataTable caption={`${LEXICONS[lexicon]}的词语（${p.terms.length} 个）`} empty="尚未保存词语"
        head={place ? ['地名', '类别', '所属单位', '操作'] : ['词语', '权重', '操作']}
        rows={p.terms.map((t) => {
          const d = (t.data ?? {}) as { kind?: string; orgId?: number | null };
          const del = (
            <form method="post" action={`${LEXICONS_HREF}/terms/${t.id}/delete`} class="inline">
              <CsrfField token={p.vc.csrfToken} />
              <button type="submit" class="secondary" aria-label={`删除：${t.term}`}>删除</button>
            </form>
          );
          if (place) return [t.term, d.kind ?? '地标', d.orgId ? orgName.get(d.orgId) ?? '—' : '—', del];
          return [
            t.term,
            <form method="post" action={`${LEXICONS_HREF}/terms/${t.id}`} class="inline-form">
              <CsrfField token={p.vc.csrfToken} />
              <label class="visually-hidden" for={`f-w${t.id}`}>“{t.term}”的权重</label>
              <input id={`f-w${t.id}`} name="weight" value={String(t.weight)} inputMode="decimal" maxLength={5} size={4}
                aria-invalid={p.errors?.[`w${t.id}`] ? 'true' : undefined} />
              <button type="submit" class="secondary" aria-label={`保存权重：${t.term}`}>保存</button>
            </form>,
            del,
          ];
        })} />
    </AdminLayout>
  );
}
