// The JSON API answers every bad input with one shape and one code list: `{ error: { code, message,
// fields? } }`, code from ERROR_CODES (bad input: validation_failed), a Chinese message, never a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { ERROR_CODES } from '../errors.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

const cjk = /[\u4e00-\u9fff]/;

async function call(method: string, path: string, init: { body?: string; type?: string; headers?: Record<string, string> } = {}) {
  const r = await fetch(s.baseUrl + path, { method, body: init.body, headers: { ...(init.type ? { 'content-type': init.type } : {}), ...init.headers } });
  const text = await r.text();
  return { status: r.status, json: JSON.parse(text) as { error: { code: string; message: string; fields?: Record<string, string> } } };
}

test('every API error has the one shape and a code from the list', async () => {
  const json = (b: unknown) => ({ body: JSON.stringify(b), type: 'application/json' });
  const cases: [string, string, Parameters<typeof call>[2], number, string, string?][] = [
    ['GET', '/api/v1/search', {}, 422, 'validation_failed', 'q'],
    ['GET', '/api/v1/search?q=x&year=1800', {}, 422, 'validation_failed', 'year'],
    ['GET', '/api/v1/search?q=x&order=random', {}, 422, 'validation_failed', 'order'],
    ['GET', '/api/v1/search?q=%00', {}, 422, 'validation_failed', 'q'],
    ['POST', '/api/v1/requests', json({}), 422, 'validation_failed', 'applicantName'],
    ['POST', '/api/v1/requests', json({ orgId: 'abc', forms: ['pigeon'], applicantName: 'x'.repeat(500) }), 422, 'validation_failed', 'forms'],
    ['POST', '/api/v1/requests', json('text'), 400, 'bad_request'],
    ['POST', '/api/v1/requests', { body: '{bad', type: 'application/json' }, 400, 'bad_request'],
    ['POST', '/api/v1/requests', { body: 'x', type: 'text/plain' }, 403, 'csrf_invalid'],
    ['GET', '/api/v1/me', {}, 401, 'unauthenticated'],
    ['GET', '/api/v1/me', { headers: { authorization: 'Bearer nonsense' } }, 401, 'unauthenticated'],
    ['GET', '/api/v1/nothing', {}, 404, 'not_found'],
  ];
  for (const [method, path, init, status, code, field] of cases) {
    const label = `${method} ${path} ${init?.body?.slice(0, 40) ?? ''}`;
    const r = await call(method, path, init);
    assert.equal(r.status, status, label);
    assert.ok((ERROR_CODES as readonly string[]).includes(r.json.error.code), label);
    assert.equal(r.json.error.code, code, label);
    assert.match(r.json.error.message, cjk, label);
    assert.deepEqual(Object.keys(r.json), ['error'], label);
    if (field) assert.match(r.json.error.fields?.[field] ?? '', cjk, `${label}: ${field}`);
  }
});

test('schema errors name the field by its Chinese title; domain checks still run alongside', async () => {
  const r = await call('POST', '/api/v1/requests', { body: JSON.stringify({ orgId: 'abc', applicantType: 'natural', idType: 'id_card', idNumber: '110105194912310021', delivery: 'pigeon', forms: ['paper'] }), type: 'application/json' });
  assert.equal(r.status, 422);
  const f = r.json.error.fields!;
  assert.match(f.orgId, /受理机关/);
  assert.match(f.delivery, /无效/);
  assert.match(f.idNumber, /身份证/, 'the ID check digit (domain) is reported together with the schema errors');
  assert.ok(f.applicantName && f.phone && f.infoDescription, Object.keys(f).join());
});

test('unknown fields in a JSON body are ignored, strings are coerced as before', async () => {
  const orgs = await (await fetch(`${s.baseUrl}/api/v1/orgs`)).json() as { items: { id: number; acceptsRequests: boolean }[] };
  const org = orgs.items.find((o) => o.acceptsRequests)!;
  const r = await fetch(s.baseUrl + '/api/v1/requests', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orgId: String(org.id), applicantType: 'natural', applicantName: '李华', idType: 'id_card', idNumber: '11010519491231002X', phone: '13912345678', infoDescription: '2025年县城区公交线路调整方案', forms: 'electronic', delivery: 'online', clientRef: 'abc-1' }),
  });
  assert.equal(r.status, 201, await r.clone().text());
});
