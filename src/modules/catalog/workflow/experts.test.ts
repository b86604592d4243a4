// 专家解读 through the real server: experts of the 专家库 chosen when an interpretation is made (one
// not filed refused, the typed form kept, nothing created), changed on its review page while it is
// a draft (audited, the version moved on), refused on a policy and once in review, and shown by name
// and field — never the contact data — on the public record page once published.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../../test/support/server.ts';
import { Client } from '../../../../test/support/http.ts';
import { verifyAudit } from '../../../platform/audit/index.ts';
import * as authRepo from '../../auth/repo.ts';
import { listOrgs } from '../../org/repo.ts';
import { expertOf } from '../../spokesperson/spokesperson.fixtures.ts';
import * as review from '../../review/use-cases.ts';
import { createRecord } from '../use-cases/createRecord.ts';
import type { Caller } from '../use-cases/shared.ts';
import * as wrepo from '../repo.workflow.ts';
import { recordExpertIds } from '../repo.experts.ts';
import { reviewRecord, submitRecord, SUBJECT } from './use-cases.ts';
import { setInterpretationExperts } from './experts.ts';

let s: TestServer;
let cbr: Client;
let anon: Client;
const u: Record<string, Caller> = {};
let edu = 0;
let policy = 0;
const ex: Record<string, number> = {};
const PHONE = '13907935555';

async function caller(username: string): Promise<Caller> {
  const x = (await authRepo.findUserByUsername(s.ctx.db, username))!;
  return { user: await authRepo.toPrincipal(s.ctx.db, x, 'session'), ip: '127.0.0.1' };
}
const SECRECY_OK = { disclosure: 'active', basis: '《中华人民共和国保守国家秘密法》及本县保密事项范围' };
async function publish(id: number) {
  assert.ok((await submitRecord(s.ctx, u.cbr!, id)).ok);
  for (const [who, secrecy] of [['shr', undefined], ['bmsc', SECRECY_OK], ['sfr', undefined]] as const) {
    const step = (await review.latestInstance(s.ctx.db, SUBJECT, id))!.currentStep;
    const r = await reviewRecord(s.ctx, u[who]!, id, { conclusion: 'pass', opinion: '同意', expectedStep: step, secrecy });
    assert.ok(r.ok, `${who}: ${JSON.stringify(r)}`);
  }
  assert.equal((await wrepo.findWorkflow(s.ctx.db, id))!.status, 'published');
}

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  for (const n of ['cbr', 'shr', 'bmsc', 'sfr']) u[n] = await caller(n);
  edu = (await listOrgs(s.ctx.db)).find((o) => o.shortName === '县教体局')!.id;
  [cbr, anon] = [new Client(s.baseUrl), new Client(s.baseUrl)];
  await cbr.login('cbr', s.password('cbr'));
  ex.a = await expertOf(s.ctx, { name: '郑秀华', field: '教育政策', phone: PHONE });
  ex.b = await expertOf(s.ctx, { name: '黄志远', field: '财税与预算' });
  ex.unfiled = await expertOf(s.ctx, { name: '刘安琪', field: '公共卫生', filed: false });
  const r = await createRecord(s.ctx, u.cbr!, { orgId: edu, form: {
    title: '云溪县教育体育局关于2027年义务教育阶段学生资助工作的通知', generatedOn: '2026-01-05', category: 'gzxx', keywords: '学生资助', body: '各学校：现将学生资助有关事项通知如下。',
  } });
  assert.ok(r.ok, JSON.stringify(r));
  policy = r.ok ? r.id : 0;
  await publish(policy);
});
after(() => s.close());

const interpretForm = (experts: string[]) => ({
  title: '《关于2027年义务教育阶段学生资助工作的通知》专家解读', form: '专家解读', body: '问：哪些学生可以申请？答：家庭经济困难学生。', link: '', keywords: '学生资助 专家解读', experts,
});

test('made with experts: one not filed refused (form kept, nothing created); the chosen ones saved and audited', async () => {
  const page = await cbr.get(`/admin/catalog/${policy}/interpret`);
  assert.equal(page.status, 200);
  assert.match(page.text, /郑秀华（教育政策）/);
  assert.doesNotMatch(page.text, /刘安琪/, 'not filed: not offered');
  assert.doesNotMatch(page.text, new RegExp(PHONE));
  const count = async () => Number((await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from catalog_records where interprets_record_id = ${policy}`)).rows[0]!.n);

  const bad = await cbr.post(`/admin/catalog/${policy}/interpret`, interpretForm([String(ex.a), String(ex.unfiled)]));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /所选专家不在专家库中或尚未备案/);
  assert.match(bad.text, /家庭经济困难学生/, 'the typed body kept');
  assert.match(bad.text, new RegExp(`value="${ex.a}" checked`), 'the choice kept');
  assert.equal(await count(), 0, 'nothing created');

  const ok = await cbr.post(`/admin/catalog/${policy}/interpret`, interpretForm([String(ex.b), String(ex.a)]));
  assert.equal(ok.status, 303);
  const id = Number(/\/admin\/catalog\/(\d+)\/review/.exec(ok.location!)![1]);
  assert.deepEqual(await recordExpertIds(s.ctx.db, id), [ex.b, ex.a], 'in the order chosen');
  const rp = await cbr.get(`/admin/catalog/${id}/review`);
  assert.match(rp.text, /已选：黄志远（财税与预算）、郑秀华（教育政策）/);
  assert.match(rp.text, /保存解读专家/);
  const audit = (await s.ctx.db.execute<{ summary: Record<string, unknown> }>(sql`select summary from audit_log where action = 'catalog.interpretation.experts' and entity_id = ${String(id)}`)).rows;
  assert.deepEqual(audit.map((a) => a.summary), [{ experts: '黄志远（财税与预算）、郑秀华（教育政策）', added: 2, removed: 0 }]);

  // Changed on the review page while a draft; the version moves on.
  const v0 = (await wrepo.findWorkflow(s.ctx.db, id))!.version;
  const bogus = await cbr.post(`/admin/catalog/${id}/experts`, { experts: ['abc'] });
  assert.equal(bogus.status, 422);
  assert.match(bogus.text, /所选专家无效/);
  const changed = await cbr.post(`/admin/catalog/${id}/experts`, { experts: [String(ex.a)] });
  assert.equal(changed.location, `/admin/catalog/${id}/review?done=experts#h-experts`);
  assert.deepEqual(await recordExpertIds(s.ctx.db, id), [ex.a]);
  assert.equal((await wrepo.findWorkflow(s.ctx.db, id))!.version, v0 + 1);

  // Not public before publication; then name and field only.
  assert.notEqual((await anon.get(`/xxgk/${id}`)).status, 200);
  await publish(id);
  const pub = await anon.get(`/xxgk/${id}`);
  assert.equal(pub.status, 200);
  assert.match(pub.text, /解读专家：郑秀华（教育政策）/);
  assert.doesNotMatch(pub.text, new RegExp(`${PHONE}|云溪县第一中学|黄志远`));

  // Published: no longer changeable.
  const late = await setInterpretationExperts(s.ctx, u.cbr!, id, [String(ex.b)]);
  assert.ok(!late.ok);
  assert.match(late.message, /只有草稿或退回修改的政策解读可以选择解读专家/);
});

test('a policy is not an interpretation: no experts there', async () => {
  const r = await setInterpretationExperts(s.ctx, u.cbr!, policy, [String(ex.a)]);
  assert.ok(!r.ok);
  assert.match(r.message, /只有政策解读可以选择解读专家/);
  assert.doesNotMatch((await cbr.get(`/admin/catalog/${policy}/review`)).text, /h-experts/);
  assert.ok((await verifyAudit(s.ctx.db)).ok);
});
