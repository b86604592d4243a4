// /admin/opinion/import (opinion.ingest): upload a 12345 hotline or 领导留言板 export (CSV / XLSX,
// parsed in the sandbox with its byte, row and time limits), map its columns (remembered per
// source), preview the first rows, import through the ingest use case, and download the rows not
// imported. Between the steps the file stays sealed in the file store, named by a signed token; it is
// deleted once imported, or by the opinion.import-cleanup job when never imported (24 h).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { readStrings } from '../../platform/forms/index.ts';
import { Str } from '../../platform/forms/schema.ts';
import { registerUploads, signedInOnly, uploadedFile } from '../../platform/http/uploads.ts';
import { MAX_IMPORT_BYTES, checkUpload, getFile, readCsvUpload, readSheetUpload, refusalStatus, type Refusal, type TextEncoding } from '../../platform/files/index.ts';
import { signMac, verifyMac } from '../../platform/crypto/index.ts';
import { readCsv, toCsv } from '../../platform/csv/index.ts';
import { auditActor } from '../auth/caller.ts';
import { can, scopeOf } from '../auth/policy.ts';
import { findSource, type SourceRow } from './repo.ts';
import { listImportSources } from './settings.repo.ts';
import { IMPORT_FIELD_KEYS, IMPORT_FIELDS, IMPORT_LIMITS, errorSheet, guessMapping, mapRows, mappingProblems, type ColumnMap } from './import.domain.ts';
import { createImportSource, discardUpload, importSheet, keepUpload, type ImportKind } from './use-cases/import.ts';
import { IMPORT_HREF, ImportUploadPage, type UploadValues } from './views/import/upload.tsx';
import { ImportMappingPage, ImportReportPage, type MappingProps } from './views/import/mapping.tsx';

const POLICY = { policy: 'opinion.ingest' } as const;
const UPLOAD_LIMIT = 20 * 1024 * 1024;

const UploadForm = Type.Object({
  sourceId: Str('导入到来源', 12),
  newName: Str('新来源名称', 60),
  newKind: Str('来源类型', 10),
});
const MapForm = Type.Object({
  token: Str('导入文件', 700),
  _action: Str('操作', 10),
  ...Object.fromEntries(IMPORT_FIELD_KEYS.map((f) => [`col_${f}`, Str(IMPORT_FIELDS[f], 4)])),
});
const ErrorsForm = Type.Object({ data: Str('错误报告', 1_000_000) });

const UNREADABLE = '无法读取该 Excel 文件，文件可能已损坏，请另存为 .xlsx 或 CSV 后重试。';

type Sheet = { ok: true; rows: string[][] } | { ok: false; message: string; status: number };

/** Reads the sheet in the parse sandbox (one row more than allowed, so the limit can be reported). */
async function readSheet(bytes: Buffer, kind: string, encoding?: TextEncoding): Promise<Sheet> {
  const read = kind === 'xlsx' ? await readSheetUpload(bytes, { maxRows: IMPORT_LIMITS.maxRows + 2, maxCols: 60 }) : await readCsvUpload(bytes, encoding);
  if (!read.ok) return { ok: false, message: read.message, status: 'code' in read ? refusalStatus((read as Refusal).code) : 422 };
  if (!read.rows) return { ok: false, message: UNREADABLE, status: 422 };
  const rows = read.rows.map((r) => r.map((c) => String(c ?? '')));
  while (rows.length > 1 && rows[rows.length - 1]!.every((c) => !c.trim())) rows.pop();
  if (!rows.length || rows[0]!.every((c) => !c.trim())) return { ok: false, message: '文件的第一行应为列标题，但第一行是空的。', status: 422 };
  if (rows.length < 2) return { ok: false, message: '文件中只有标题行，没有可导入的数据。', status: 422 };
  if (rows.length - 1 > IMPORT_LIMITS.maxRows) return { ok: false, message: `文件超过 ${IMPORT_LIMITS.maxRows} 行数据的上限，请拆分后分批导入。`, status: 413 };
  return { ok: true, rows };
}

export function registerOpinionImport(app: FastifyInstance, ctx: AppContext): void {
  // Own scope: multipart is parsed only for these routes, with their limits.
  app.register(async (scope) => { await routes(scope, ctx); });
}

async function routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const key = Buffer.from('opinion-import:' + ctx.config.sessionSecret, 'utf8');
  const actor = (req: FastifyRequest) => auditActor({ user: req.user!, ip: req.ip });
  await registerUploads(app, { maxBytes: UPLOAD_LIMIT, fields: 10, tooLarge: '上传的文件超过 20 MB，请拆分后分批导入。', allow: signedInOnly });

  const mayImport = (req: FastifyRequest, s: SourceRow) => can(req.user!, 'opinion.ingest', s.orgId == null ? undefined : { orgId: s.orgId });
  const sourcesOf = (req: FastifyRequest) => listImportSources(db, [...scopeOf(req.user!, 'opinion.ingest')]);

  const sign = (userId: number, fileId: number, sourceId: number, name: string) => {
    const n = Buffer.from(name, 'utf8').toString('base64url');
    return `${fileId}.${sourceId}.${n}.${signMac(key, `${userId}.${fileId}.${sourceId}.${n}`)}`;
  };
  const verify = (userId: number, token: string) => {
    const m = /^([1-9]\d{0,9})\.([1-9]\d{0,9})\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{10,100})$/.exec(token);
    if (!m || !verifyMac(key, `${userId}.${m[1]}.${m[2]}.${m[3]}`, m[4]!)) return undefined;
    return { fileId: Number(m[1]), sourceId: Number(m[2]), name: Buffer.from(m[3]!, 'base64url').toString('utf8') };
  };

  async function uploadPage(req: FastifyRequest, reply: FastifyReply, values?: UploadValues, errors?: Record<string, string>, status = 200) {
    const sources = await sourcesOf(req);
    return reply.page((vc) => ImportUploadPage({ vc, sources, values, errors }), status);
  }

  app.get(IMPORT_HREF, { config: POLICY }, async (req, reply) => uploadPage(req, reply));

  app.post(IMPORT_HREF, { config: POLICY }, async (req, reply) => {
    const v = readStrings(UploadForm, req.body);
    const file = uploadedFile(req.body, 'file');
    const errors: Record<string, string> = {};
    let source: SourceRow | undefined;
    if (v.sourceId === 'new') {
      if (!v.newName) errors.newName = '请填写新来源名称';
      else if (v.newName.length > 60) errors.newName = '新来源名称不能超过 60 个字符';
      if (v.newKind !== 'hotline' && v.newKind !== 'board') errors.newKind = '请选择来源类型';
    } else if (!/^[1-9]\d{0,9}$/.test(v.sourceId)) {
      errors.sourceId = '请选择导入到的来源';
    } else {
      source = (await sourcesOf(req)).find((s) => s.id === Number(v.sourceId));
      if (!source) errors.sourceId = '所选来源不存在或您没有导入的权限，请重新选择';
    }
    if (!file || !file.filename) errors.file = '请选择要导入的 CSV 或 Excel 文件';
    else if (file.truncated) errors.file = '文件过大，最大为 20 MB，请拆分后分批导入。';
    if (Object.keys(errors).length) return uploadPage(req, reply, v, errors, file?.truncated ? 413 : 422);
    const check = await checkUpload(file!.data, file!.filename, { allowed: ['csv', 'xlsx', 'txt'], maxBytes: MAX_IMPORT_BYTES });
    if (!check.ok) return uploadPage(req, reply, v, { file: check.message }, 422);
    const sheet = await readSheet(file!.data, check.kind, check.encoding);
    if (!sheet.ok) return uploadPage(req, reply, v, { file: sheet.message }, sheet.status);
    if (!source) {
      const created = await createImportSource(ctx, actor(req), { name: v.newName, kind: v.newKind as ImportKind });
      if (!created.ok) return uploadPage(req, reply, v, created.fields, 422);
      source = created.source;
    }
    const fileId = await keepUpload(ctx, actor(req), source, file!.data, check.kind, check.mime, check.name);
    const map = guessMapping(sheet.rows[0]!, source.importMapping);
    const remembered = !!source.importMapping && Object.keys(source.importMapping).length > 0;
    return mappingPage(reply, { source, token: sign(req.user!.id, fileId, source.id, check.name), fileName: check.name, headers: sheet.rows[0]!, map, remembered }, sheet.rows);
  });

  function mappingPage(reply: FastifyReply, p: Omit<MappingProps, 'vc' | 'preview'>, rows: string[][] | null, status = 200) {
    const preview = rows && !p.errors ? mapRows(rows, p.map, { now: ctx.now(), headers: p.headers }) : undefined;
    return reply.page((vc) => ImportMappingPage({ ...p, vc, preview }), status);
  }

  app.post(`${IMPORT_HREF}/map`, { config: POLICY }, async (req, reply) => {
    const v = readStrings(MapForm, req.body) as Record<string, string>;
    const t = verify(req.user!.id, v.token ?? '');
    if (!t) throw new AppError('bad_request', '导入文件的标识无效或已过期，请重新上传文件。');
    const source = await findSource(db, t.sourceId);
    if (!source) throw new AppError('not_found', '导入的来源不存在或已被删除，请重新上传文件。');
    if (!mayImport(req, source)) throw new AppError('forbidden', '您没有向该来源导入的权限。');
    const stored = await getFile(db, t.fileId, ctx.fieldCipher);
    if (!stored) throw new AppError('not_found', '上传的文件已不存在，请重新上传。');
    const sheet = await readSheet(stored.data, stored.kind);
    if (!sheet.ok) throw new AppError('validation_failed', sheet.message);
    const headers = sheet.rows[0]!;
    const map: ColumnMap = {};
    const errors: Record<string, string> = {};
    for (const f of IMPORT_FIELD_KEYS) {
      const raw = v[`col_${f}`] ?? '';
      if (raw === '') continue;
      if (/^\d{1,3}$/.test(raw)) map[f] = Number(raw);
      else errors[`col_${f}`] = `“${IMPORT_FIELDS[f]}”所选的列不存在，请重新选择`;
    }
    for (const [f, m] of Object.entries(mappingProblems(map, headers.length))) errors[`col_${f}`] ??= m;
    const base = { source, token: v.token!, fileName: t.name, headers, map, remembered: false };
    if (Object.keys(errors).length) return mappingPage(reply, { ...base, errors }, null, 422);
    if (v._action !== 'import') return mappingPage(reply, base, sheet.rows);
    const report = await importSheet(ctx, actor(req), source, sheet.rows, map);
    // Imported: the upload (callers' names and phones) is not kept. An import that failed part-way keeps
    // it for the cleanup job, so the same token can be submitted again (imported rows count as duplicates).
    await discardUpload(ctx, actor(req), source, t.fileId, t.name);
    // The error report travels in the page (no server-side state); a very large one is not offered.
    const csv = report.errors.length ? toCsv(errorSheet(report.errors)).toString('utf8').replace(/^\uFEFF/, '') : undefined;
    const errorFile = csv && csv.length < 800_000 ? csv : undefined;
    return reply.page((vc) => ImportReportPage({ vc, source, fileName: t.name, report, errorFile }), report.errors.length && !report.added && !report.duplicates ? 422 : 200);
  });

  app.post(`${IMPORT_HREF}/errors`, { config: POLICY }, async (req, reply) => {
    const { data } = readStrings(ErrorsForm, req.body);
    if (!data) throw new AppError('bad_request', '没有可下载的错误报告。');
    // Re-serialised through the parser: only CSV cells go out, whatever was posted.
    const parsed = readCsv(data);
    if (!parsed.ok) throw new AppError('bad_request', '错误报告数据已损坏，请重新导入后再下载。');
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="opinion-import-errors.csv"').send(toCsv(parsed.rows));
  });
}
