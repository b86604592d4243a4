// Upload forms: bulk import of a CSV/XLSX sheet (with its per-row report) and a document to start a record from.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, FileField, Notice, SelectField } from '../../../../platform/views/form.tsx';
import { HEADERS, MAX_IMPORT_ROWS } from '../../csv.ts';
import type { ImportReport } from '../../use-cases/importRows.ts';
import { NAV } from './form.tsx';

export function ImportPage(p: {
  vc: ViewContext; orgs: { id: number; name: string }[]; orgId?: string; error?: string; fieldErrors?: Record<string, string>;
  report?: Extract<ImportReport, { ok: true }>; errorFile?: string;
}) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '批量导入公开信息' }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { label: '批量导入' }]} />
      <h1>批量导入公开信息</h1>
      {p.report && <ImportReportView report={p.report} errorFile={p.errorFile} csrf={p.vc.csrfToken} />}
      <p>上传 CSV 或 Excel（.xlsx）文件，第一行为列标题，与“导出”文件的格式相同：{HEADERS.join('、')}。
        其中信息名称、生成日期、主题分类、关键词为必填列；索引号列可保留，但导入时一律重新生成。</p>
      <p>每行单独校验：校验通过的行全部导入为草稿，未通过的行不导入，并列出行号、字段和原因，可下载错误行修改后重新导入。一次最多 {MAX_IMPORT_ROWS} 行，文件不超过 20 MB。</p>
      <ErrorSummary errors={p.fieldErrors} message={p.error} />
      <form method="post" action="/admin/catalog/import" enctype="multipart/form-data" class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <SelectField name="orgId" label="导入到机构" value={p.orgId} required placeholder={p.orgs.length > 1 ? '请选择' : undefined}
          options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} error={p.fieldErrors?.orgId} />
        <FileField name="file" label="导入文件" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hint="CSV（UTF-8 或 GBK 编码）或 Excel 工作簿（.xlsx），只读取第一个工作表。" error={p.fieldErrors?.file} />
        <div class="actions"><button type="submit">上传并导入</button><a href="/admin/catalog">返回目录</a></div>
      </form>
    </AdminLayout>
  );
}

function ImportReportView({ report, errorFile, csrf }: { report: Extract<ImportReport, { ok: true }>; errorFile?: string; csrf: string }) {
  const badRows = new Set(report.errors.map((e) => e.row)).size;
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">导入结果</h2>
      <Notice kind={badRows ? 'warning' : 'success'}>
        共 {report.total} 行，成功导入 {report.imported.length} 行{badRows ? `，${badRows} 行未导入` : ''}。
      </Notice>
      {report.unknownColumns.length > 0 && <p>以下列无法识别，已忽略：{report.unknownColumns.join('、')}。</p>}
      {report.errors.length > 0 && (
        <>
          <DataTable caption="未导入的行及原因" head={['行号', '字段', '原因']}
            rows={report.errors.map((e) => [String(e.row), e.field || '—', e.message])} />
          {errorFile && (
            <form method="post" action="/admin/catalog/import/errors" class="inline">
              <CsrfField token={csrf} />
              <input type="hidden" name="data" value={errorFile} />
              <button type="submit" class="secondary">下载错误行（CSV）</button>
            </form>
          )}
        </>
      )}
      {report.imported.length > 0 && (
        <DataTable caption="已导入的信息" head={['行号', '索引号', '信息名称']}
          rows={report.imported.map((r) => [String(r.row), <code>{r.indexNo}</code>, <a href={`/admin/catalog/${r.id}`}>{r.title}</a>])} />
      )}
    </section>
  );
}

export function UploadPage(p: { vc: ViewContext; error?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '上传文件新增公开信息' }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { label: '上传文件新增' }]} />
      <h1>上传文件新增公开信息</h1>
      <p>上传 Word（.docx）、PDF、网页（.html）或纯文本（.txt）文件，系统将提取信息名称、文号、日期和正文并填入新增表单，请核对后保存。原始文件将作为附件保留。文件不超过 20 MB。</p>
      <ErrorSummary errors={{ file: p.error }} />
      <form method="post" action="/admin/catalog/upload" enctype="multipart/form-data" class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <FileField name="file" label="文件" accept=".docx,.pdf,.html,.htm,.txt" hint="支持 .docx、.pdf、.html、.txt，按文件内容识别类型。" error={p.error} />
        <div class="actions"><button type="submit">上传并提取</button><a href="/admin/catalog/new">不上传，直接填写</a></div>
      </form>
    </AdminLayout>
  );
}
