// RSS 2.0, Atom and sitemap.xml of the public catalogue. Pure: the routes pass in the records and
// the site; every text is XML-escaped and stripped of characters XML 1.0 cannot carry.
import { absoluteUrl } from '../../platform/config.ts';

/** The site's name and SITE_URL (config.siteUrl). */
export type FeedSite = { name: string; siteUrl: string };
export type FeedItem = {
  id: number;
  title: string;
  publishedAt: string;
  updatedAt: string;
  publisher: string;
  category: string;
  description: string;
};

/** Escapes text for XML content and attributes; drops control characters that make XML ill-formed. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export const siteUrl = (site: FeedSite, path: string) => absoluteUrl(site, path);
const recordUrl = (site: FeedSite, id: number) => siteUrl(site, `/xxgk/${id}`);

function iso(v: string | Date): string {
  return new Date(v).toISOString();
}

export function rssXml(site: FeedSite, items: FeedItem[], now: Date): string {
  const built = (items[0] ? new Date(items[0].publishedAt) : now).toUTCString();
  const entries = items.map((i) => `    <item>
      <title>${xmlEscape(i.title)}</title>
      <link>${xmlEscape(recordUrl(site, i.id))}</link>
      <guid isPermaLink="true">${xmlEscape(recordUrl(site, i.id))}</guid>
      <pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate>
      <author>${xmlEscape(i.publisher)}</author>
      ${i.category ? `<category>${xmlEscape(i.category)}</category>` : ''}
      <description>${xmlEscape(i.description)}</description>
    </item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xmlEscape(`${site.name} - 政府信息公开`)}</title>
    <link>${xmlEscape(siteUrl(site, '/xxgk/'))}</link>
    <atom:link href="${xmlEscape(siteUrl(site, '/xxgk/rss.xml'))}" rel="self" type="application/rss+xml"/>
    <description>${xmlEscape(`${site.name}最新主动公开的政府信息`)}</description>
    <language>zh-cn</language>
    <lastBuildDate>${built}</lastBuildDate>
${entries}
  </channel>
</rss>
`;
}

export function atomXml(site: FeedSite, items: FeedItem[], now: Date): string {
  const updated = items.length ? iso(items.map((i) => i.updatedAt).sort().at(-1)!) : iso(now);
  const entries = items.map((i) => `  <entry>
    <id>${xmlEscape(recordUrl(site, i.id))}</id>
    <title>${xmlEscape(i.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(recordUrl(site, i.id))}"/>
    <published>${iso(i.publishedAt)}</published>
    <updated>${iso(i.updatedAt)}</updated>
    <author><name>${xmlEscape(i.publisher)}</name></author>
    ${i.category ? `<category term="${xmlEscape(i.category)}"/>` : ''}
    <summary>${xmlEscape(i.description)}</summary>
  </entry>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xmlEscape(siteUrl(site, '/xxgk/'))}</id>
  <title>${xmlEscape(`${site.name} - 政府信息公开`)}</title>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(siteUrl(site, '/xxgk/atom.xml'))}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(siteUrl(site, '/xxgk/'))}"/>
  <updated>${updated}</updated>
${entries}
</feed>
`;
}

export type SitemapUrl = { path: string; lastmod?: string };

export function sitemapXml(site: FeedSite, urls: SitemapUrl[]): string {
  const body = urls.map((u) => `  <url><loc>${xmlEscape(siteUrl(site, u.path))}</loc>${u.lastmod ? `<lastmod>${iso(u.lastmod)}</lastmod>` : ''}</url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</urlset>
`;
}
