// Per-organisation 索引号 format with a preview (no JavaScript: a 预览 submit button re-renders it).
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { DEFAULT_INDEX_FORMAT, INDEX_FORMAT_MAX } from '../../domain.ts';
import { NAV } from './form.tsx';

export function SettingsPage(p: {
  vc: ViewContext; orgs: { id: number; name: string; format: string | null; example: string }[];
  values: { orgId: string; format: string }; error?: string; preview?: string; notice?: string;
}) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '索引号格式设置' }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { label: '索引号格式设置' }]} />
      <h1>索引号格式设置</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>索引号在新建信息时按所属机构的格式自动生成，生成后不能修改；修改格式只影响此后新建的信息。流水号按机构和年度连续编号。</p>
      <p>可用的占位符：<code>{'{orgCode}'}</code> 机构代码，<code>{'{regionCode}'}</code> 行政区划代码，<code>{'{year}'}</code> 年份，
        <code>{'{seq}'}</code> 流水号，<code>{'{seq:5}'}</code> 补零到 5 位的流水号。格式须包含机构代码、年份和流水号。默认格式为 <code>{DEFAULT_INDEX_FORMAT}</code>。</p>
      <DataTable caption="各机构当前的索引号格式" head={['机构', '格式', '示例']}
        rows={p.orgs.map((o) => [o.name, <code>{o.format ?? `${DEFAULT_INDEX_FORMAT}（默认）`}</code>, <code>{o.example}</code>])} />
      <h2>修改格式</h2>
      <ErrorSummary errors={{ format: p.error }} />
      {p.preview && <Notice kind="info">预览：<code>{p.preview}</code></Notice>}
      <form method="post" action="/admin/catalog/settings" class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <SelectField name="orgId" label="机构" value={p.values.orgId} required placeholder="请选择" options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <TextField name="format" label="索引号格式" value={p.values.format} required maxLength={INDEX_FORMAT_MAX + 20} error={p.error}
          hint={`不超过 ${INDEX_FORMAT_MAX} 个字符，不含空格。`} />
        <div class="actions">
          <button type="submit" name="_action" value="preview" class="secondary">预览</button>
          <button type="submit" name="_action" value="save">保存</button>
        </div>
      </form>
    </AdminLayout>
  );
}
