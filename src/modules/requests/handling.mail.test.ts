// Delivery by e-mail through a real SMTP server: the .docx goes as an attachment to the applicant's
// address through the mail.send job queued with the delivery; a server that refuses delays the
// e-mail (the job retries), it does not undo the delivery.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import * as authRepo from '../auth/repo.ts';
import { listOrgs } from '../org/repo.ts';
import type { Principal } from '../auth/policy.ts';
import { registerOffline } from './intake.ts';
import { deliverDocument, sendCorrection, startConsultation } from './use-cases/index.ts';
import * as repo from './repo.ts';
import { jobStates, runPendingJobs } from '../../../test/support/jobs.ts';

let t: TestDb;
let server: SMTPServer;
let refuse = false;
const mails: { to: string[]; raw: string }[] = [];
let cbr: Principal;
let org = 0;

before(async () => {
  server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, cb) { cb(refuse ? Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }) : undefined); },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
      stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw }); cb(); });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  t = await createTestDb({ config: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), MAIL_FROM: 'gongkai@yunxi.example.gov.cn' } });
  await seedDemo(t.ctx);
  t.ctx.now = () => new Date('2026-03-10T02:00:00Z');
  for (const o of await listOrgs(t.ctx.db)) if (o.shortName === '县教体局') org = o.id;
  cbr = await authRepo.toPrincipal(t.ctx.db, (await authRepo.findUserByUsername(t.ctx.db, 'cbr'))!, 'session');
});
after(async () => { await t.drop(); await new Promise<void>((r) => server.close(() => r())); });

async function caseWithNotice(email: string | null): Promise<{ id: number; docId: number }> {
  const r = await registerOffline(t.ctx, cbr, {
    orgId: String(org), applicantType: 'natural', applicantName: '吴海燕', idType: 'id_card', idNumber: '11010519491231002X',
    phone: '13812345678', email: email ?? '', address: '云溪县城关镇人民路8号', channel: 'in_person',
    infoDescription: `城关中学${email ?? '无邮箱'}2025年课后服务收费标准及收支情况`, forms: ['electronic'], delivery: email ? 'email' : 'post',
  });
  assert.ok(r.ok, JSON.stringify(r));
  const id = r.ok ? r.caseId : 0;
  assert.ok((await sendCorrection(t.ctx, { user: cbr, ip: null }, id, { content: '请写明学年' })).ok);
  const doc = (await repo.listDocuments(t.ctx.db, id)).find((d) => d.kind === 'correction_notice')!;
  return { id, docId: doc.id };
}

test('e-mail delivery sends the .docx to the applicant and records it', async () => {
  const { id, docId } = await caseWithNotice('wuhy@example.com');
  const r = await deliverDocument(t.ctx, { user: cbr, ip: null }, id, { documentId: docId, method: 'email' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(mails.length, 0, 'sent by the job, after the commit');
  await runPendingJobs(t.ctx);
  assert.equal(mails.length, 1);
  assert.deepEqual(mails[0].to, ['wuhy@example.com']);
  assert.match(mails[0].raw, /application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/);
  assert.match(mails[0].raw, /Content-Disposition: attachment/i);
  const d = (await repo.findDocument(t.ctx.db, id, docId))!;
  assert.equal(d.deliveredVia, 'email');
  assert.equal(d.deliveredOn, '2026-03-10');
  const a = await t.ctx.db.execute(sql`select 1 from audit_log where action = 'request.document.deliver' and entity_id = ${String(id)}`);
  assert.equal(a.rows.length, 1);
});

test('a refusing SMTP server delays the e-mail, it is retried and sent once; no address → another method', async () => {
  const { id, docId } = await caseWithNotice('later@example.com');
  const before = mails.length;
  refuse = true;
  const r = await deliverDocument(t.ctx, { user: cbr, ip: null }, id, { documentId: docId, method: 'email' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal((await repo.findDocument(t.ctx.db, id, docId))!.deliveredVia, 'email');
  const down = await runPendingJobs(t.ctx);
  assert.equal(down.failed.length, 1);
  assert.match(down.failed[0]!.message, /邮件发送失败/);
  assert.equal((await jobStates(t.ctx, 'mail.send')).retry, 1);
  refuse = false;
  assert.equal((await runPendingJobs(t.ctx, { includeRetries: true })).completed, 1);
  assert.equal(mails.length, before + 1);
  assert.deepEqual(mails.at(-1)!.to, ['later@example.com']);
  assert.match(mails.at(-1)!.raw, /Content-Disposition: attachment/i);
  // Without SMTP configured, e-mail delivery is refused up front (nothing would ever be sent).
  const noMail = { ...t.ctx, config: { ...t.ctx.config, smtp: undefined } };
  const other = await caseWithNotice('nosmtp@example.com');
  const n0 = await deliverDocument(noMail, { user: cbr, ip: null }, other.id, { documentId: other.docId, method: 'email' });
  assert.ok(!n0.ok && /未配置邮件服务器/.test(n0.message), JSON.stringify(n0));
  assert.equal((await repo.findDocument(t.ctx.db, other.id, other.docId))!.deliveredVia, null);
  const none = await caseWithNotice(null);
  const n = await deliverDocument(t.ctx, { user: cbr, ip: null }, none.id, { documentId: none.docId, method: 'email' });
  assert.ok(!n.ok && n.fields?.method && /没有提供电子邮箱/.test(n.fields.method));
  const future = await deliverDocument(t.ctx, { user: cbr, ip: null }, none.id, { documentId: none.docId, method: 'collected', on: '2026-03-11' });
  assert.ok(!future.ok && future.fields?.on);
  const ok = await deliverDocument(t.ctx, { user: cbr, ip: null }, none.id, { documentId: none.docId, method: 'collected', on: '2026-03-10', note: '申请人本人领取' });
  assert.ok(ok.ok);
});

test('a stale form sends nothing; a consultation letter is never e-mailed to the applicant', async () => {
  const { id, docId } = await caseWithNotice('stale@example.com');
  const before = mails.length;
  const c = (await repo.findCase(t.ctx.db, id))!;
  const stale = await deliverDocument(t.ctx, { user: cbr, ip: null }, id, { documentId: docId, method: 'email', version: c.version - 1 });
  assert.ok(!stale.ok && stale.reason === 'stale');
  await runPendingJobs(t.ctx);
  assert.equal(mails.length, before, 'no e-mail went out');
  // A case in handling for the consultation letter.
  const r = await registerOffline(t.ctx, cbr, {
    orgId: String(org), applicantType: 'natural', applicantName: '吴海燕', idType: 'id_card', idNumber: '11010519491231002X',
    phone: '13812345678', email: 'letter2@example.com', address: '云溪县城关镇人民路8号', channel: 'in_person', infoDescription: '城关中学食堂承包合同', forms: ['paper'], delivery: 'post',
  });
  assert.ok(r.ok, JSON.stringify(r));
  const cid = r.ok ? r.caseId : 0;
  assert.ok((await startConsultation(t.ctx, { user: cbr, ip: null }, cid, { reason: 'third_party', party: '某餐饮公司' })).ok);
  const letter = (await repo.listDocuments(t.ctx.db, cid)).find((d) => d.kind === 'third_party_letter')!;
  const e = await deliverDocument(t.ctx, { user: cbr, ip: null }, cid, { documentId: letter.id, method: 'email' });
  assert.ok(!e.ok && e.fields?.method && /第三方/.test(e.fields.method));
  assert.equal(mails.length, before);
  const posted = await deliverDocument(t.ctx, { user: cbr, ip: null }, cid, { documentId: letter.id, method: 'post', note: '寄某餐饮公司' });
  assert.ok(posted.ok);
  assert.equal((await repo.findDocument(t.ctx.db, cid, letter.id))!.visibleToApplicant, false, 'the letter stays off the tracking page');
});
