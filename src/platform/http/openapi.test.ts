// The API description is generated from the route schemas and matches the API: every /api/v1 route
// is documented (token-protected ones with the Bearer scheme), nothing else is, and an application
// built only from the document (orgId from GET /api/v1/orgs) is accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { ERROR_CODES } from '../errors.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

type Schema = { type?: string; required?: string[]; properties?: Record<string, Schema>; enum?: string[]; items?: Schema; title?: string; description?: string; $ref?: string };
type Operation = { summary?: string; security?: unknown[]; requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { name: string; in: string; description?: string; schema: Schema }[]; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { scheme: string }> } };

const cjk = /[\u4e00-\u9fff]/;

test('GET /api/v1/openapi.json is generated from the routes: every /api/v1 route and method, nothing else', async () => {
  const res = await fetch(`${s.baseUrl}/api/v1/openapi.json`);
  assert.equal(res.status, 200);
  const doc = await res.json() as Doc;
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual((doc as unknown as { servers: { url: string }[] }).servers, [{ url: s.config.siteUrl }]);
  const routes = new Map<string, Set<string>>();
  for (const line of s.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /(api\/v1\/\S+) \(([A-Z, ]+)\)/.exec(line);
    if (m) routes.set('/' + m[1], new Set(m[2].split(', ').filter((x) => x !== 'HEAD').map((x) => x.toLowerCase())));
  }
  assert.ok(routes.size >= 5, [...routes.keys()].join(' '));
  for (const [path, methods] of routes) {
    for (const m of methods) {
      const op = doc.paths[path]?.[m];
      assert.ok(op, `${m} ${path} is documented`);
      assert.match(op.summary ?? '', cjk, `${m} ${path} has a Chinese summary`);
    }
  }
  for (const path of Object.keys(doc.paths)) assert.ok(routes.has(path), `${path} is an API route`);

  // Token-protected routes say so; the scheme is described.
  assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
  assert.deepEqual(doc.paths['/api/v1/me'].get.security, [{ bearer: [] }]);
  assert.ok(doc.paths['/api/v1/me'].get.responses['401']);
  assert.equal(doc.paths['/api/v1/search'].get.security, undefined);
  // One error model, listing every code.
  assert.deepEqual(doc.components.schemas.Error.properties!.error.properties!.code.enum, [...ERROR_CODES]);
  // Query parameters carry their Chinese descriptions from the schema.
  const q = doc.paths['/api/v1/search'].get.parameters!.find((p) => p.name === 'q')!;
  assert.equal(q.in, 'query');
  assert.match(q.description ?? q.schema.description ?? '', cjk);
  assert.equal(q.schema.type, 'string');
});

test('an application built only from the document, with an orgId from GET /api/v1/orgs, is accepted', async () => {
  const doc = await (await fetch(`${s.baseUrl}/api/v1/openapi.json`)).json() as Doc;
  const app = doc.paths['/api/v1/requests'].post.requestBody!.content['application/json'].schema;
  const orgs = await (await fetch(`${s.baseUrl}/api/v1/orgs`)).json() as { items: { id: number; name: string; acceptsRequests: boolean }[] };
  const org = orgs.items.find((o) => o.acceptsRequests && o.name.endsWith('教育体育局'))!;
  const p = app.properties!;
  for (const [k, v] of Object.entries(p)) assert.match(v.title ?? '', cjk, `${k} has a Chinese title`);
  const body = {
    orgId: org.id, applicantType: p.applicantType.enum![0], applicantName: '王小明', idType: 'id_card', idNumber: '11010519491231002X',
    phone: '13912345678', infoDescription: '2025年县城区义务教育学校划片范围', forms: [p.forms.items!.enum![0]], delivery: 'online',
  };
  for (const k of app.required!) assert.ok(k in body, `required ${k} is filled`);
  assert.ok(p.idType.enum!.includes(body.idType) && p.delivery.enum!.includes(body.delivery));
  const r = await fetch(`${s.baseUrl}/api/v1/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(r.status, 201, await r.clone().text());
  const j = await r.json() as { trackingNo: string; queryCode: string };
  assert.match(j.trackingNo, /\d/);
  assert.ok(j.queryCode.length >= 10);
});
