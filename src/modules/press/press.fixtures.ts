// Test fixtures of press events: demo users as callers, organisation ids, and a form of valid values.
import type { AppContext } from '../../app-context.ts';
import { findUserByUsername, toPrincipal } from '../auth/repo.ts';
import type { Caller } from '../auth/caller.ts';
import { listOrgs } from '../org/repo.ts';
import { beijingLocalValue } from './domain.ts';
import type { EventValues } from './forms.ts';

export async function orgIdOf(ctx: AppContext, shortName: string): Promise<number> {
  return (await listOrgs(ctx.db)).find((o) => o.shortName === shortName)!.id;
}

export async function callerOf(ctx: AppContext, username: string): Promise<Caller> {
  const u = await findUserByUsername(ctx.db, username);
  return { user: await toPrincipal(ctx.db, u!, 'session'), ip: '127.0.0.1' };
}

export function eventValues(orgId: number, p: Partial<EventValues> = {}): EventValues {
  return {
    orgId, type: 'conference', category: 'routine', title: '2027年春季学期义务教育招生政策新闻发布会',
    plannedAt: beijingLocalValue(new Date(Date.now() + 3 * 86400_000)), place: '县政府新闻发布厅', speaker: '县教体局局长 王明德', speakerKind: 'principal',
    purpose: '介绍春季学期招生政策，回应家长关切。', outline: '一、招生范围；二、报名时间；三、咨询渠道。', participants: '县融媒体中心及驻县媒体记者',
    ...p,
  };
}
