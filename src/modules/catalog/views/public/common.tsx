// Shared pieces of the catalogue's public pages: labels for stored codes, record lists, snippets.
import { CATEGORIES, DOC_TYPES, VALIDITIES, categoryLabel, docTypeLabel, validityLabel } from '../../domain.ts';
import { formatDate } from '../../../portal/domain.ts';
import type { RecordSummary } from '../../repo.public.ts';
import type { Segment } from '../../search.ts';

// Labels of the stored codes come from the catalogue's domain; the options feed the filters.
export const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c.code as string, label: c.label }));
export const DOC_TYPE_OPTIONS = DOC_TYPES.map((c) => ({ value: c.code as string, label: c.label }));
export const VALIDITY_OPTIONS = VALIDITIES.map((c) => ({ value: c.code as string, label: c.label }));
export { categoryLabel, docTypeLabel, validityLabel };
const INTERPRETATION_FORMS: Record<string, string> = {
  article: '撰稿解读', expert: '专家解读', qa: '政策问答', interview: '在线访谈', media: '媒体专访',
  press_qa: '答记者问', press_conference: '新闻发布会',
};

export const interpretationFormLabel = (c: string | null | undefined) => (c ? INTERPRETATION_FORMS[c] ?? c : '');

export const recordHref = (id: number) => `/xxgk/${id}`;

export function dateOf(v: string | null | undefined): string {
  if (!v) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : formatDate(v);
}

/** Highlighted text: hits in <mark>, everything else escaped by the renderer. */
export function Snippet({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

/** A plain list of records: title and publication date. */
export function RecordList({ items, empty = '暂无信息', showOrg }: { items: RecordSummary[]; empty?: string; showOrg?: boolean }) {
  if (!items.length) return <p class="empty">{empty}</p>;
  return (
    <ul class="list record-list">
      {items.map((r) => {
        const d = dateOf(r.publishedAt);
        return (
          <li>
            <span class="record-title"><a href={recordHref(r.id)}>{r.title}</a>{showOrg && <span class="muted">（{r.orgName}）</span>}</span>
            <time datetime={d}>{d}</time>
          </li>
        );
      })}
    </ul>
  );
}
