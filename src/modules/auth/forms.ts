// The sign-in, account and user/grant/token admin forms and query strings (platform/forms): bounded
// strings with their Chinese names. The rules stay where they were: service.login and
// changeOwnPassword, users-domain.ts and tokens.ts check the strings as typed and give the messages.
import { Type } from '@sinclair/typebox';
import { Password, Str } from '../../platform/forms/schema.ts';

/** Longest packed "resume after sign-in" field (base64url JSON of the form that met an expired session). */
export const RESUME_MAX = 200_000;

const s = (title: string, max: number) => Type.Optional(Str(title, max));
// A redirect target is read as typed: safeNext must see (and refuse) a leading space or line break,
// not a trimmed value that would pass.
const nextPath = (title: string) => Type.Optional(Str(title, 500, { verbatim: true }));

export const LoginFormSchema = Type.Object({
  username: s('用户名', 64), password: Type.Optional(Password('密码', 128)),
  next: nextPath('登录后前往'), resume: s('待继续提交的内容', RESUME_MAX),
});

export const LoginQuerySchema = Type.Object({ next: nextPath('登录后前往'), timeout: s('登录超时', 3) });

export const AccountFormSchema = Type.Object({
  current: Type.Optional(Password('当前密码', 128)), next: Type.Optional(Password('新密码', 200)), confirm: Type.Optional(Password('再次输入新密码', 200)),
});

export const AccountQuerySchema = Type.Object({ first: s('首次登录', 3), done: s('结果', 3) });

export const UserFormSchema = Type.Object({
  username: s('用户名', 100), displayName: s('姓名', 200), orgId: s('所属机构', 20),
  email: s('电子邮箱', 200), phone: s('联系电话', 100), integration: s('接口集成账户', 5),
});

export const GrantFormSchema = Type.Object({ role: s('角色', 40), grantOrgId: s('授权机构', 20), includeSubtree: s('同时适用于该机构的全部下级机构', 5) });

export const TokenFormSchema = Type.Object({ username: s('所属用户的用户名', 100), name: s('用途说明', 200), days: s('有效天数', 10) });

/** GET /admin/users: the list filters and page. */
export const UserListQuerySchema = Type.Object({
  org: s('所属机构', 12), role: s('角色', 40), status: s('状态', 20), q: s('用户名、姓名或邮箱', 50), page: s('页码', 6),
});

/** Any user or token page: `done` names the notice after a change; `org` preselects the new user's unit. */
export const AdminQuerySchema = Type.Object({ done: s('结果', 20), org: s('所属机构', 12) });
