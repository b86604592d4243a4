// 导入热线和留言板数据, step 1: choose or create the source, upload the CSV / Excel export.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, FileField, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { inFormOrder } from '../../../../platform/forms/index.ts';
import type { SourceRow } from '../../repo.ts';
import { IMPORT_LIMITS } from '../../import.domain.ts';
import { IMPORT_SOURCE_KINDS } from '../../use-cases/import.ts';

export const IMPORT_HREF = '/admin/opinion/import';

export type UploadValues = { sourceId?: string; newName?: string; newKind?: string };

export function ImportUploadPage(p: { vc: ViewContext; sources: SourceRow[]; values?: UploadValues; errors?: Record<string, string> }) {
  const v = p.values ?? {};
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '导入热线和留言板数据' }} current={IMPORT_HREF}>
      <Breadcrumb items={[{ href: '/admin/', label: '工作台' }, { label: '导入热线和留言板数据' }]} />
      <h1>导入热线和留言板数据</h1>
      <p>上传 12345 政务服务便民热线或领导留言板导出的 CSV 或 Excel（.xlsx）文件，第一行为列标题。上传后选择各列对应的内容并预览，确认后导入。
        系统按编号识别重复：同一来源再次导入相同编号的记录，计为重复，不会新增。</p>
      <p>一次最多 {IMPORT_LIMITS.maxRows} 行，文件不超过 20 MB。来电人姓名和电话加密保存，页面上只显示部分字符。时间按北京时间理解。</p>
      <ErrorSummary errors={inFormOrder(p.errors ?? {}, ['sourceId', 'newName', 'newKind', 'file'])} />
      <form method="post" action={IMPORT_HREF} enctype="multipart/form-data" class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <SelectField name="sourceId" label="导入到来源" required value={v.sourceId ?? (p.sources.length ? '' : 'new')} error={p.errors?.sourceId}
          placeholder="请选择" hint="选择已有的热线或留言板来源；首次导入请选择“新建来源”并填写名称。"
          options={[...p.sources.map((s) => ({ value: String(s.id), label: `${s.name}（${IMPORT_SOURCE_KINDS[s.kind as 'hotline'] ?? s.kind}）` })), { value: 'new', label: '新建来源' }]} />
        <fieldset>
          <legend>新建来源（选择“新建来源”时填写）</legend>
          <TextField name="newName" label="新来源名称" value={v.newName} maxLength={60} error={p.errors?.newName} hint="例如：云溪县12345热线、县长信箱。" />
          <SelectField name="newKind" label="来源类型" value={v.newKind || 'hotline'} error={p.errors?.newKind}
            options={Object.entries(IMPORT_SOURCE_KINDS).map(([value, label]) => ({ value, label }))} />
        </fieldset>
        <FileField name="file" label="导入文件" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hint="CSV（UTF-8 或 GBK 编码）或 Excel 工作簿（.xlsx），只读取第一个工作表。" error={p.errors?.file} />
        <div class="actions"><button type="submit">上传并选择对应列</button></div>
      </form>
    </AdminLayout>
  );
}
