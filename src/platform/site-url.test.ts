// SITE_URL (platform/config.ts) is the origin of every absolute link the site hands out: page meta
// tags, the record page's print address, feeds and sitemap, robots.txt, the JSON API and its document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/support/server.ts';

const SITE = 'http://gk.yunxi.example:8080';
let s: TestServer;
before(async () => { s = await startTestServer({ config: { SITE_URL: SITE } }); });
after(async () => { await s.close(); });

const get = async (path: string) => (await fetch(s.baseUrl + path)).text();

test('every absolute link starts with SITE_URL', async () => {
  assert.equal(s.config.siteUrl, SITE);
  assert.equal(s.config.siteDomain, 'gk.yunxi.example:8080', 'SiteDomain defaults to the host of SITE_URL');
  const home = await get('/xxgk/');
  assert.ok(home.includes(`<meta name="Url" content="${SITE}/xxgk/"/>`), home.slice(0, 2000));
  assert.ok(home.includes('<meta name="SiteDomain" content="gk.yunxi.example:8080"/>'));
  assert.ok((await get('/robots.txt')).includes(`Sitemap: ${SITE}/sitemap.xml`));
  assert.ok((await get('/sitemap.xml')).includes(`<loc>${SITE}/xxgk/</loc>`));
  assert.ok((await get('/xxgk/rss.xml')).includes(`<link>${SITE}/xxgk/</link>`));
  const orgs = JSON.parse(await get('/api/v1/orgs')) as { items: { id: number; guideUrl: string }[] };
  assert.ok(orgs.items.length > 0);
  for (const o of orgs.items) assert.equal(o.guideUrl, `${SITE}/xxgk/zn/?org=${o.id}`);
  const doc = JSON.parse(await get('/api/v1/openapi.json')) as { servers: { url: string }[] };
  assert.deepEqual(doc.servers, [{ url: SITE }]);
});
