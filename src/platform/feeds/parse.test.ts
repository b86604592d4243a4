import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed, FEED_PARSE_LIMITS, type FeedParse, type ParsedFeed } from './parse.ts';
import { parseFeedDate } from './dates.ts';
import { runParse } from '../files/sandbox.ts';

const ok = (r: FeedParse): ParsedFeed => { assert.equal(r.ok, true, JSON.stringify(r)); return (r as { feed: ParsedFeed }).feed; };
const b = (s: string) => Buffer.from(s, 'utf8');

test('feed dates: RFC 822, RFC 3339 and Chinese forms; no zone and CST are Beijing time; nonsense is null', () => {
  const table: [string, string | null][] = [
    ['Thu, 01 Oct 2026 08:00:00 +0800', '2026-10-01T00:00:00.000Z'],
    ['Thu, 01 Oct 2026 08:00:00 GMT', '2026-10-01T08:00:00.000Z'],
    ['1 Oct 2026 08:00 CST', '2026-10-01T00:00:00.000Z'],
    ['Thu, 01 Oct 26 08:00:00 +0000', '2026-10-01T08:00:00.000Z'],
    ['Thursday, 01-Oct-2026 08:00:00 EST', '2026-10-01T13:00:00.000Z'],
    ['2026-10-01T08:00:00+08:00', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01T08:00:00.123Z', '2026-10-01T08:00:00.123Z'],
    ['2026-10-01 08:00:00', '2026-10-01T00:00:00.000Z'],
    ['2026/10/01 08:00', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01', '2026-09-30T16:00:00.000Z'],
    ['2026年10月1日 08:00', '2026-10-01T00:00:00.000Z'],
    ['2026-02-31T08:00:00Z', null],
    ['yesterday', null],
    ['', null],
    ['Thu, 01 Foo 2026 08:00:00 GMT', null],
  ];
  for (const [raw, want] of table) assert.equal(parseFeedDate(raw)?.toISOString() ?? null, want, raw);
});

test('RSS 2.0 with Chinese items: guid, relative link, CDATA and escaped HTML to text, content:encoded preferred, dc:creator', () => {
  const feed = ok(parseFeed(b(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>云溪论坛·民生</title>
<item><title>城关镇东片区停水&amp;无通知</title><link>/t/1001</link><guid isPermaLink="false">bbs-1001</guid>
<description><![CDATA[<p>摘要</p>]]></description>
<content:encoded><![CDATA[<p>今天上午<b>突然</b>停水，没有提前通知。</p><script>alert(1)</script><p>第二段</p>]]></content:encoded>
<pubDate>Thu, 01 Oct 2026 08:00:00 +0800</pubDate><dc:creator>网友甲</dc:creator></item>
<item><title>学校门口交通拥堵</title><link>https://bbs.example.cn/t/1002?a=1&b=2</link>
<description>&lt;p&gt;每天放学时段&lt;/p&gt;&amp;nbsp;拥堵严重</description></item>
</channel></rss>`), 'application/rss+xml; charset=utf-8', 'https://bbs.example.cn/rss.xml'));
  assert.equal(feed.format, 'rss');
  assert.equal(feed.title, '云溪论坛·民生');
  const [a, c] = feed.entries;
  assert.deepEqual(a, {
    id: 'bbs-1001', link: 'https://bbs.example.cn/t/1001', title: '城关镇东片区停水&无通知', text: '今天上午突然停水，没有提前通知。\n第二段',
    published: '2026-10-01T00:00:00.000Z', rawDate: 'Thu, 01 Oct 2026 08:00:00 +0800', author: '网友甲',
  });
  // A bare & in a link is repaired, escaped HTML becomes text, a missing date stays null (the caller uses the fetch time).
  assert.equal(c!.link, 'https://bbs.example.cn/t/1002?a=1&b=2');
  assert.equal(c!.id, null);
  assert.match(c!.text, /^每天放学时段\s*拥堵严重$/);
  assert.equal(c!.published, null);
});

test('Atom 1.0: id, alternate link, html title, xhtml content, several authors', () => {
  const feed = ok(parseFeed(b(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>云溪县融媒体中心</title>
<entry><id>tag:news.example.cn,2026:42</id><title type="html">&lt;b&gt;县医院挂号难&lt;/b&gt;引关注</title>
<link rel="self" href="https://news.example.cn/self/42"/><link rel="alternate" href="/n/42.html"/>
<published>2026-10-02T09:30:00+08:00</published><updated>2026-10-02T10:00:00+08:00</updated>
<author><name>记者王</name></author><author><name>记者李</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>市民反映挂号难。</p></div></content></entry>
<entry><id>tag:news.example.cn,2026:43</id><title>第二条</title><updated>2026-10-03T08:00:00Z</updated><summary>只有摘要</summary></entry>
</feed>`), 'application/atom+xml', 'https://news.example.cn/atom'));
  assert.equal(feed.format, 'atom');
  const [a, c] = feed.entries;
  assert.equal(a!.id, 'tag:news.example.cn,2026:42');
  assert.equal(a!.link, 'https://news.example.cn/n/42.html');
  assert.equal(a!.title, '县医院挂号难引关注');
  assert.equal(a!.text, '市民反映挂号难。');
  assert.equal(a!.published, '2026-10-02T01:30:00.000Z');
  assert.equal(a!.author, '记者王、记者李');
  assert.equal(c!.text, '只有摘要');
  assert.equal(c!.published, '2026-10-03T08:00:00.000Z');
});

test('JSON Feed 1.1 and RSS 1.0 (RDF)', () => {
  const json = ok(parseFeed(b(JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: '12345 热线公开',
    items: [
      { id: 'rx-1', url: 'https://rx.example.cn/1', title: '噪音扰民', content_html: '<p>夜间施工<br>噪音大</p>', date_published: '2026-10-04T22:10:00+08:00', authors: [{ name: '市民' }] },
      { id: 2, content_text: '无标题的留言', date_modified: '2026-10-05T08:00:00+08:00' },
    ],
  })), 'application/feed+json'));
  assert.equal(json.format, 'json');
  assert.deepEqual(json.entries.map((e) => [e.id, e.title, e.text, e.published, e.author]), [
    ['rx-1', '噪音扰民', '夜间施工\n噪音大', '2026-10-04T14:10:00.000Z', '市民'],
    ['2', '', '无标题的留言', '2026-10-05T00:00:00.000Z', null],
  ]);
  const rdf = ok(parseFeed(b(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.cn/"><title>旧式订阅</title></channel>
<item rdf:about="https://x.cn/a/1"><title>一条</title><link>https://x.cn/a/1</link><dc:date>2026-10-01T08:00:00+08:00</dc:date></item></rdf:RDF>`)));
  assert.equal(rdf.format, 'rdf');
  assert.equal(rdf.entries[0]!.id, 'https://x.cn/a/1');
});

test('a GB2312 feed is decoded by its XML declaration', () => {
  // Node has no GBK encoder: the bytes of "县政府网" and "关于征求意见的公告" in GB2312, written out.
  const bytes = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>'),
    Buffer.from('cfd8d5feb8aecdf8', 'hex'),
    Buffer.from('</title><item><title>'),
    Buffer.from('b9d8d3dad5f7c7f3d2e2bcfbb5c4b9abb8e6', 'hex'),
    Buffer.from('</title><guid>g1</guid></item></channel></rss>'),
  ]);
  const feed = ok(parseFeed(bytes, 'text/xml'));
  assert.equal(feed.title, '县政府网');
  assert.equal(feed.entries[0]!.title, '关于征求意见的公告');
});

test('refusals in Chinese: a web page, broken XML, unknown XML, bad JSON, a JSON that is not a feed, an empty body', () => {
  const refuse = (body: string, type: string | null, code: string, re: RegExp) => {
    const r = parseFeed(b(body), type);
    assert.equal(r.ok, false, body);
    if (!r.ok) { assert.equal(r.code, code, body); assert.match(r.message, re); }
  };
  refuse('<!DOCTYPE html><html><head><title>首页</title></head><body>欢迎</body></html>', 'text/html', 'feed.html', /返回的不是订阅源（RSS\/Atom\/JSON Feed），而是网页/);
  refuse('<html><body>x</body></html>', 'application/rss+xml', 'feed.html', /而是网页/);
  refuse('页面不存在', 'text/html; charset=utf-8', 'feed.html', /而是网页/);
  refuse('<rss><channel><item><title>没有闭合</channel></rss>', 'application/rss+xml', 'feed.xml', /XML 格式有误.*第 1 行/);
  refuse('<?xml version="1.0"?><catalog><book/></catalog>', 'text/xml', 'feed.unknown', /不是可识别的订阅源格式/);
  refuse('{"version": "https://jsonfeed.org/version/1.1", "items": [', 'application/feed+json', 'feed.json', /JSON 格式有误/);
  refuse('{"hello": "world"}', 'application/json', 'feed.unknown', /不是 JSON Feed/);
  refuse('   ', 'text/xml', 'feed.empty', /内容为空/);
});

test('limits: entities are not expanded into a bomb, long fields are cut, at most 500 entries are kept', () => {
  const lol = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    + `<rss><channel><item><title>${'&c;'.repeat(50)}</title></item></channel></rss>`;
  const r = parseFeed(b(lol));
  if (r.ok) assert.ok(r.feed.entries[0]!.title.length <= FEED_PARSE_LIMITS.title);
  const many = `<rss><channel>${Array.from({ length: 620 }, (_, i) => `<item><guid>${'g'.repeat(300)}${i}</guid><title>${'长'.repeat(800)}</title><description>${'文'.repeat(30_000)}</description></item>`).join('')}</channel></rss>`;
  const feed = ok(parseFeed(b(many)));
  assert.equal(feed.entries.length, 500);
  assert.equal(feed.dropped, 120);
  assert.equal(feed.entries[0]!.title.length, FEED_PARSE_LIMITS.title);
  assert.equal(feed.entries[0]!.text.length, FEED_PARSE_LIMITS.text);
  assert.match(feed.entries[0]!.id!, /^sha256:[0-9a-f]{64}$/);
  assert.notEqual(feed.entries[0]!.id, feed.entries[1]!.id);
});

test('the sandbox parses a feed in its worker', async () => {
  const r = await runParse({ op: 'feed', bytes: b('<rss><channel><item><guid>1</guid><title>沙箱中解析</title></item></channel></rss>'), contentType: 'text/xml' });
  assert.equal(r.ok, true);
  const v = (r as { value: FeedParse }).value;
  assert.equal(ok(v).entries[0]!.title, '沙箱中解析');
});
