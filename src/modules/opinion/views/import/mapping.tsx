// 导入热线和留言板数据, step 2 and 3: which column is which field (the source's remembered mapping
// pre-selected), a preview of the first rows as they will be stored, then the import report with
// the rows not imported (row number and reason), downloadable as CSV.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField } from '../../../../platform/views/form.tsx';
import { inFormOrder } from '../../../../platform/forms/index.ts';
import { formatInstant } from '../../../../platform/time/index.ts';
import { maskName, maskPhone } from '../../../../platform/crypto/index.ts';
import type { SourceRow } from '../../repo.ts';
import { IMPORT_FIELDS, IMPORT_FIELD_KEYS, IMPORT_LIMITS, type ColumnMap, type MappedRows, type RowError } from '../../import.domain.ts';
import type { ImportReport } from '../../use-cases/import.ts';
import { IMPORT_HREF } from './upload.tsx';

const REQUIRED_NOTE: Partial<Record<string, string>> = {
  externalId: '热线工单号或留言编号；不选时按时间、标题和内容生成，重复导入同一文件仍可识别重复。',
  publishedAt: '必选。来电或留言的时间，按北京时间理解。',
  title: '“标题”和“内容”至少选择一列。',
  author: '加密保存，页面只显示部分字符。',
  contact: '加密保存，页面只显示部分字符。',
};

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export type MappingProps = {
  vc: ViewContext;
  source: SourceRow;
  token: string;
  fileName: string;
  headers: string[];
  map: ColumnMap;
  /** The mapping came from what was remembered for this source. */
  remembered: boolean;
  errors?: Record<string, string>;
  preview?: MappedRows;
};

export function ImportMappingPage(p: MappingProps) {
  const options = p.headers.map((h, i) => ({ value: String(i), label: `第 ${i + 1} 列：${h.trim() || '（无标题）'}` }));
  const errors = p.errors ? inFormOrder(p.errors, IMPORT_FIELD_KEYS.map((f) => `col_${f}`)) : undefined;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '选择对应列并预览' }} current={IMPORT_HREF}>
      <Breadcrumb items={[{ href: IMPORT_HREF, label: '导入热线和留言板数据' }, { label: '选择对应列并预览' }]} />
      <h1>选择对应列并预览</h1>
      <dl class="facts">
        <dt>导入到来源</dt><dd>{p.source.name}</dd>
        <dt>文件</dt><dd>{p.fileName}</dd>
      </dl>
      {p.remembered && <Notice kind="info">已按该来源上次导入时的对应关系预先选择，请核对。</Notice>}
      <ErrorSummary errors={errors} />
      <form method="post" action={`${IMPORT_HREF}/map`} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <input type="hidden" name="token" value={p.token} />
        <fieldset>
          <legend>各项内容所在的列</legend>
          {IMPORT_FIELD_KEYS.map((f) => (
            <SelectField name={`col_${f}`} label={IMPORT_FIELDS[f]} value={p.map[f] === undefined ? '' : String(p.map[f])}
              required={f === 'publishedAt'} placeholder="（不导入）" options={options} hint={REQUIRED_NOTE[f]} error={p.errors?.[`col_${f}`]} />
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" name="_action" value="preview" class="secondary">更新预览</button>
          <button type="submit" name="_action" value="import">确认导入</button>
          <a href={IMPORT_HREF}>重新上传</a>
        </div>
      </form>
      {p.preview && <Preview preview={p.preview} />}
    </AdminLayout>
  );
}

function Preview({ preview }: { preview: MappedRows }) {
  const first = preview.items.slice(0, IMPORT_LIMITS.previewRows);
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">导入预览</h2>
      <p>共 {preview.total} 行数据，其中 {preview.items.length} 行可以导入{preview.errors.length ? `，${preview.errors.length} 行有误将不导入` : ''}。
        此前已导入过的编号在导入时计为重复。</p>
      {Object.values(preview.warnings).map((w) => <Notice kind="warning">{w}</Notice>)}
      <DataTable caption={`前 ${first.length} 行导入后的内容`} empty="没有可以导入的行"
        head={['行号', '编号', '时间（北京时间）', '标题', '内容', '来电人或留言人', '联系电话', '原文链接']}
        rows={first.map(({ row, item }) => [
          String(row), item.externalId.startsWith('auto-') ? '（自动生成）' : item.externalId, formatInstant(item.publishedAt, 'minute'),
          cut(item.title, 30) || '—', cut(item.text, 60) || '—', item.author ? maskName(item.author) : '—',
          item.contact ? maskPhone(item.contact) : '—', item.url ? cut(item.url, 40) : '—',
        ])} />
      {preview.errors.length > 0 && <ErrorTable errors={preview.errors.slice(0, 20)} caption={`有误的行（前 ${Math.min(20, preview.errors.length)} 行）`} />}
    </section>
  );
}

function ErrorTable({ errors, caption }: { errors: readonly RowError[]; caption: string }) {
  return (
    <DataTable caption={caption} head={['行号', '编号', '标题', '原因']}
      rows={errors.map((e) => [String(e.row), e.externalId && !e.externalId.startsWith('auto-') ? e.externalId : '—', e.title || '—', e.reason])} />
  );
}

export function ImportReportPage(p: { vc: ViewContext; source: SourceRow; fileName: string; report: ImportReport; errorFile?: string }) {
  const r = p.report;
  const bad = r.errors.length;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '导入结果' }} current={IMPORT_HREF}>
      <Breadcrumb items={[{ href: IMPORT_HREF, label: '导入热线和留言板数据' }, { label: '导入结果' }]} />
      <h1>导入结果</h1>
      <Notice kind={bad ? 'warning' : 'success'}>
        {p.source.name}：共 {r.total} 行，新增 {r.added} 条，重复 {r.duplicates} 条{bad ? `，${bad} 行未导入` : ''}{r.incidentsOpened ? `，新发现舆情 ${r.incidentsOpened} 起` : ''}。
      </Notice>
      {r.warnings.map((w) => <Notice kind="warning">{w}</Notice>)}
      <dl class="facts">
        <dt>文件</dt><dd>{p.fileName}</dd>
        <dt>新增</dt><dd>{r.added} 条</dd>
        <dt>重复（此前已导入或与已有信息相同）</dt><dd>{r.duplicates} 条</dd>
        <dt>未导入</dt><dd>{bad} 行</dd>
      </dl>
      {bad > 0 && (
        <>
          <ErrorTable errors={r.errors.slice(0, IMPORT_LIMITS.errorRows)} caption={bad > IMPORT_LIMITS.errorRows ? `未导入的行及原因（前 ${IMPORT_LIMITS.errorRows} 行，完整列表请下载）` : '未导入的行及原因'} />
          {p.errorFile && (
            <form method="post" action={`${IMPORT_HREF}/errors`} class="inline">
              <CsrfField token={p.vc.csrfToken} />
              <input type="hidden" name="data" value={p.errorFile} />
              <button type="submit" class="secondary">下载错误报告（CSV）</button>
            </form>
          )}
        </>
      )}
      <div class="actions"><a class="button" href={IMPORT_HREF}>继续导入</a></div>
    </AdminLayout>
  );
}
