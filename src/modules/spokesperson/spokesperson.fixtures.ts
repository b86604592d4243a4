// Test fixtures of the 专家库: an expert registered by 县教体局's clerk (cbr) and, unless asked not
// to, filed by the press office (xcb), through the use cases.
import type { AppContext } from '../../app-context.ts';
import { findUserByUsername, toPrincipal } from '../auth/repo.ts';
import type { Caller } from '../auth/caller.ts';
import { listOrgs } from '../org/repo.ts';
import { fileExpert, saveExpert } from './use-cases/registry.ts';

async function callerOf(ctx: AppContext, username: string): Promise<Caller> {
  const u = await findUserByUsername(ctx.db, username);
  return { user: await toPrincipal(ctx.db, u!, 'session'), ip: '127.0.0.1' };
}

export async function expertOf(ctx: AppContext, p: { name: string; field: string; phone?: string; filed?: boolean; status?: 'active' | 'inactive' }): Promise<number> {
  const orgId = (await listOrgs(ctx.db)).find((o) => o.shortName === '县教体局')!.id;
  const r = await saveExpert(ctx, await callerOf(ctx, 'cbr'), null, {
    orgId, name: p.name, field: p.field, employer: '云溪县第一中学', title: '高级教师', phone: p.phone ?? '13907931234', email: null, status: p.status ?? 'active',
  });
  if (!r.ok) throw new Error(r.message);
  if (p.filed !== false) {
    const f = await fileExpert(ctx, await callerOf(ctx, 'xcb'), r.id);
    if (!f.ok) throw new Error(f.message);
  }
  return r.id;
}
