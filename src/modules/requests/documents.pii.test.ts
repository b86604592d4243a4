// Regression tests: a case's documents are personal data. A reviewer who sees the applicant masked
// cannot download them (the 登记回执 named the applicant in full); the disclosure office can, and
// the download is audited like revealing; the files table holds no plain name or ID number (the
// notice text was copied into files.text, the bytes were plain); the applicant still downloads
// their own notices from the tracking page; legacy plain files are sealed by the migration + start-up task.
import { runPendingJobs } from '../../../test/support/jobs.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client, type Res } from '../../../test/support/http.ts';
import * as authRepo from '../auth/repo.ts';
import { withTx } from '../../platform/db/index.ts';
import { extractText } from '../../platform/files/extract.ts';
import { getFile, sealPendingFiles, storeFile } from '../../platform/files/store.ts';
import { registerOffline } from './intake.ts';
import { sendCorrection } from './use-cases/index.ts';

let s: TestServer;
const c: Record<string, Client> = {};
const NAME = '欧阳明月';
const ID = '11010519491231002X';
let caseId = 0;
let trackingNo = '';
let queryCode = '';
let receiptId = 0;

const principal = async (name: string) => authRepo.toPrincipal(s.ctx.db, (await authRepo.findUserByUsername(s.ctx.db, name))!, 'session');
const docText = async (bytes: Buffer) => { const r = await extractText(bytes, 'docx'); assert.ok(r.ok, 'a readable .docx'); return r.text; };
const auditRows = async (action: string) => (await s.ctx.db.execute<{ actor_name: string; summary: Record<string, unknown> }>(sql`
  select actor_name, summary from audit_log where action = ${action} and entity_id = ${String(caseId)} order by id`)).rows;

async function postMultipart(cl: Client, path: string, f: Record<string, string>, file: { name: string; content: Buffer }): Promise<Res> {
  const boundary = '----gk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: cl.csrf, ...f })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return cl.request('POST', path, { body: Buffer.concat(parts) as unknown as string, type: `multipart/form-data; boundary=${boundary}` });
}

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  for (const n of ['shr', 'gkb']) { c[n] = new Client(s.baseUrl); await c[n].login(n, s.password(n)); }
  const edu = (await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`)).rows[0].id;
  const r = await registerOffline(s.ctx, await principal('gkb'), {
    orgId: String(edu), applicantType: 'natural', applicantName: NAME, idType: 'id_card', idNumber: ID, phone: '13812345678', address: '云溪县城关镇人民路18号', postcode: '334600',
    infoDescription: '城关第一小学2025年操场改造工程的验收报告', forms: ['paper'], delivery: 'post', channel: 'in_person',
  });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  ({ caseId, trackingNo, queryCode } = r);
  // The 登记回执 is built by its job (queued in the registration's transaction).
  await runPendingJobs(s.ctx, { only: ['requests.receipt'] });
  receiptId = Number((await s.ctx.db.execute<{ id: number }>(sql`select id from request_documents where case_id = ${caseId} and kind = 'receipt'`)).rows[0].id);
});
after(() => s.close());

test('a reviewer who sees the applicant masked cannot download the 登记回执: 403 in Chinese, no name in the answer, no view audited', async () => {
  const page = await c.shr.get(`/admin/requests/${caseId}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes(NAME) && /欧\*+/.test(page.text), 'the screen masks the name');
  const before = (await auditRows('request.pii_view')).length;
  const dl = await c.shr.get(`/admin/requests/${caseId}/documents/${receiptId}`);
  assert.equal(dl.status, 403);
  assert.match(dl.text, /只有本申请的承办人或政务公开办可以下载/);
  assert.ok(!dl.text.includes(NAME) && !dl.text.includes(ID));
  assert.doesNotMatch(dl.headers.get('content-type') ?? '', /wordprocessingml/);
  assert.equal((await auditRows('request.pii_view')).length, before);
});

test('the disclosure office downloads the full 登记回执; one request.pii_view audit row names the document', async () => {
  const before = (await auditRows('request.pii_view')).length;
  const dl = await c.gkb.get(`/admin/requests/${caseId}/documents/${receiptId}`);
  assert.equal(dl.status, 200);
  assert.match(dl.headers.get('content-type') ?? '', /wordprocessingml/);
  const text = await docText(dl.bytes);
  assert.ok(text.includes(NAME) && text.includes(trackingNo));
  const rows = await auditRows('request.pii_view');
  assert.equal(rows.length, before + 1, 'one row for the download');
  const last = rows.at(-1)!;
  assert.equal(last.actor_name, 'gkb');
  assert.equal(last.summary.documentId, receiptId);
  assert.equal(last.summary.kind, 'receipt');
  assert.ok(!JSON.stringify(last.summary).includes(NAME), 'the audit row names the document, not the applicant');
});

test('the applicant downloads their own notices and uploads a supplement through the tracking page (decrypted, audited as the applicant)', async () => {
  const sent = await sendCorrection(s.ctx, { user: await principal('gkb'), ip: null }, caseId, { content: '请写明验收报告的年份' });
  assert.ok(sent.ok, JSON.stringify(sent));
  const app = new Client(s.baseUrl);
  await app.get('/ysqgk/track');
  const found = await app.post('/ysqgk/track', { trackingNo, queryCode });
  assert.equal(found.status, 200);
  const dl = await app.post('/ysqgk/track/download', { trackingNo, queryCode, documentId: String(receiptId) });
  assert.equal(dl.status, 200);
  assert.ok((await docText(dl.bytes)).includes(NAME));
  const own = await auditRows('request.document.applicant_download');
  assert.equal(own.length, 1);
  assert.equal(own[0].actor_name, '申请人');
  const up = await postMultipart(app, '/ysqgk/track/supplement', { trackingNo, queryCode, text: '补正说明见附件' },
    { name: '补正材料.txt', content: Buffer.from(`申请人${NAME}，身份证号${ID}，所需报告为2025年度。`, 'utf8') });
  assert.equal(up.status, 200, up.text.slice(0, 300));
  const supp = await s.ctx.db.execute<{ file_id: number }>(sql`select file_id from request_documents where case_id = ${caseId} and kind = 'supplement'`);
  assert.equal(supp.rows.length, 1);
  const f = await getFile(s.ctx.db, Number(supp.rows[0].file_id), s.ctx.fieldCipher);
  assert.ok(f!.data.toString('utf8').includes(ID), 'the upload opens to its own bytes');
});

test('the files table holds no plain name or ID number: sealed bytes, no text copy, no SM3, one row per document', async () => {
  const hits = await s.ctx.db.execute<{ id: number }>(sql`select id from files
    where position(convert_to(${NAME}, 'UTF8') in data) > 0 or position(convert_to(${ID}, 'UTF8') in data) > 0
       or coalesce(text, '') like ${'%' + NAME + '%'} or coalesce(text, '') like ${'%' + ID + '%'}`);
  assert.deepEqual(hits.rows, []);
  const mine = await s.ctx.db.execute<{ id: number; data: Buffer; text: string | null; sm3: string | null; personal: boolean }>(sql`
    select f.id, f.data, f.text, f.sm3, f.personal from request_documents d join files f on f.id = d.file_id where d.case_id = ${caseId}`);
  assert.ok(mine.rows.length >= 3, 'receipt, 补正告知书, supplement');
  for (const f of mine.rows) {
    assert.ok(f.personal && f.text === null && f.sm3 === null, `file ${f.id} is sealed`);
    assert.notEqual(f.data.subarray(0, 2).toString(), 'PK', 'not a readable zip');
    assert.throws(() => unzipSync(new Uint8Array(f.data)));
  }
  // Reading a sealed file without the key is a programming error, never plain bytes.
  await assert.rejects(getFile(s.ctx.db, Number(mine.rows[0].id)), /sealed/);
});

test('migration encrypt_personal_files + start-up task: legacy plain case files are split from shared rows, sealed, their text dropped', async () => {
  const legacy = Buffer.from(`旧版登记回执：申请人${NAME}`, 'utf8');
  // As the old code stored them: deduplicated by SM3, with the notice text, shared by two documents.
  const fileId = await withTx(s.ctx.db, (tx) => storeFile(tx, legacy, 'txt', 'text/plain', `旧版登记回执：申请人${NAME}`));
  const ids: number[] = [];
  for (const k of ['receipt', 'reply']) {
    const r = await s.ctx.db.execute<{ id: number }>(sql`insert into request_documents (case_id, file_id, kind, name, visible_to_applicant)
      values (${caseId}, ${fileId}, ${k}, ${k + '.txt'}, true) returning id`);
    ids.push(Number(r.rows[0].id));
  }
  // The data steps of the migration, as applied to an existing database.
  const steps = readFileSync(new URL('../../../migrations/0008_encrypt_personal_files.sql', import.meta.url), 'utf8').split('--> statement-breakpoint').filter((x) => !/ALTER TABLE/.test(x));
  assert.equal(steps.length, 2);
  for (const st of steps) await s.ctx.db.execute(sql.raw(st));
  assert.ok(await sealPendingFiles(s.ctx.db, s.ctx.fieldCipher) >= 2);
  assert.equal(await sealPendingFiles(s.ctx.db, s.ctx.fieldCipher), 0, 'idempotent');
  const rows = await s.ctx.db.execute<{ file_id: number }>(sql`select file_id from request_documents where id in (${ids[0]}, ${ids[1]}) order by id`);
  const [a, b] = rows.rows.map((r) => Number(r.file_id));
  assert.notEqual(a, b, 'no file shared between two documents');
  for (const id of [a, b]) {
    const raw = (await s.ctx.db.execute<{ data: Buffer; text: string | null; key_enc: string | null }>(sql`select data, text, key_enc from files where id = ${id}`)).rows[0];
    assert.ok(raw.key_enc && raw.text === null && !raw.data.includes(Buffer.from(NAME)));
    assert.deepEqual((await getFile(s.ctx.db, id, s.ctx.fieldCipher))!.data, legacy);
  }
  const hits = await s.ctx.db.execute(sql`select id from files where position(convert_to(${NAME}, 'UTF8') in data) > 0 or coalesce(text, '') like ${'%' + NAME + '%'}`);
  assert.equal(hits.rows.length, 0);
});
