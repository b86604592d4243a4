// The API description matches the API: every documented path answers, and a body built only from
// the document's own schema is accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../test/support/server.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

test('GET /api/v1/openapi.json describes every /api/v1 route, and an application built from it is accepted', async () => {
  const res = await fetch(`${s.baseUrl}/api/v1/openapi.json`);
  assert.equal(res.status, 200);
  const doc = await res.json() as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: { Application: { required: string[]; properties: Record<string, { enum?: string[] }> } } } };
  assert.equal(doc.openapi, '3.1.0');
  const routes = s.app.printRoutes({ commonPrefix: false });
  for (const path of Object.keys(doc.paths)) assert.ok(routes.includes(path.replace('/api/v1/', '')), `${path} is a route`);
  for (const m of routes.matchAll(/(api\/v1\/[a-z./]+)/g)) assert.ok(doc.paths['/' + m[1]], `/${m[1]} is documented`);

  const app = doc.components.schemas.Application;
  const org = (await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where name like '%教育体育局'`)).rows[0].id;
  const body = {
    orgId: org, applicantType: app.properties.applicantType.enum![0], applicantName: '王小明', idType: 'id_card', idNumber: '11010519491231002X',
    phone: '13912345678', infoDescription: '2025年县城区义务教育学校划片范围', forms: [app.properties.forms.enum?.[0] ?? (app.properties.forms as { items: { enum: string[] } }).items.enum[0]],
    delivery: 'online',
  };
  for (const k of app.required) assert.ok(k in body, `required ${k} is filled`);
  const r = await fetch(`${s.baseUrl}/api/v1/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(r.status, 201, await r.clone().text());
  const j = await r.json() as { trackingNo: string; queryCode: string };
  assert.match(j.trackingNo, /\d/);
  assert.ok(j.queryCode.length >= 10);
});
