// A real HTTP server on 127.0.0.1 for feed tests: each path answers through a handler the test
// sets (and may change between polls); `hits` counts requests per path.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FeedHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface FeedServer {
  base: string;
  route(path: string, handler: FeedHandler): void;
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedHandler>();
  const hits = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const h = routes.get(path);
    if (!h) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    h(req, res);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    route: (p, h) => { routes.set(p, h); },
    hits,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface FixtureItem { id?: string; title: string; text: string; link?: string; date?: string; author?: string }

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssOf(title: string, items: FixtureItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${esc(title)}</title>${items.map((i) =>
    `<item><title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ''}${i.id ? `<guid isPermaLink="false">${esc(i.id)}</guid>` : ''}`
    + `<description><![CDATA[<p>${i.text}</p>]]></description>${i.date ? `<pubDate>${i.date}</pubDate>` : ''}${i.author ? `<dc:creator>${esc(i.author)}</dc:creator>` : ''}</item>`).join('')}</channel></rss>`;
}

export function atomOf(title: string, items: FixtureItem[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>urn:test</id><updated>2026-10-01T00:00:00Z</updated>${items.map((i) =>
    `<entry><id>${esc(i.id ?? i.link ?? i.title)}</id><title>${esc(i.title)}</title>${i.link ? `<link rel="alternate" href="${esc(i.link)}"/>` : ''}`
    + `${i.date ? `<updated>${i.date}</updated>` : ''}<content type="html">${esc(`<p>${i.text}</p>`)}</content>${i.author ? `<author><name>${esc(i.author)}</name></author>` : ''}</entry>`).join('')}</feed>`;
}

/** A handler serving a body with an ETag and Last-Modified, answering 304 to a matching conditional GET. */
export function conditional(body: () => string, type: string, validators: () => { etag: string; lastModified: string }): FeedHandler {
  return (req, res) => {
    const v = validators();
    if (req.headers['if-none-match'] === v.etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === v.lastModified)) {
      res.writeHead(304, { etag: v.etag, 'last-modified': v.lastModified }).end();
      return;
    }
    res.writeHead(200, { 'content-type': type, etag: v.etag, 'last-modified': v.lastModified }).end(body());
  };
}
