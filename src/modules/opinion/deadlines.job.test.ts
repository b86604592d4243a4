// The deadline check on real PostgreSQL: a past-due open deadline is breached once, with one
// finding, one mail to the disclosure office and the lead unit's heads, an event and an audit row;
// a second run does nothing; closed incidents are skipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { findUserByUsername, toPrincipal } from '../auth/repo.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import type { AppContext } from '../../app-context.ts';
import { createManualIncident } from './use-cases/manual-entry.ts';
import { confirmIncident } from './use-cases/triage.ts';
import { assignIncident } from './use-cases/assign.ts';
import type { Caller } from './use-cases/triage-shared.ts';
import * as repo from './incidents.repo.ts';
import { listFindings } from './findings.repo.ts';
import { checkDeadlines } from './deadlines.job.ts';

let t: TestDb;
let yq: Caller;
let edu = 0;
const NOW = new Date('2026-10-01T10:00:00+08:00');
const at = (hours: number): AppContext => ({ ...t.ctx, now: () => new Date(NOW.getTime() + hours * 3_600_000) });

before(async () => {
  t = await createTestDb({ config: { SMTP_HOST: '127.0.0.1', SMTP_PORT: '9', MAIL_FROM: 'gongkai@yunxi.example.gov.cn' } });
  await seedDemo(t.ctx);
  edu = Number((await t.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`)).rows[0]!.id);
  const user = await toPrincipal(t.ctx.db, (await findUserByUsername(t.ctx.db, 'yqzy'))!, 'session');
  yq = { user, ip: null };
});
after(() => t.drop());

async function majorIncident(title: string): Promise<number> {
  const r = await createManualIncident(at(0), yq, { title, text: `${title}，群众反映强烈。`, sourceName: '', mediaType: 'forum', origin: 'manual', higherDeadline: null, url: null, author: null, publishedAt: null });
  assert.ok(r.ok);
  let i = (await repo.findIncident(t.ctx.db, r.incidentId))!;
  assert.ok((await assignIncident(at(0), yq, i.id, { version: i.version, leadOrgId: edu, coOrgIds: [] })).ok);
  i = (await repo.findIncident(t.ctx.db, i.id))!;
  assert.ok((await confirmIncident(at(0), yq, i.id, { version: i.version, grade: 'major', category: 'public_interest' })).ok);
  return i.id;
}

const breachMails = async () => (await t.ctx.database.pool.query<{ data: { to: string[]; subject: string; text: string } }>(
  `select data from pgboss.job where name = 'mail.send' and data->>'subject' like '%超时督办%' order by created_on`)).rows.map((r) => r.data);

test('a past-due deadline is breached once: finding, mail, event, audit; a second run adds nothing', async () => {
  const id = await majorIncident('某小学校车超载');
  const closed = await majorIncident('某中学食堂涨价');
  await t.ctx.db.execute(sql`update opinion_incidents set status = 'closed' where id = ${closed}`);

  assert.deepEqual(await checkDeadlines(at(4)), { breached: 0, findings: 0, mails: 0 });
  const first = await checkDeadlines(at(6));
  assert.deepEqual(first, { breached: 1, findings: 1, mails: 1 });
  assert.deepEqual(await checkDeadlines(at(6)), { breached: 0, findings: 0, mails: 0 });

  const ds = await repo.incidentDeadlines(t.ctx.db, id);
  const fi = ds.find((d) => d.kind === 'first_info')!;
  assert.equal(fi.breachedAt!.getTime(), at(6).now().getTime());
  assert.ok(fi.escalatedAt);
  assert.equal(ds.find((d) => d.kind === 'press_conference')!.breachedAt, null);
  assert.equal((await repo.incidentDeadlines(t.ctx.db, closed)).every((d) => d.breachedAt === null), true);

  const { rows } = await listFindings(t.ctx.db, { all: true, orgIds: [] }, 1, 20);
  assert.equal(rows.length, 1);
  // One hour late on a 重大 incident: 通报 raised one step to 约谈.
  assert.deepEqual([rows[0]!.incidentId, rows[0]!.kind, rows[0]!.deadlineKind, rows[0]!.orgName], [id, 'interview', 'first_info', '云溪县教育体育局']);
  assert.match(rows[0]!.reason, /已超时1小时0分钟/);

  const mails = await breachMails();
  assert.equal(mails.length, 1);
  assert.deepEqual([...mails[0]!.to].sort(), ['gkb@yunxi.example.gov.cn', 'sfr@yunxi.example.gov.cn', 'shr@yunxi.example.gov.cn']);
  assert.match(mails[0]!.text, /建议约谈|约谈/);
  const ev = (await repo.incidentEvents(t.ctx.db, id)).filter((e) => e.type === 'deadline_breached');
  assert.equal(ev.length, 1);

  // The press conference runs out later: a second finding (another deadline kind), the repeat counted.
  assert.deepEqual(await checkDeadlines(at(25)), { breached: 1, findings: 1, mails: 1 });
  assert.equal((await listFindings(t.ctx.db, { all: false, orgIds: [edu] }, 1, 20)).total, 2);
  const audit = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'opinion.deadline.breach'`);
  assert.equal(audit.rows[0]!.n, 2);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});
