// The 工作台's counts through a real server: 待我审核 after a clerk submits, 退回修改 after a return,
// 待确认收到 / 即将到期 / 已逾期 from the requests module, each leading to a list that holds what it
// counts, each in the user's scope (another unit sees 0), and the same counts as navigation badges.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { hashPassword } from '../../platform/crypto/index.ts';
import * as authRepo from '../auth/repo.ts';
import { registerOffline, submitApplication, type ApplicationInput } from '../requests/intake.ts';
import type { Role } from '../auth/policy.ts';
import { sampleApplication } from '../requests/application.fixtures.ts';

let s: TestServer;
const c: Record<string, Client> = {};
const org: Record<string, number> = {};
const PASSWORD = 'Desk-Test-2026!';

/** A user of another unit (县财政局) with one role there. */
async function otherUnitUser(username: string, role: Role): Promise<void> {
  const u = await s.ctx.db.execute<{ id: number }>(sql`insert into users (username, display_name, org_id, password_hash)
    values (${username}, ${'财政局' + role}, ${org['县财政局']}, ${await hashPassword(PASSWORD)}) returning id`);
  await s.ctx.db.execute(sql`insert into role_grants (user_id, role, org_id) values (${Number(u.rows[0].id)}, ${role}, ${org['县财政局']})`);
}

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  const r = await s.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = Number(o.id);
  for (const n of ['cbr', 'shr', 'sfr', 'gkb']) { c[n] = new Client(s.baseUrl); await c[n].login(n, s.password(n)); }
  await otherUnitUser('cz.clerk', 'clerk');
  await otherUnitUser('cz.reviewer', 'dept_reviewer');
  for (const n of ['cz.clerk', 'cz.reviewer']) { c[n] = new Client(s.baseUrl); await c[n].login(n, PASSWORD); }
});
after(() => s.close());

/** The number on the 工作台 card with this label, or undefined when the card is not there. */
function deskCount(html: string, label: string): { count: number; href: string } | undefined {
  const m = new RegExp(`<h4>${label}</h4><p class="num"><a href="([^"]+)">(\\d+)<span class="visually-hidden">项${label}，查看列表</span>`).exec(html);
  return m ? { count: Number(m[2]), href: m[1].replace(/&amp;/g, '&') } : undefined;
}

/** The badge on a navigation entry ('' when none). */
function navBadge(html: string, href: string, label: string): string {
  const nav = /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const m = new RegExp(`<a href="${href}"[^>]*>${label}(?: <span class="nav-badge">([^<]+)<span class="visually-hidden">项待办</span></span>)?</a>`).exec(nav);
  assert.ok(m, `nav entry ${label} present`);
  return m[1] ?? '';
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const stepOf = (html: string) => /name="step" value="(\d+)"/.exec(html)?.[1] ?? '';

test('待我审核: 0 and no badge, then 1 for the department reviewer after the clerk submits; another unit sees 0', async () => {
  const before = await c.shr.get('/admin/');
  assert.equal(before.status, 200);
  assert.equal(deskCount(before.text, '待我审核')?.count, 0, 'the card is there with 0');
  assert.equal(navBadge(before.text, '/admin/review', '待我审核'), '', 'zero shows no badge');

  await c.cbr.get('/admin/catalog/new');
  const created = await c.cbr.post('/admin/catalog', {
    orgId: String(org['县教体局']), title: '云溪县教育体育局关于2026年秋季学期开学时间的通知', generatedOn: today(), category: 'gzxx',
    keywords: '开学 秋季学期', disclosure: 'active', term: 'long', timeLimit: 'art26', docType: 'other', validity: 'valid',
    body: '各学校：2026年秋季学期于9月1日开学。', _action: 'save',
  });
  assert.equal(created.status, 303, created.text.slice(0, 300));
  const id = Number(/\/admin\/catalog\/(\d+)/.exec(created.location ?? '')?.[1]);
  assert.equal((await c.cbr.post(`/admin/catalog/${id}/submit`, { opinion: '' })).status, 303);

  const home = await c.shr.get('/admin/');
  assert.deepEqual(deskCount(home.text, '待我审核'), { count: 1, href: '/admin/review' });
  assert.equal(navBadge(home.text, '/admin/review', '待我审核'), '1');
  // The badge is on every back-office page, and the link leads to the record.
  const inbox = await c.shr.get('/admin/review');
  assert.equal(navBadge(inbox.text, '/admin/review', '待我审核'), '1');
  // Also on pages whose routes were registered before the modules' (sign-in's account page).
  assert.equal(navBadge((await c.shr.get('/admin/account')).text, '/admin/review', '待我审核'), '1');
  assert.match(inbox.text, /2026年秋季学期开学时间/);
  // A form sent back with errors (422) keeps the navigation's badges.
  const p1 = await c.shr.get(`/admin/catalog/${id}/review`);
  const refused = await c.shr.post(`/admin/catalog/${id}/review`, { step: stepOf(p1.text), conclusion: 'return', opinion: '' });
  assert.equal(refused.status, 422);
  assert.equal(navBadge(refused.text, '/admin/review', '待我审核'), '1');

  // Not yet the approver's step; a reviewer of another unit never sees it; a clerk has no such card.
  assert.equal(deskCount((await c.sfr.get('/admin/')).text, '待我审核')?.count, 0);
  assert.equal(deskCount((await c['cz.reviewer'].get('/admin/')).text, '待我审核')?.count, 0);
  assert.equal(deskCount((await c.cbr.get('/admin/')).text, '待我审核'), undefined);

  // 退回修改: the reviewer returns it; the drafter's card counts it and leads to it.
  assert.equal(deskCount((await c.cbr.get('/admin/')).text, '退回修改')?.count, 0);
  const page = await c.shr.get(`/admin/catalog/${id}/review`);
  assert.equal((await c.shr.post(`/admin/catalog/${id}/review`, { step: stepOf(page.text), conclusion: 'return', opinion: '请补充开学前的安全检查安排。' })).status, 303);
  const mine = await c.cbr.get('/admin/');
  const returned = deskCount(mine.text, '退回修改');
  assert.deepEqual(returned, { count: 1, href: '/admin/catalog?status=returned&mine=1' });
  assert.equal(navBadge(mine.text, '/admin/catalog', '主动公开目录'), '1');
  const list = await c.cbr.get(returned!.href);
  assert.match(list.text, /2026年秋季学期开学时间/);
  assert.match(list.text, /id="f-mine" name="mine" value="1" checked/);
  assert.equal(deskCount((await c['cz.clerk'].get('/admin/')).text, '退回修改')?.count, 0, 'another unit');
  assert.equal(deskCount((await c.shr.get('/admin/')).text, '待我审核')?.count, 0, 'returned: no longer waiting');
});

let seq = 0;
const application = (p: ApplicationInput = {}): ApplicationInput => sampleApplication(org['县教体局'], ++seq, p);

test('依申请公开: 待确认收到, 即将到期 and 已逾期 in scope, each leading to the queue filtered the same way', async () => {
  const online = await submitApplication(s.ctx, application(), { ip: null });
  assert.ok(online.ok);
  let home = await c.cbr.get('/admin/');
  const confirm = deskCount(home.text, '待确认收到');
  assert.deepEqual(confirm, { count: 1, href: '/admin/requests?status=submitted' });
  assert.equal(navBadge(home.text, '/admin/requests', '依申请公开'), '1');
  if (online.ok) assert.match((await c.cbr.get(confirm!.href)).text, new RegExp(online.trackingNo));
  const other = await c['cz.clerk'].get('/admin/');
  assert.equal(deskCount(other.text, '待确认收到')?.count, 0, 'a clerk of another unit sees 0');
  assert.equal(navBadge(other.text, '/admin/requests', '依申请公开'), '');
  // A reviewer may read cases but does not confirm receipt: no such card.
  assert.equal(deskCount((await c.shr.get('/admin/')).text, '待确认收到'), undefined);

  const gkb = (await authRepo.findUserByUsername(s.ctx.db, 'gkb'))!;
  const reg = await registerOffline(s.ctx, await authRepo.toPrincipal(s.ctx.db, gkb, 'session'), { ...application({ infoDescription: '城关第二小学食堂改造的验收报告' }), channel: 'in_person' });
  assert.ok(reg.ok, JSON.stringify(reg));
  const row = await s.ctx.db.execute<{ due: string; tracking: string }>(sql`select statutory_due_on::text as due, tracking_no as tracking from request_cases where id = ${reg.ok ? reg.caseId : 0}`);
  const { due, tracking } = row.rows[0];
  assert.match(due, /^\d{4}-\d{2}-\d{2}$/);
  home = await c.cbr.get('/admin/');
  assert.equal(deskCount(home.text, '即将到期')?.count, 0, 'twenty working days away');

  const realNow = s.ctx.now;
  try {
    // On the due day itself: due soon, not overdue.
    s.ctx.now = () => new Date(`${due}T02:00:00Z`);
    home = await c.cbr.get('/admin/');
    const soon = deskCount(home.text, '即将到期');
    assert.equal(soon?.count, 1);
    assert.equal(deskCount(home.text, '已逾期')?.count, 0);
    assert.equal(navBadge(home.text, '/admin/requests', '依申请公开'), '2', '待确认收到 1 + 即将到期 1');
    assert.match((await c.cbr.get(soon!.href)).text, new RegExp(tracking));
    assert.equal(deskCount((await c['cz.clerk'].get('/admin/')).text, '即将到期')?.count, 0, 'another unit');

    // The day after: overdue, and no longer "due soon".
    s.ctx.now = () => new Date(new Date(`${due}T02:00:00Z`).getTime() + 86_400_000);
    home = await c.cbr.get('/admin/');
    const late = deskCount(home.text, '已逾期');
    assert.equal(late?.count, 1);
    assert.equal(deskCount(home.text, '即将到期')?.count, 0);
    const lateList = await c.cbr.get(late!.href);
    assert.match(lateList.text, new RegExp(tracking));
    assert.doesNotMatch((await c.cbr.get(soon!.href)).text, new RegExp(tracking), 'the due-soon list leaves overdue cases out');
    assert.equal(deskCount((await c['cz.clerk'].get('/admin/')).text, '已逾期')?.count, 0, 'another unit');
    assert.equal(deskCount((await c.gkb.get('/admin/')).text, '已逾期')?.count, 1, 'the disclosure office oversees every unit');
  } finally {
    s.ctx.now = realNow;
  }
});

test('the help page renders for every staff role, linked from the navigation', async () => {
  const users = ['admin', 'gkb', 'xcb', 'yqzy', 'bmsc', 'cbr', 'shr', 'sfr'];
  for (const u of users) {
    const cl = new Client(s.baseUrl);
    await cl.login(u, s.password(u));
    const home = await cl.get('/admin/');
    assert.match(home.text, /<a href="\/admin\/help"[^>]*>使用说明<\/a>/, `${u}: nav link`);
    const r = await cl.get('/admin/help');
    assert.equal(r.status, 200, u);
    assert.match(r.text, /<h1>工作人员使用说明<\/h1>/);
    assert.match(r.text, /20 个工作日内答复/);
    assert.match(r.text, /第二十条/);
    assert.match(r.text, /答复期限自收到补正材料之日起重新计算/);
    assert.match(r.text, /<a href="\/admin\/help" aria-current="page"/);
    assert.doesNotMatch(r.text, /尚未分配角色/, `${u} has a role`);
    const levels = [...r.text.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    for (let i = 1; i < levels.length; i++) assert.ok(levels[i] <= levels[i - 1] + 1, `${u}: headings never skip a level`);
  }
  const clerk = await c.cbr.get('/admin/help');
  assert.match(clerk.text, /<strong>承办人<\/strong>：起草主动公开信息/);
  assert.match(clerk.text, /如需核查某项操作，请联系政务公开办或系统管理员/);
  assert.match((await c.gkb.get('/admin/help')).text, /您可以<a href="\/admin\/audit">查看审计日志<\/a>/);
  assert.equal((await fetch(s.baseUrl + '/admin/help', { redirect: 'manual' })).status, 303, 'staff only');
});
