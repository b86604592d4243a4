// The demo county's opinion data loads through the real ingest use case, once: the planted reposts
// and the Traditional copy collapse, each story becomes one candidate incident, personal data is
// encrypted, and the audit chain stays whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { seedOpinionDemo } from './demo.ts';
import { DEMO_ITEMS } from './demo-items.ts';

let t: TestDb;
before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  t.ctx.now = () => new Date('2026-07-08T02:00:00Z');
});
after(() => t.drop());

test('demo opinion data: sources, items, incidents, loaded once', async () => {
  const problems: string[] = [];
  const n = await seedOpinionDemo(t.ctx, (m) => problems.push(m));
  assert.deepEqual(problems, []);
  assert.equal(n, DEMO_ITEMS.length, 'every demo item is stored, as new or as a duplicate');

  const dup = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_items where duplicate_of_id is not null`);
  assert.ok(dup.rows[0]!.n >= 3, `the planted reposts and the Traditional copy collapse (got ${dup.rows[0]!.n})`);

  const inc = await t.ctx.db.execute<{ title: string; item_count: number; status: string }>(sql`select title, item_count, status from opinion_incidents order by id`);
  assert.ok(inc.rows.length >= 4 && inc.rows.length <= 9, `a handful of incidents, not one per item (got ${inc.rows.length})`);
  const water = inc.rows.filter((r) => r.title.includes('停水'));
  assert.equal(water.length, 1, 'the water-cut posts form one incident');
  assert.equal(water[0]!.status, 'confirmed', 'the water cut is confirmed (重大), its clocks running');
  const school = inc.rows.filter((r) => r.title.includes('招生'));
  assert.equal(school.length, 1);
  assert.equal(school[0]!.status, 'closed', 'the misread admission rule is answered and closed with an evaluation');
  assert.ok(inc.rows.filter((r) => r.status === 'candidate').length >= 2, 'others wait for 研判');
  const dl = await t.ctx.db.execute<{ kind: string; met: boolean }>(sql`select d.kind, d.met_at is not null as met from opinion_deadlines d join opinion_incidents i on i.id = d.incident_id where i.title like '%停水%' order by d.due_at`);
  assert.deepEqual(dl.rows.map((r) => `${r.kind}:${r.met}`), ['first_info:false', 'press_conference:false']);
  const pub = await t.ctx.db.execute<{ title: string }>(sql`select title from opinion_responses where published_at is not null and status = 'approved'`);
  assert.deepEqual(pub.rows.map((r) => r.title), ['关于网传“义务教育招生只认房产证”的情况说明'], 'one answer is published on /hygq/ under its own title');

  const contacts = await t.ctx.db.execute<{ contact_enc: string | null }>(sql`select contact_enc from opinion_items where contact_enc is not null`);
  assert.ok(contacts.rows.length >= 3);
  assert.ok(contacts.rows.every((r) => !/\d{7}/.test(r.contact_enc!)), 'callers\u2019 phone numbers are encrypted');
  const duty = await t.ctx.db.execute<{ phone_enc: string }>(sql`select phone_enc from opinion_duty_contacts`);
  assert.equal(duty.rows.length, 2);
  assert.equal(t.ctx.fieldCipher.decrypt(duty.rows[0]!.phone_enc), '0793-5120099');

  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
  assert.equal(await seedOpinionDemo(t.ctx), 0, 'a second run adds nothing');
});
