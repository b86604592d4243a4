// 检索同义词: the list the public search widens a query with, edited as plain text (one group per line).
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Notice, TextArea } from '../../../../platform/views/form.tsx';
import { SYNONYM_LIMITS } from '../../synonyms.ts';
import { NAV } from './form.tsx';

export function SynonymsPage(p: { vc: ViewContext; text: string; custom: boolean; error?: string; notice?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '检索同义词' }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { label: '检索同义词' }]} />
      <h1>检索同义词</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>群众检索时常用简称、俗称，例如“医保”“教育局”。检索词中出现下列任一词语时，含有同一行其他词语的信息也会被检索到。
        各机构的名称和简称（在“组织机构”中维护）已自动生效，无需在此填写。</p>
      <p>{p.custom ? '当前使用本站保存的同义词表。' : '当前使用系统默认的同义词表，保存后即改用本站的同义词表。'}
        修改保存后立即生效（多台服务器部署时，其他服务器在 30 秒内生效）。</p>
      <ErrorSummary errors={{ text: p.error }} />
      <form method="post" action="/admin/catalog/synonyms" class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <TextArea name="text" label="同义词表" value={p.text} rows={18} error={p.error}
          hint={`每行一组意思相同的词，词与词之间用空格或“=”分隔；每个词 2 至 ${SYNONYM_LIMITS.termChars} 个字，每行最多 ${SYNONYM_LIMITS.terms} 个词，最多 ${SYNONYM_LIMITS.groups} 行。以“#”开头的行是备注。`} />
        <div class="actions">
          <button type="submit" name="_action" value="save">保存</button>
          {p.custom && <button type="submit" name="_action" value="reset" class="secondary">恢复默认同义词表</button>}
        </div>
      </form>
    </AdminLayout>
  );
}
