// Staff screens of the catalogue: list, create (form, upload, import), detail, edit, export,
// the timeliness list and the 索引号 format settings. Routes stay thin: read → use case → render.
import { ownValue, readStrings } from '../../platform/forms/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { registerUploads, signedInOnly, uploadedFile } from '../../platform/http/uploads.ts';
import { AppError } from '../../platform/errors.ts';
import { withTx } from '../../platform/db/index.ts';
import { writeAudit } from '../../platform/audit/index.ts';
import { signMac, verifyMac } from '../../platform/crypto/index.ts';
import {
  DOCUMENT_KINDS, KIND_LABEL, MAX_DOCUMENT_BYTES, MAX_IMPORT_BYTES, checkUpload, extractMetadata, extractUpload, readCsvUpload,
  readSheetUpload, refusalStatus, storeFile, type Refusal,
} from '../../platform/files/index.ts';
import { suggestKeywords } from '../../platform/text/index.ts';
import { authorize } from '../auth/routes.tsx';
import { can, scopeOf } from '../auth/policy.ts';
import { listOrgs } from '../org/repo.ts';
import { parseId } from '../portal/domain.ts';
import {
  CATEGORIES, DEFAULT_INDEX_FORMAT, EDITABLE_STATUSES, STATUSES, dueSoonHorizon, dueState,
  emptyForm, recordToForm, renderIndexNo, statusLabel, validateIndexFormat, type RecordForm,
} from './domain.ts';
import { MAX_IMPORT_ROWS, readCsv, toCsv } from './csv.ts';
import {
  CatalogExportQuery, CatalogListQuery, ImportErrorsForm, ImportForm, IndexFormatForm, NewRecordQuery, NoticeQuery, RecordControls, RecordFormSchema, RecordParams,
} from './forms.ts';
import * as repo from './repo.ts';
import { createRecord } from './use-cases/createRecord.ts';
import { updateRecord } from './use-cases/updateRecord.ts';
import { importRows } from './use-cases/importRows.ts';
import { exportRecords } from './use-cases/exportRecords.ts';
import { auditActor, indexFormatOf, todayOf, type Caller } from './use-cases/shared.ts';
import { RecordFormPage, type RecordFormProps } from './views/admin/form.tsx';
import { CatalogListPage, DueListPage, type ListFilters } from './views/admin/list.tsx';
import { RecordDetailPage } from './views/admin/detail.tsx';
import { SettingsPage } from './views/admin/settings.tsx';
import { ImportPage, UploadPage } from './views/admin/import.tsx';

const PER_PAGE = 20;
/** A record form may carry a long body: 500,000 characters of Chinese, URL-encoded, is ~4.5 MB. */
const FORM_BODY_LIMIT = 6 * 1024 * 1024;
const UPLOAD_LIMIT = 20 * 1024 * 1024;

const NOTICES: Record<string, string> = {
  created: '公开信息已保存为草稿。',
  saved: '修改已保存。',
  unchanged: '内容没有变化，未做修改。',
  settings: '索引号格式已保存，此后新建的信息将使用新格式。',
};


const caller = (req: FastifyRequest): Caller => ({ user: req.user!, ip: req.ip });

/** The record form as typed (one character over a limit is kept, so the validator can say so). */
const readForm = (body: unknown): Partial<RecordForm> => readStrings(RecordFormSchema, body);


export function registerCatalogAdmin(app: FastifyInstance, ctx: AppContext): void {
  // Own scope: multipart (uploads) is parsed only for this module's routes, with its limits.
  app.register(async (scope) => {
    await routes(scope, ctx);
  });
}

async function routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const uploadKey = Buffer.from('catalog-upload:' + ctx.config.sessionSecret, 'utf8');

  await registerUploads(app, { maxBytes: UPLOAD_LIMIT, fields: 10, tooLarge: '上传的文件超过 20 MB，请压缩或拆分后再上传。', allow: signedInOnly });

  // --- helpers -------------------------------------------------------------------------------

  async function orgChoices(req: FastifyRequest, action: 'catalog.read' | 'catalog.draft' | 'catalog.manage') {
    const scope = scopeOf(req.user!, action);
    return (await listOrgs(db)).filter((o) => o.active && scope.has(o.id)).map((o) => ({ id: o.id, name: o.name, orgCode: o.orgCode, regionCode: o.regionCode }));
  }

  function signUpload(userId: number, fileId: number, name: string): string {
    const n = Buffer.from(name, 'utf8').toString('base64url');
    const mac = signMac(uploadKey, `${userId}.${fileId}.${n}`);
    return `${fileId}.${n}.${mac}`;
  }

  function verifyUpload(userId: number, token: string): { token: string; fileId: number; name: string } | undefined {
    const m = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{10,100})$/.exec(token);
    if (!m) return undefined;
    if (!verifyMac(uploadKey, `${userId}.${m[1]}.${m[2]}`, m[3])) return undefined;
    return { token, fileId: Number(m[1]), name: Buffer.from(m[2], 'base64url').toString('utf8') };
  }

  async function newForm(req: FastifyRequest, reply: FastifyReply, p: Partial<RecordFormProps> & { values: Partial<RecordForm> }, status = 200) {
    const orgs = await orgChoices(req, 'catalog.draft');
    const user = req.user!;
    const orgId = p.orgId || (orgs.some((o) => o.id === user.orgId) ? String(user.orgId) : orgs.length === 1 ? String(orgs[0].id) : '');
    return reply.page((vc) => RecordFormPage({ ...p, vc, mode: 'new', orgs, orgId }), status);
  }

  // --- list ----------------------------------------------------------------------------------

  api.get('/admin/catalog', { config: { policy: 'catalog.read' }, schema: { querystring: CatalogListQuery } }, async (req, reply) => {
    const q = req.query;
    const filters = readFilters(q);
    const page = Math.min(Math.max(Number(parseId(q.page) ?? 1), 1), 10_000);
    const scope = scopeOf(req.user!, 'catalog.read');
    const { rows, total } = await repo.listRecords(db, { scope, ...filterValues(filters, req.user!.id) }, page, PER_PAGE);
    const cal = await ctx.calendar.get();
    const { today, currentYear } = todayOf(ctx);
    const now = ctx.now();
    const orgs = await orgChoices(req, 'catalog.read');
    const years = Array.from({ length: 12 }, (_, i) => currentYear - i);
    const notice = ownValue(NOTICES, q.done);
    return reply.page((vc) => CatalogListPage({
      vc, filters, orgs, years, total, page, pages: Math.max(1, Math.ceil(total / PER_PAGE)),
      rows: rows.map((r) => ({ ...r, due: dueState(r, today, now, cal) })),
      canDraft: scopeOf(req.user!, 'catalog.draft').size > 0, canManage: can(req.user, 'catalog.manage'), notice,
    }));
  });

  app.get('/admin/catalog/due', { config: { policy: 'catalog.read' } }, async (req, reply) => {
    const cal = await ctx.calendar.get();
    const { today } = todayOf(ctx);
    const now = ctx.now();
    const horizon = dueSoonHorizon(today, cal);
    const rows = await repo.dueRecords(db, scopeOf(req.user!, 'catalog.read'), horizon);
    const groups: { orgName: string; rows: (repo.ListRow & { due: ReturnType<typeof dueState> })[] }[] = [];
    for (const r of rows) {
      let g = groups.find((x) => x.orgName === r.orgName);
      if (!g) groups.push((g = { orgName: r.orgName, rows: [] }));
      g.rows.push({ ...r, due: dueState(r, today, now, cal) });
    }
    return reply.page((vc) => DueListPage({ vc, today, horizon, groups }));
  });

  api.get('/admin/catalog/export', { config: { policy: 'catalog.read' }, schema: { querystring: CatalogExportQuery } }, async (req, reply) => {
    const q = req.query;
    const format = q.format === 'xlsx' ? 'xlsx' : 'csv';
    const file = await exportRecords(ctx, req.user!, filterValues(readFilters(q), req.user!.id), format);
    return reply.type(file.contentType).header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${file.filename}"`).send(file.data);
  });

  // --- create --------------------------------------------------------------------------------

  api.get('/admin/catalog/new', { config: { policy: 'catalog.draft' }, schema: { querystring: NewRecordQuery } }, async (req, reply) => {
    if (req.query.from === 'upload') return reply.page((vc) => UploadPage({ vc }));
    return newForm(req, reply, { values: emptyForm() });
  });

  app.post('/admin/catalog/upload', { config: { policy: 'catalog.draft' } }, async (req, reply) => {
    const file = uploadedFile(req.body, 'file');
    const fail = (error: string, status = 422) => reply.page((vc) => UploadPage({ vc, error }), status);
    if (!file || !file.filename) return fail('请选择要上传的文件');
    if (file.truncated) return fail('文件过大，最大为 20MB，请压缩或拆分后再上传。', 413);
    const check = await checkUpload(file.data, file.filename, { allowed: DOCUMENT_KINDS, maxBytes: MAX_DOCUMENT_BYTES });
    if (!check.ok) return fail(check.message, check.code === 'file.too_large' ? 413 : 422);
    // Parsed in the sandbox: a zip bomb or a runaway parse is refused, the server keeps serving.
    const text = await extractUpload(file.data, check.kind, { encoding: check.encoding });
    if (!text.ok) return fail(text.message, 'code' in text ? refusalStatus(text.code) : 422);
    const { today } = todayOf(ctx);
    const meta = extractMetadata(text.text, { today });
    const fileId = await withTx(db, async (tx) => {
      const id = await storeFile(tx, file.data, check.kind, check.mime, text.text);
      await writeAudit(tx, auditActor(caller(req)), { action: 'catalog.upload', entityType: 'file', entityId: id, summary: { name: check.name, kind: check.kind, size: file.data.length } });
      return id;
    });
    const body = meta.body ?? text.text;
    // 关键词 suggested from the extracted title and body (jieba), as the CLI import does; editable.
    const values: Partial<RecordForm> = {
      ...emptyForm(), title: meta.title ?? '', docNo: meta.docNo ?? '', generatedOn: meta.date ?? '', body,
      keywords: suggestKeywords(meta.title ?? '', body).join(' '),
    };
    return newForm(req, reply, {
      values,
      notice: (meta.title ? '已从文件中提取信息名称、文号、日期和正文，请核对后补充其他信息并保存。' : '未能从文件中识别出信息名称，请填写信息名称；已提取的文号、日期和正文请核对后保存。')
        + (check.renamed ? `文件扩展名与内容不符，已按实际内容（${KIND_LABEL[check.kind]}）保存为“${check.name}”。` : ''),
      upload: { token: signUpload(req.user!.id, fileId, check.name), name: check.name },
    });
  });

  app.post('/admin/catalog', { config: { policy: 'catalog.draft' }, bodyLimit: FORM_BODY_LIMIT }, async (req, reply) => {
    const values = readForm(req.body);
    const ctl = readStrings(RecordControls, req.body);
    const orgIdRaw = ctl.orgId;
    const upload = verifyUpload(req.user!.id, ctl.upload);
    const uploadProp = upload ? { token: upload.token, name: upload.name } : undefined;
    if (ctl._action === 'suggest') {
      const suggestions = suggestKeywords(values.title ?? '', values.body ?? '');
      if (!values.keywords?.trim() && suggestions.length) values.keywords = suggestions.join(' ');
      return newForm(req, reply, { values, orgId: orgIdRaw, suggestions, upload: uploadProp });
    }
    const orgId = parseId(orgIdRaw);
    if (orgId === null) return newForm(req, reply, { values, orgId: orgIdRaw, upload: uploadProp, errors: { orgId: '请选择所属机构' } }, 422);
    authorize(req, 'catalog.draft', { orgId });
    const r = await createRecord(ctx, caller(req), { orgId, form: values, attachments: upload ? [{ fileId: upload.fileId, name: upload.name }] : [] });
    if (r.ok) return reply.redirect(`/admin/catalog/${r.id}?done=created`, 303);
    if (r.reason === 'invalid') return newForm(req, reply, { values, orgId: orgIdRaw, upload: uploadProp, errors: r.errors }, 422);
    if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
    return newForm(req, reply, { values, orgId: orgIdRaw, upload: uploadProp, message: r.message, errors: r.reason === 'not_found' ? { orgId: r.message } : undefined }, 409);
  });

  // --- import --------------------------------------------------------------------------------

  async function importPage(req: FastifyRequest, reply: FastifyReply, p: Omit<Parameters<typeof ImportPage>[0], 'vc' | 'orgs'>, status = 200) {
    const orgs = await orgChoices(req, 'catalog.draft');
    const orgId = p.orgId || (orgs.some((o) => o.id === req.user!.orgId) ? String(req.user!.orgId) : orgs.length === 1 ? String(orgs[0].id) : '');
    return reply.page((vc) => ImportPage({ ...p, vc, orgs, orgId }), status);
  }

  app.get('/admin/catalog/import', { config: { policy: 'catalog.draft' } }, async (req, reply) => importPage(req, reply, {}));

  app.post('/admin/catalog/import', { config: { policy: 'catalog.draft' } }, async (req, reply) => {
    const orgIdRaw = readStrings(ImportForm, req.body).orgId;
    const orgId = parseId(orgIdRaw);
    const file = uploadedFile(req.body, 'file');
    const fieldErrors: Record<string, string> = {};
    if (orgId === null) fieldErrors.orgId = '请选择导入到的机构';
    if (!file || !file.filename) fieldErrors.file = '请选择要导入的 CSV 或 Excel 文件';
    else if (file.truncated) fieldErrors.file = '文件过大，最大为 20MB，请拆分后分批导入。';
    if (Object.keys(fieldErrors).length) return importPage(req, reply, { orgId: orgIdRaw, fieldErrors }, file?.truncated ? 413 : 422);
    authorize(req, 'catalog.draft', { orgId: orgId! });
    const check = await checkUpload(file!.data, file!.filename, { allowed: ['csv', 'xlsx', 'txt'], maxBytes: MAX_IMPORT_BYTES });
    if (!check.ok) return importPage(req, reply, { orgId: orgIdRaw, fieldErrors: { file: check.message } }, 422);
    // Read in the parse sandbox (one row more than allowed, so the limit can be reported).
    const read = check.kind === 'xlsx'
      ? await readSheetUpload(file!.data, { maxRows: MAX_IMPORT_ROWS + 2 })
      : await readCsvUpload(file!.data, check.encoding);
    if (!read.ok) return importPage(req, reply, { orgId: orgIdRaw, fieldErrors: { file: read.message } }, 'code' in read ? refusalStatus((read as Refusal).code) : 422);
    const rows = read.rows;
    if (!rows) return importPage(req, reply, { orgId: orgIdRaw, fieldErrors: { file: '无法读取该 Excel 文件，文件可能已损坏，请另存为 .xlsx 或 CSV 后重试。' } }, 422);
    const report = await importRows(ctx, caller(req), orgId!, rows);
    if (!report.ok) return importPage(req, reply, { orgId: orgIdRaw, fieldErrors: { file: report.message } }, 422);
    // The error file travels in the page (no server-side state); very large ones are not offered.
    const errorCsv = report.errorRows.length > 1 ? toCsv(report.errorRows).toString('utf8').replace(/^\uFEFF/, '') : undefined;
    const errorFile = errorCsv && errorCsv.length < 800_000 ? errorCsv : undefined;
    return importPage(req, reply, { orgId: orgIdRaw, report, errorFile }, report.errors.length && !report.imported.length ? 422 : 200);
  });

  app.post('/admin/catalog/import/errors', { config: { policy: 'catalog.draft' } }, async (req, reply) => {
    const { data } = readStrings(ImportErrorsForm, req.body);
    if (!data) throw new AppError('bad_request', '没有可下载的错误行。');
    // Re-serialised through the parser: only CSV cells go out, whatever was posted.
    const parsed = readCsv(data);
    if (!parsed.ok) throw new AppError('bad_request', '错误行数据已损坏，请重新导入后再下载。');
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="catalog-import-errors.csv"').send(toCsv(parsed.rows));
  });

  // --- settings ------------------------------------------------------------------------------

  async function settingsPage(req: FastifyRequest, reply: FastifyReply, p: { values?: { orgId: string; format: string }; error?: string; preview?: string; notice?: string }, status = 200) {
    const orgs = await orgChoices(req, 'catalog.manage');
    const formats = await repo.listIndexFormats(db);
    const { currentYear } = todayOf(ctx);
    const list = orgs.map((o) => {
      const format = formats.get(o.id) ?? null;
      return { id: o.id, name: o.name, format, example: renderIndexNo(format ?? DEFAULT_INDEX_FORMAT, { orgCode: o.orgCode, regionCode: o.regionCode, year: currentYear, seq: 1 }) };
    });
    return reply.page((vc) => SettingsPage({ vc, orgs: list, values: p.values ?? { orgId: '', format: DEFAULT_INDEX_FORMAT }, error: p.error, preview: p.preview, notice: p.notice }), status);
  }

  api.get('/admin/catalog/settings', { config: { policy: 'catalog.manage' }, schema: { querystring: NoticeQuery } }, async (req, reply) => {
    return settingsPage(req, reply, { notice: ownValue(NOTICES, req.query.done) });
  });

  app.post('/admin/catalog/settings', { config: { policy: 'catalog.manage' } }, async (req, reply) => {
    const { _action: action, ...values } = readStrings(IndexFormatForm, req.body);
    const orgId = parseId(values.orgId);
    if (orgId === null) return settingsPage(req, reply, { values, error: '请选择机构' }, 422);
    authorize(req, 'catalog.manage', { orgId });
    const org = await repo.orgNameAndCodes(db, orgId);
    if (!org) return settingsPage(req, reply, { values, error: '机构不存在' }, 422);
    const error = validateIndexFormat(values.format);
    if (error) return settingsPage(req, reply, { values, error }, 422);
    const { currentYear } = todayOf(ctx);
    if (action === 'preview') {
      const preview = renderIndexNo(values.format, { orgCode: org.orgCode, regionCode: org.regionCode, year: currentYear, seq: 1 });
      return settingsPage(req, reply, { values, preview: `${org.name}本年度第 1 条信息的索引号为 ${preview}` });
    }
    await withTx(db, async (tx) => {
      const before = await indexFormatOf(tx, orgId);
      await repo.saveIndexFormat(tx, orgId, values.format);
      await writeAudit(tx, auditActor(caller(req)), { action: 'catalog.settings.index_format', entityType: 'org', entityId: orgId, summary: { before, after: values.format } });
    });
    return reply.redirect('/admin/catalog/settings?done=settings', 303);
  });

  // --- one record ----------------------------------------------------------------------------

  async function loadReadable(req: FastifyRequest, id: number): Promise<repo.RecordRow> {
    const r = await repo.findRecord(db, id);
    if (!r) throw new AppError('not_found', '该信息不存在或已被删除。');
    if (!scopeOf(req.user!, 'catalog.read').has(r.orgId)) throw new AppError('forbidden', '您没有查看该机构公开信息的权限。');
    return r;
  }

  api.get('/admin/catalog/:id', { config: { policy: 'catalog.read' }, schema: { params: RecordParams, querystring: NoticeQuery } }, async (req, reply) => {
    const r = await loadReadable(req, req.params.id);
    const [attachments, trail, cal] = await Promise.all([repo.listAttachments(db, r.id), repo.auditTrail(db, r.id), ctx.calendar.get()]);
    const { today } = todayOf(ctx);
    const canEdit = can(req.user, 'catalog.draft', { orgId: r.orgId }) && EDITABLE_STATUSES.includes(r.status);
    return reply.page((vc) => RecordDetailPage({
      vc, r, attachments, trail, due: dueState(r, today, ctx.now(), cal), canEdit,
      notice: ownValue(NOTICES, req.query.done),
    }));
  });

  function editProps(r: repo.RecordRow) {
    return { mode: 'edit' as const, record: { id: r.id, indexNo: r.indexNo, title: r.title, orgName: r.orgName } };
  }

  api.get('/admin/catalog/:id/edit', { config: { policy: 'catalog.draft' }, schema: { params: RecordParams } }, async (req, reply) => {
    const r = await loadReadable(req, req.params.id);
    authorize(req, 'catalog.draft', { orgId: r.orgId });
    if (!EDITABLE_STATUSES.includes(r.status)) {
      throw new AppError('conflict', r.status === 'in_review' ? '审核中的信息不能修改。如需修改，请由审核人退回后再编辑。' : `该信息当前状态为“${statusLabel(r.status)}”，不能修改。`);
    }
    return reply.page((vc) => RecordFormPage({ vc, ...editProps(r), values: recordToForm(r), version: r.version }));
  });

  api.post('/admin/catalog/:id/edit', { config: { policy: 'catalog.draft' }, bodyLimit: FORM_BODY_LIMIT, schema: { params: RecordParams } }, async (req, reply) => {
    const r = await loadReadable(req, req.params.id);
    authorize(req, 'catalog.draft', { orgId: r.orgId });
    const values = readForm(req.body);
    const ctl = readStrings(RecordControls, req.body);
    const version = Number(parseId(ctl.version) ?? 0);
    const page = (p: Partial<RecordFormProps>, status: number) =>
      reply.page((vc) => RecordFormPage({ vc, ...editProps(r), values, version, ...p }), status);
    if (ctl._action === 'suggest') {
      const suggestions = suggestKeywords(values.title ?? '', values.body ?? '');
      if (!values.keywords?.trim() && suggestions.length) values.keywords = suggestions.join(' ');
      return page({ suggestions }, 200);
    }
    const u = await updateRecord(ctx, caller(req), { id: r.id, version, form: values });
    if (u.ok) return reply.redirect(`/admin/catalog/${r.id}?done=${u.changed.length ? 'saved' : 'unchanged'}`, 303);
    if (u.reason === 'invalid') return page({ errors: u.errors }, 422);
    if (u.reason === 'conflict') return page({ message: u.message, differences: u.differences, version: u.currentVersion }, 409);
    if (u.reason === 'locked') return page({ message: u.message }, 409);
    if (u.reason === 'forbidden') throw new AppError('forbidden', u.message);
    throw new AppError('not_found', u.message);
  });
}

function readFilters(q: Omit<CatalogListQuery, 'page' | 'done'>): ListFilters {
  const s = (k: keyof typeof q, max: number) => (q[k] ?? '').slice(0, max).trim();
  const org = parseId(s('org', 12)) ? s('org', 12) : '';
  const category = CATEGORIES.some((c) => c.code === s('category', 10)) ? s('category', 10) : '';
  const status = STATUSES.some((c) => c.code === s('status', 12)) ? s('status', 12) : '';
  const y = s('year', 4);
  const year = /^(19|20|21)\d{2}$/.test(y) ? y : '';
  return { org, category, status, year, q: s('q', 100), mine: s('mine', 1) === '1' ? '1' : '' };
}

function filterValues(f: ListFilters, userId: number): Omit<repo.RecordFilter, 'scope'> {
  return {
    orgId: parseId(f.org), category: f.category || null, status: f.status || null, year: f.year ? Number(f.year) : null, q: f.q || null,
    createdBy: f.mine ? userId : null,
  };
}
