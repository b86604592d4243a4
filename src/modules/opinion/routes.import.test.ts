// /admin/opinion/import through the real server as the 舆情专员 (yqzy): upload → map → preview → import → error report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client, type Res } from '../../../test/support/http.ts';
import { findSourceByName } from './repo.ts';
import { toXlsx } from '../../platform/csv/index.ts';
import { sql } from 'drizzle-orm';
import { getFileInfo } from '../../platform/files/index.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { runCronJob } from '../../../test/support/jobs.ts';
import { countUploads } from './import.repo.ts';

let s: TestServer;
let yq: Client;
before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  yq = new Client(s.baseUrl);
  await yq.login('yqzy', s.password('yqzy'));
});
after(() => s.close());

async function postMultipart(c: Client, path: string, fields: Record<string, string>, file?: { name: string; content: string | Buffer }): Promise<Res> {
  const boundary = '----gk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: c.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return c.request('POST', path, { body: Buffer.concat(parts) as unknown as string, type: `multipart/form-data; boundary=${boundary}` });
}

const CSV = '工单编号,来电时间,来电人,来电号码,诉求内容\r\n'
  + 'GD-1,2026-10-01 08:30,张三丰,13812345678,城关镇东片区今天上午突然停水，没有提前通知。\r\n'
  + 'GD-2,昨天下午,李四,,西街路灯连续三天不亮。\r\n'
  + 'GD-3,2026-10-01 09:30,王五,,夜间施工噪音扰民，多次反映没人管。\r\n';

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;
/** The stored upload a token names (its first part). */
const fileOf = (token: string) => Number(token.split('.')[0]);
const selected = (html: string, field: string) => new RegExp(`name="col_${field}"[\\s\\S]*?<option value="(\\d+)" selected`).exec(html)?.[1];

test('the menu has the import entry; bad uploads are refused in Chinese with the typed values kept', async () => {
  const home = await yq.get('/admin/');
  assert.match(home.text, /href="\/admin\/opinion\/import"[^>]*>导入热线和留言板数据/);
  const page = await yq.get('/admin/opinion/import');
  assert.equal(page.status, 200);
  const none = await postMultipart(yq, '/admin/opinion/import', { sourceId: 'new', newName: '', newKind: 'hotline' });
  assert.equal(none.status, 422);
  assert.match(none.text, /请填写新来源名称/);
  assert.match(none.text, /请选择要导入的 CSV 或 Excel 文件/);
  const bad = await postMultipart(yq, '/admin/opinion/import', { sourceId: 'new', newName: '云溪县12345热线', newKind: 'x' }, { name: 'a.pdf', content: '%PDF-1.4 xx' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /请选择来源类型/);
  assert.match(bad.text, /value="云溪县12345热线"/);
  const badId = await postMultipart(yq, '/admin/opinion/import', { sourceId: 'abc', newName: '', newKind: 'hotline' }, { name: 'a.csv', content: CSV });
  assert.equal(badId.status, 422);
  assert.match(badId.text, /请选择导入到的来源/);
  const headerOnly = await postMultipart(yq, '/admin/opinion/import', { sourceId: 'new', newName: '空文件来源', newKind: 'hotline' }, { name: 'a.csv', content: '工单编号,来电时间\r\n' });
  assert.equal(headerOnly.status, 422);
  assert.match(headerOnly.text, /只有标题行/);
  assert.equal(await findSourceByName(s.ctx.db, '空文件来源'), undefined);
});

test('upload → guessed mapping and preview (masked) → a bad mapping refused → import → error report → mapping remembered → re-import duplicates', async () => {
  const up = await postMultipart(yq, '/admin/opinion/import', { sourceId: 'new', newName: '云溪县12345热线', newKind: 'hotline' }, { name: '热线.csv', content: CSV });
  assert.equal(up.status, 200, up.text.slice(0, 500));
  assert.match(up.text, /选择对应列并预览/);
  assert.equal(selected(up.text, 'externalId'), '0');
  assert.equal(selected(up.text, 'publishedAt'), '1');
  assert.match(up.text, /共 3 行数据，其中 2 行可以导入，1 行有误将不导入/);
  assert.match(up.text, /张\*\*/);
  assert.match(up.text, /138\*\*\*\*5678/);
  assert.ok(!up.text.includes('13812345678') && !up.text.includes('张三丰'), 'personal data masked');
  assert.match(up.text, /时间“昨天下午”无法识别/);
  const token = tokenOf(up.text);

  // The time mapped onto 来电人: the column is named; the same column twice is refused.
  const wrong = await yq.post('/admin/opinion/import/map', { token, _action: 'preview', col_externalId: '0', col_publishedAt: '2', col_text: '4' });
  assert.equal(wrong.status, 200);
  assert.match(wrong.text, /所选的“来电人”列中没有一个可识别的日期或时间/);
  const twice = await yq.post('/admin/opinion/import/map', { token, _action: 'import', col_externalId: '1', col_publishedAt: '1', col_text: '4' });
  assert.equal(twice.status, 422);
  assert.match(twice.text, /选择了同一列/);
  const junk = await yq.post('/admin/opinion/import/map', { token, _action: 'import', col_publishedAt: 'x', col_text: '4' });
  assert.equal(junk.status, 422);
  assert.match(junk.text, /“时间”所选的列不存在/);
  const forged = await yq.post('/admin/opinion/import/map', { token: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), _action: 'import', col_publishedAt: '1', col_text: '4' });
  assert.equal(forged.status, 400);
  assert.match(forged.text, /导入文件的标识无效/);

  // Until the import the upload is kept (sealed) and recorded as waiting.
  assert.equal((await getFileInfo(s.ctx.db, fileOf(token)))?.personal, true);
  assert.equal(await countUploads(s.ctx.db), 1);
  const done = await yq.post('/admin/opinion/import/map', { token, _action: 'import', col_externalId: '0', col_publishedAt: '1', col_author: '2', col_contact: '3', col_text: '4' });
  assert.equal(done.status, 200);
  // Imported: the upload is gone (row and bytes), audited; the same token cannot be used again.
  assert.equal(await getFileInfo(s.ctx.db, fileOf(token)), undefined);
  assert.equal(await countUploads(s.ctx.db), 0);
  const deleted = await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'opinion.import.upload.delete'`);
  assert.equal(Number(deleted.rows[0]!.n), 1);
  const replay = await yq.post('/admin/opinion/import/map', { token, _action: 'import', col_externalId: '0', col_publishedAt: '1', col_text: '4' });
  assert.equal(replay.status, 404);
  assert.match(replay.text, /上传的文件已不存在，请重新上传。/);
  assert.match(done.text, /云溪县12345热线：共 3 行，新增 2 条，重复 0 条，1 行未导入/);
  assert.match(done.text, /<td>3<\/td><td>GD-2<\/td>|<td>GD-2<\/td>/);
  const data = /name="data" value="([^"]*)"/.exec(done.text)![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const csv = await yq.post('/admin/opinion/import/errors', { data });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type')!, /text\/csv/);
  const body = csv.bytes.toString('utf8');
  assert.match(body, /行号,编号,标题,错误说明/);
  assert.match(body, /3,GD-2,西街路灯连续三天不亮。,时间“昨天下午”无法识别/);
  assert.ok(!body.includes('李四'));

  const src = (await findSourceByName(s.ctx.db, '云溪县12345热线'))!;
  assert.deepEqual(src.importMapping, { externalId: '工单编号', publishedAt: '来电时间', author: '来电人', contact: '来电号码', text: '诉求内容' });

  // Next time: the source is chosen, the remembered mapping pre-selected, and the same rows are duplicates.
  const csv2 = '序号,诉求内容,来电号码,来电人,来电时间,工单编号\r\n1,城关镇东片区今天上午突然停水，没有提前通知。,13812345678,张三丰,2026-10-01 08:30,GD-1\r\n';
  const up2 = await postMultipart(yq, '/admin/opinion/import', { sourceId: String(src.id), newName: '', newKind: 'hotline' }, { name: '热线2.csv', content: csv2 });
  assert.equal(up2.status, 200);
  assert.match(up2.text, /已按该来源上次导入时的对应关系预先选择/);
  assert.equal(selected(up2.text, 'externalId'), '5');
  assert.equal(selected(up2.text, 'publishedAt'), '4');
  const again = await yq.post('/admin/opinion/import/map', { token: tokenOf(up2.text), _action: 'import', col_externalId: '5', col_publishedAt: '4', col_author: '3', col_contact: '2', col_text: '1' });
  assert.match(again.text, /共 1 行，新增 0 条，重复 1 条/);
});

test('an Excel (.xlsx) export of a 留言板 goes the same way, its mapping guessed from the headers', async () => {
  const xlsx = await toXlsx([['留言标题', '留言内容', '留言时间', '网友', '原文链接'],
    ['小区门口积水', '每逢下雨小区门口积水严重，希望尽快疏通排水。', '2026年10月1日 10:20', '热心网友', 'https://liuyan.example.cn/t/1'],
    ['', '', '', '', '']]);
  const up = await postMultipart(yq, '/admin/opinion/import', { sourceId: 'new', newName: '县长信箱', newKind: 'board' }, { name: '留言.xlsx', content: xlsx });
  assert.equal(up.status, 200);
  assert.equal(selected(up.text, 'publishedAt'), '2');
  assert.equal(selected(up.text, 'url'), '4');
  assert.match(up.text, /共 1 行数据，其中 1 行可以导入/);
  const done = await yq.post('/admin/opinion/import/map', { token: tokenOf(up.text), _action: 'import', col_title: '0', col_text: '1', col_publishedAt: '2', col_author: '3', col_url: '4' });
  assert.match(done.text, /县长信箱：共 1 行，新增 1 条，重复 0 条，新发现舆情 1 起。/);
  assert.equal((await findSourceByName(s.ctx.db, '县长信箱'))!.mediaType, 'board');
});

test('an upload never imported is deleted by the hourly cleanup after 24 hours; a newer one is kept', async () => {
  const src = (await findSourceByName(s.ctx.db, '云溪县12345热线'))!;
  const upload = async () => tokenOf((await postMultipart(yq, '/admin/opinion/import', { sourceId: String(src.id), newName: '', newKind: 'hotline' }, { name: '热线3.csv', content: CSV })).text);
  const old = await upload();
  const fresh = await upload();
  assert.equal(await countUploads(s.ctx.db), 2);
  // The first preview was left 25 hours ago; the second 23 hours ago.
  await s.ctx.db.execute(sql`update opinion_import_uploads set created_at = now() - interval '25 hours' where file_id = ${fileOf(old)}`);
  await s.ctx.db.execute(sql`update opinion_import_uploads set created_at = now() - interval '23 hours' where file_id = ${fileOf(fresh)}`);
  await runCronJob(s.ctx, 'opinion.import-cleanup');
  assert.equal(await getFileInfo(s.ctx.db, fileOf(old)), undefined);
  assert.ok(await getFileInfo(s.ctx.db, fileOf(fresh)));
  assert.equal(await countUploads(s.ctx.db), 1);
  const gone = await yq.post('/admin/opinion/import/map', { token: old, _action: 'preview', col_externalId: '0', col_publishedAt: '1', col_text: '4' });
  assert.equal(gone.status, 404);
  assert.match(gone.text, /上传的文件已不存在，请重新上传。/);
  const stillThere = await yq.post('/admin/opinion/import/map', { token: fresh, _action: 'preview', col_externalId: '0', col_publishedAt: '1', col_text: '4' });
  assert.equal(stillThere.status, 200);
  const audit = await s.ctx.db.execute<{ summary: { files: number; fileIds: string } }>(sql`select summary from audit_log where action = 'opinion.import.upload.expire'`);
  assert.deepEqual(audit.rows.map((r) => r.summary.fileIds), [String(fileOf(old))]);
  // Nothing more to clean: a second run changes nothing and writes no audit row.
  await runCronJob(s.ctx, 'opinion.import-cleanup');
  assert.equal(await countUploads(s.ctx.db), 1);
  assert.equal((await s.ctx.db.execute(sql`select 1 from audit_log where action = 'opinion.import.upload.expire'`)).rows.length, 1);
  assert.equal((await verifyAudit(s.ctx.db)).ok, true);
});

test('a department clerk cannot import; a missing error report is a Chinese 400', async () => {
  const clerk = new Client(s.baseUrl);
  await clerk.login('cbr', s.password('cbr'));
  assert.equal((await clerk.get('/admin/opinion/import')).status, 403);
  const r = await yq.post('/admin/opinion/import/errors', { data: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /没有可下载的错误报告/);
});
