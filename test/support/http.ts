// A small HTTP client for route tests: keeps cookies like a browser and fills in the CSRF token
// from the last page it fetched, so tests post forms the way a user would.
export interface Res { status: number; headers: Headers; text: string; location: string | null; /** The raw body (downloads). */ bytes: Buffer }

export class Client {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || attrs.some((a) => /^\s*max-age=0/i.test(a));
      if (expired || value === '') this.cookies.delete(name); else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, init: { body?: string; type?: string; headers?: Record<string, string> } = {}): Promise<Res> {
    const res = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), ...(init.type ? { 'content-type': init.type } : {}), ...(init.headers ?? {}) },
      body: init.body,
    });
    this.remember(res);
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1];
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location'), bytes };
  }

  get(path: string, headers?: Record<string, string>): Promise<Res> { return this.request('GET', path, { headers }); }

  /** Posts a urlencoded form; adds the CSRF token unless the fields already carry `_csrf`. */
  post(path: string, fields: Record<string, string | string[]>, opts: { csrf?: boolean } = {}): Promise<Res> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    if (opts.csrf !== false && !('_csrf' in fields)) body.set('_csrf', this.csrf);
    return this.request('POST', path, { body: body.toString(), type: 'application/x-www-form-urlencoded' });
  }

  postJson(path: string, json: unknown, headers?: Record<string, string>): Promise<Res> {
    return this.request('POST', path, { body: JSON.stringify(json), type: 'application/json', headers });
  }

  async login(username: string, password: string): Promise<Res> {
    await this.get('/login');
    const r = await this.post('/login', { username, password, next: '/admin/' });
    if (r.status !== 303) throw new Error(`login failed for ${username}: ${r.status}`);
    return r;
  }

  hasCookie(name: string): boolean { return this.cookies.has(name); }
}
