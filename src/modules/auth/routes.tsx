// Sign-in, sign-out, own account; and the request hook that resolves the caller (session or API token).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { PortalLayout, AdminLayout } from '../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../platform/views/form.tsx';
import { can, isAction, ROLES, rolesOf, type Principal } from './policy.ts';
import * as service from './service.ts';
import { formText, parseForm } from '../../platform/forms/index.ts';
import { AccountFormSchema, AccountQuerySchema, LoginFormSchema, LoginQuerySchema, RESUME_MAX } from './forms.ts';

export const SESSION_COOKIE = 'gk_sid';

declare module 'fastify' {
  interface FastifyRequest {
    user: Principal | null;
  }
}

const SAME_SITE = 'http://same-site.invalid';

/**
 * Only a path on this site may be a redirect target (no open redirect, no header injection).
 * Browsers drop tabs and newlines and read `\\` as `/`, so `/\t/evil` or `/\\evil` would leave the site:
 * such values are refused outright. The rest is resolved as a URL and must stay on the same origin;
 * the answer is its serialised path, percent-encoded (ASCII only, safe in a Location header).
 */
export function safeNext(next: unknown, fallback = '/admin/'): string {
  if (typeof next !== 'string' || next.length > 500 || !next.startsWith('/')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let u: URL;
  try {
    u = new URL(next, SAME_SITE);
  } catch {
    return fallback;
  }
  // `/.//evil` normalises to `//evil`, which a browser reads as another host.
  if (u.origin !== SAME_SITE || u.pathname.startsWith('//')) return fallback;
  return u.pathname + u.search + u.hash;
}

export function actorOf(req: FastifyRequest) {
  return { id: req.user?.id ?? null, name: req.user?.username ?? '公众', ip: req.ip };
}

/** Throws unless the caller may perform the action on the organisation (resource-level check in handlers). */
export function authorize(req: FastifyRequest, action: Parameters<typeof can>[1], resource?: { orgId?: number | null }): Principal {
  if (!req.user) throw new AppError('unauthenticated');
  if (!can(req.user, action, resource)) throw new AppError('forbidden');
  return req.user;
}

export async function enforcePolicy(req: FastifyRequest, policy: string): Promise<void> {
  if (!req.user) throw new AppError('unauthenticated');
  // A temporary password is only good for choosing a new one.
  if (req.user.mustChangePassword && req.user.via === 'session' && !req.url.startsWith('/admin/account')) {
    throw new AppError('forbidden', '您正在使用管理员设置的临时密码，请先在“账户设置”中修改密码后再使用其他功能。');
  }
  if (policy === 'authenticated') return;
  if (!isAction(policy)) throw new AppError('internal');
  if (!can(req.user, policy)) throw new AppError('forbidden');
}

/** The fields of a form post, minus secrets and the stale CSRF token, packed into one hidden field. */
function encodeResume(url: string, body: Record<string, unknown>): string | undefined {
  const fields: [string, string][] = [];
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf' || /password|passwd|secret|token/i.test(k)) continue;
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') fields.push([k, x]);
  }
  const packed = Buffer.from(JSON.stringify({ url, fields }), 'utf8').toString('base64url');
  return packed.length <= RESUME_MAX ? packed : undefined;
}

function decodeResume(packed: string): { url: string; fields: [string, string][] } | null {
  try {
    const v = JSON.parse(Buffer.from(packed, 'base64url').toString('utf8')) as { url?: unknown; fields?: unknown };
    const url = safeNext(v.url, '');
    if (!url || !Array.isArray(v.fields)) return null;
    const fields = v.fields.filter((f): f is [string, string] => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'string');
    return { url, fields };
  } catch {
    return null;
  }
}

/** Registers sign-in routes and the caller-resolving hook; returns the resume-after-expiry renderer. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): (req: FastifyRequest, reply: FastifyReply) => void {
  const { db, config } = ctx;
  const cookieOpts = { httpOnly: true, secure: config.cookieSecure, sameSite: 'lax' as const, path: '/', signed: false };

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req, reply) => {
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      req.user = m ? await service.principalFromApiToken(db, m[1]) : null;
      if (!req.user) {
        throw new AppError('unauthenticated', 'API 令牌无效、已过期或已被吊销。');
      }
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token && token.length < 200) {
      req.user = await service.principalFromSession(db, token, config.sessionIdleMinutes);
      if (!req.user) {
        req.sessionExpired = true;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
  });

  const loginLimit = { max: config.rateLimitLogin, timeWindow: '1 minute' };

  function loginPage(reply: FastifyReply, opts: { username?: string; error?: string; next?: string; status?: number; info?: string; resume?: string }) {
    return reply.page((vc) => (
      <PortalLayout ctx={vc} meta={{ title: '工作人员登录', columnName: '工作人员登录' }}>
        <div class="login-box">
          <h1>工作人员登录</h1>
          <p>本入口供{vc.site.name}及所属部门、乡镇工作人员使用。公众申请政府信息公开无需登录，请访问<a href="/ysqgk/">依申请公开</a>。</p>
          {opts.info && <Notice kind="info">{opts.info}</Notice>}
          <ErrorSummary message={opts.error} />
          <form method="post" action="/login" class="stack" novalidate>
            <CsrfField token={vc.csrfToken} />
            <input type="hidden" name="next" value={opts.next ?? '/admin/'} />
            {opts.resume && <input type="hidden" name="resume" value={opts.resume} />}
            <TextField name="username" label="用户名" value={opts.username} autocomplete="username" required maxLength={64} />
            <TextField name="password" label="密码" type="password" autocomplete="current-password" required maxLength={128} />
            <div class="actions"><button type="submit">登录</button></div>
          </form>
          <p class="muted">从同一网络地址连续输错密码 {service.LOCK_AFTER} 次，将暂停从该地址登录 {service.LOCK_MINUTES} 分钟。忘记密码请联系本单位系统管理员重置。</p>
          {vc.demo && <DemoAccounts accounts={ctx.demoAccounts()} />}
        </div>
      </PortalLayout>
    ), opts.status ?? 200);
  }

  const resumeLogin = (req: FastifyRequest, reply: FastifyReply) => {
    const resume = encodeResume(req.url, req.body as Record<string, unknown>);
    loginPage(reply, {
      next: '/admin/', resume, status: 401,
      info: resume
        ? '由于长时间未操作，您已退出登录。您刚才提交的内容已保留，重新登录后可继续提交。'
        : '由于长时间未操作，您已退出登录，请重新登录。',
    });
  };

  app.get('/login', { config: { policy: 'public' } }, async (req, reply) => {
    const q = formText(parseForm(LoginQuerySchema, req.query));
    if (req.user) return reply.redirect(safeNext(q.next), 303);
    return loginPage(reply, { next: safeNext(q.next), info: q.timeout === '1' ? '由于长时间未操作，您已退出登录，请重新登录。' : undefined });
  });

  app.post('/login', { config: { policy: 'public', rateLimit: loginLimit } }, async (req, reply) => {
    // Bounded strings as typed (the password exactly as typed); service.login judges them, as it
    // always has, so an over-long name or password is simply a failed sign-in.
    const form = parseForm(LoginFormSchema, req.body);
    const f = formText(form);
    const { username, password } = f;
    const next = safeNext(f.next);
    // Only what encodeResume could have produced is carried on: an over-long value is dropped, not cut.
    const resume = (form.ok || !form.errors.resume) && f.resume ? f.resume : undefined;
    if (!username || !password) {
      return loginPage(reply, { username, next, resume, error: !username ? '请输入用户名。' : '请输入密码。', status: 422 });
    }
    const r = await service.login(db, { username, password, ip: req.ip, userAgent: req.headers['user-agent'] ?? null, maxHours: config.sessionMaxHours, previousToken: req.cookies[SESSION_COOKIE] });
    if (!r.ok) return loginPage(reply, { username, next, resume, error: r.message, status: r.reason === 'locked' ? 423 : 401 });
    // A new session id on every sign-in (no session fixation).
    reply.setCookie(SESSION_COOKIE, r.token, cookieOpts);
    const carried = resume ? decodeResume(resume) : null;
    if (carried && !r.mustChangePassword) {
      req.user = r.principal;
      return reply.page((vc) => (
        <AdminLayout ctx={vc} meta={{ title: '继续提交' }}>
          <h1>继续提交</h1>
          <Notice kind="info">您已重新登录。会话过期前提交的内容尚未保存，已为您保留，请确认后点击“继续提交”。</Notice>
          <form method="post" action={carried.url}>
            <CsrfField token={vc.csrfToken} />
            {carried.fields.map(([k, v]) => <input type="hidden" name={k} value={v} />)}
            <div class="actions"><button type="submit">继续提交</button><a href={carried.url.split('?')[0]}>放弃并返回</a></div>
          </form>
        </AdminLayout>
      ));
    }
    return reply.redirect(r.mustChangePassword ? '/admin/account?first=1' : next, 303);
  });

  app.post('/logout', { config: { policy: 'public' } }, async (req, reply) => {
    if (req.user) await service.logout(db, req.user, req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });

  // Lets an integration check its token: who am I, with which roles on which organisations.
  app.get('/api/v1/me', { config: { policy: 'authenticated' } }, async (req) => {
    const u = req.user!;
    return {
      id: u.id, username: u.username, displayName: u.displayName, orgId: u.orgId, orgName: u.orgName, via: u.via,
      grants: u.grants.map((g) => ({ role: g.role, roleName: ROLES[g.role], orgId: g.orgId, includeSubtree: g.includeSubtree })),
    };
  });

  app.get('/admin/account', { config: { policy: 'authenticated' } }, async (req, reply) => {
    const q = formText(parseForm(AccountQuerySchema, req.query));
    return accountPage(reply, req.user!, { info: q.first === '1' ? '首次登录或密码已被重置，请先修改密码。' : q.done === '1' ? '密码已修改。' : undefined });
  });

  app.post('/admin/account', { config: { policy: 'authenticated', rateLimit: loginLimit, noResume: true } }, async (req, reply) => {
    // Passwords as typed, bounded one over the limit: changeOwnPassword's checks (current password,
    // strength, at most 128 characters) refuse anything longer with their own messages.
    const { current, next, confirm } = formText(parseForm(AccountFormSchema, req.body));
    const r = await service.changeOwnPassword(db, req.user!, { current, next, confirm, ip: req.ip });
    if (!r.ok) return accountPage(reply, req.user!, { errors: r.fields, status: 422 });
    return reply.redirect('/admin/account?done=1', 303);
  });

  function accountPage(reply: FastifyReply, user: Principal, opts: { errors?: Record<string, string>; info?: string; status?: number }) {
    return reply.page((vc) => (
      <AdminLayout ctx={vc} meta={{ title: '账户设置' }} current="/admin/account">
        <h1>账户设置</h1>
        {opts.info && <Notice>{opts.info}</Notice>}
        <dl class="facts">
          <dt>用户名</dt><dd>{user.username}</dd>
          <dt>姓名</dt><dd>{user.displayName}</dd>
          <dt>所属单位</dt><dd>{user.orgName}</dd>
          <dt>角色</dt><dd>{rolesOf(user).map((r) => ROLES[r]).join('、') || '无'}</dd>
        </dl>
        <h2>修改密码</h2>
        <ErrorSummary errors={opts.errors} />
        <form method="post" action="/admin/account" class="stack" novalidate>
          <CsrfField token={vc.csrfToken} />
          <TextField name="current" label="当前密码" type="password" autocomplete="current-password" required error={opts.errors?.current} />
          <TextField name="next" label="新密码" type="password" autocomplete="new-password" required hint="至少 10 位，包含大写字母、小写字母、数字、特殊字符中的至少三类，且不含用户名。" error={opts.errors?.next} />
          <TextField name="confirm" label="再次输入新密码" type="password" autocomplete="new-password" required error={opts.errors?.confirm} />
          <div class="actions"><button type="submit">修改密码</button></div>
        </form>
      </AdminLayout>
    ), opts.status ?? 200);
  }
  return resumeLogin;
}

function DemoAccounts({ accounts }: { accounts: { username: string; password: string; role: string }[] }) {
  const list = accounts;
  if (!list.length) return null;
  return (
    <section class="demo-accounts" aria-labelledby="demo-title">
      <h2 id="demo-title">演示账户（仅演示模式显示）</h2>
      <table>
        <caption>演示环境各角色账户</caption>
        <thead><tr><th scope="col">角色</th><th scope="col">用户名</th><th scope="col">密码</th></tr></thead>
        <tbody>{list.map((a) => <tr><td>{a.role}</td><td>{a.username}</td><td><code>{a.password}</code></td></tr>)}</tbody>
      </table>
    </section>
  );
}
