// `next` is only ever a path on this site: hostile values on /prefs and /login, over real HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { safeNext } from './routes.tsx';

let s: TestServer;
before(async () => { s = await startTestServer({ config: { COOKIE_SECURE: 'false', RATE_LIMIT_LOGIN: '1000' } }); });
after(() => s.close());

// [raw query value, where it must lead: null = the fallback]
const CASES: [string, string | null][] = [
  ['%2F%09%2Fevil.example%2F', null], // "/\t/evil.example/": browsers drop the tab → //evil.example/
  ['/%09/evil.example/', null],
  ['/%0d%0a/evil.example', null],
  ['/%0a', null], // was a 500 (header injection refused by Node)
  ['/%0d%0aSet-Cookie:%20x=1', null],
  ['/%5Cevil.example', null], // "/\evil.example": browsers read \ as /
  ['/%5C/evil.example', null],
  ['%5C%5Cevil.example', null],
  ['//evil.example', null],
  ['/%2Fevil.example', null], // decodes to //evil.example
  ['/.//evil.example', null], // normalises to //evil.example
  ['/a/..//evil.example', null],
  ['https://evil.example/', null],
  ['javascript:alert(1)', null],
  ['%20/admin/', null],
  ['/%00', null],
  ['/%252F', '/%2F'], // the literal text "/%2F": a same-site path, kept encoded
  ['/%E6%8B%9B', '/%E6%8B%9B'], // "/招": was a 500; now the percent-encoded same-site path
  ['/ysqgk/%E7%94%B3%E8%AF%B7?q=%E6%A0%87%E9%A2%98', '/ysqgk/%E7%94%B3%E8%AF%B7?q=%E6%A0%87%E9%A2%98'],
  ['/admin/requests%3Fstatus%3Dopen', '/admin/requests?status=open'],
];

// A NUL (or another control character than tab / line breaks) is refused before any route by the
// platform's input guard: 422 with a Chinese message, never a redirect and never a 500.
const GUARDED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const guarded = (raw: string) => GUARDED.test(decodeURIComponent(raw));

test('the input guard answers a control character in next with 422, not a redirect', async () => {
  const res = await fetch(`${s.baseUrl}/prefs?variant=cn&next=/%00`, { redirect: 'manual' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /控制字符/);
});

test('GET /prefs?next=… answers 303 to a same-site path only, never a 500', async () => {
  for (const [raw, want] of CASES.filter(([raw]) => !guarded(raw))) {
    const res = await fetch(`${s.baseUrl}/prefs?variant=cn&next=${raw}`, { redirect: 'manual' });
    assert.equal(res.status, 303, `next=${raw}`);
    assert.equal(res.headers.get('location'), want ?? '/', `next=${raw}`);
  }
});

test('GET /login?next=… of a signed-in user redirects only to a same-site path', async () => {
  const c = new Client(s.baseUrl);
  await c.login('admin', s.password('admin'));
  for (const [raw, want] of CASES.filter(([raw]) => !guarded(raw))) {
    const res = await c.get(`/login?next=${raw}`);
    assert.equal(res.status, 303, `next=${raw}`);
    assert.equal(res.location, want ?? '/admin/', `next=${raw}`);
  }
});

test('the sign-in form carries only a safe next, and signing in goes there', async () => {
  for (const [raw, want] of CASES.filter(([raw], i) => !guarded(raw) && (i % 3 === 0 || i >= CASES.length - 3))) {
    const c = new Client(s.baseUrl);
    const page = await c.get(`/login?next=${raw}`);
    assert.equal(page.status, 200, `next=${raw}`);
    const hidden = /name="next" value="([^"]*)"/.exec(page.text)![1].replaceAll('&amp;', '&');
    assert.equal(hidden, want ?? '/admin/', `next=${raw}`);
    // A hostile value posted directly (not from the form) is refused the same way.
    const r = await c.post('/login', { username: 'admin', password: s.password('admin'), next: decodeURIComponent(raw) });
    assert.equal(r.status, 303, `next=${raw}`);
    assert.equal(r.location, want ?? '/admin/', `next=${raw}`);
  }
});

test('safeNext: junk types and over-long values fall back', () => {
  assert.equal(safeNext(undefined), '/admin/');
  assert.equal(safeNext(['/a', '/b']), '/admin/');
  assert.equal(safeNext('/' + 'a'.repeat(600)), '/admin/');
  assert.equal(safeNext('/\u2028x', '/'), '/%E2%80%A8x');
  assert.equal(safeNext('/admin/x#frag'), '/admin/x#frag');
});
