// GET /api/v1/orgs: every active organisation with its code, parent and 公开指南 link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

type Org = { id: number; name: string; shortName: string | null; code: string; codeType: string; parentId: number | null; kind: string; acceptsRequests: boolean; guideUrl: string };

test('GET /api/v1/orgs lists the active organisations, parents first, with what a client needs', async () => {
  const r = await fetch(s.baseUrl + '/api/v1/orgs');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  const { items } = await r.json() as { items: Org[] };
  const rows = (await s.ctx.db.execute<{ id: number; name: string; org_code: string; parent_id: number | null; kind: string }>(sql`select id, name, org_code, parent_id, kind from org_units where active`)).rows;
  assert.equal(items.length, rows.length);
  assert.deepEqual(Object.keys(items[0]).sort(), ['acceptsRequests', 'code', 'codeType', 'guideUrl', 'id', 'kind', 'name', 'parentId', 'shortName']);
  const gov = items[0];
  assert.equal(gov.parentId, null);
  assert.equal(gov.kind, 'government');
  assert.equal(gov.acceptsRequests, true);
  assert.equal(gov.guideUrl, `http://localhost:3000/xxgk/zn/?org=${gov.id}`);
  for (const o of items) {
    const row = rows.find((x) => Number(x.id) === o.id)!;
    assert.equal(o.name, row.name);
    assert.equal(o.code, row.org_code);
    assert.equal(o.codeType, row.org_code.length === 18 ? 'uscc' : 'org_code');
    if (o.parentId !== null) assert.ok(items.findIndex((p) => p.id === o.parentId) < items.indexOf(o), `${o.name}: parent listed first`);
    assert.equal(o.acceptsRequests, o.kind !== 'office');
  }
  // The guide link answers, and the ids are exactly those the application form offers.
  const dept = items.find((o) => o.name.endsWith('教育体育局'))!;
  assert.equal((await fetch(dept.guideUrl.replace('http://localhost:3000', s.baseUrl))).status, 200);
  const form = await (await fetch(s.baseUrl + '/ysqgk/apply')).text();
  const offered = [...form.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  assert.deepEqual(items.filter((o) => o.acceptsRequests).map((o) => o.id).sort((a, b) => a - b), offered);
});

test('an organisation that is deactivated disappears from the list', async () => {
  const { items } = await (await fetch(s.baseUrl + '/api/v1/orgs')).json() as { items: Org[] };
  const last = items[items.length - 1];
  await s.ctx.db.execute(sql`update org_units set active = false where id = ${last.id}`);
  const after = await (await fetch(s.baseUrl + '/api/v1/orgs')).json() as { items: Org[] };
  assert.ok(!after.items.some((o) => o.id === last.id));
  await s.ctx.db.execute(sql`update org_units set active = true where id = ${last.id}`);
});
