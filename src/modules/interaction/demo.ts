// The demo county's 互动交流 (loaded after the demo county; nothing happens when any draft exists):
// an open draft for comment with approved comments (and one waiting), a closed one with its 采纳情况,
// one past its end whose 采纳情况 is overdue, an announced interview with questions and a past one
// with answers and its 文字实录. Dates are computed from the clock, so the demo is right on any day.
import type { AppContext } from '../../app-context.ts';
import { withTx, type Tx } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, writeAudit, type Actor } from '../../platform/audit/index.ts';
import { beijingMidnight, beijingToday } from '../../platform/time/index.ts';
import { listOrgs } from '../org/repo.ts';
import { addDays } from './domain.ts';
import { draftCount, insertDraft } from './drafts.repo.ts';
import { insertInterview } from './interviews.repo.ts';
import { insertSubmission } from './submissions.repo.ts';
import { textKey, type SubjectKind } from './submissions.ts';
import { DEMO_DRAFTS, DEMO_INTERVIEWS } from './demo-content.ts';

const DEMO_ACTOR: Actor = { ...SYSTEM_ACTOR, name: '系统（演示数据）' };
const HOUR = 3_600_000;

export async function seedInteractionDemo(ctx: AppContext, warn: (msg: string) => void = () => {}): Promise<number> {
  if ((await draftCount(ctx.db)) > 0) return 0;
  const orgs = await listOrgs(ctx.db);
  const orgOf = (short: string) => orgs.find((o) => o.shortName === short)?.id;
  const now = ctx.now();
  const today = beijingToday(now);
  let made = 0;
  await withTx(ctx.db, async (tx) => {
    const comment = async (kind: SubjectKind, subjectId: number, c: { name?: string; contact?: string; text: string; status: string; answer?: string; reason?: string }, at: Date) => {
      await insertSubmission(tx, {
        subjectKind: kind, subjectId, nameEnc: c.name ? ctx.fieldCipher.encrypt(c.name) : null, contactEnc: c.contact ? ctx.fieldCipher.encrypt(c.contact) : null,
        text: c.text, textKey: textKey(c.text), addressKey: ctx.fieldCipher.blindIndex('address:demo'), status: c.status, createdAt: at,
        moderatedAt: c.status === 'pending' ? null : new Date(at.getTime() + 2 * HOUR), rejectReason: c.reason ?? null,
        answer: c.answer ?? null, answeredAt: c.answer ? new Date(at.getTime() + 3 * HOUR) : null,
      });
    };
    for (const d of DEMO_DRAFTS) {
      const orgId = orgOf(d.org);
      if (!orgId) { warn(`互动交流演示数据：找不到单位 ${d.org}`); continue; }
      const startDate = addDays(today, d.startOffset);
      const endDate = addDays(today, d.endOffset);
      const publishedAt = new Date(beijingMidnight(startDate).getTime() + 9 * HOUR);
      const id = await insertDraft(tx, {
        orgId, title: d.title, body: d.body, howToComment: d.howToComment, startDate, endDate, showComments: true, status: 'published', publishedAt,
        summary: d.summary ?? null, summaryPublishedAt: d.summary ? new Date(beijingMidnight(addDays(endDate, 10)).getTime() + 10 * HOUR) : null,
      });
      let k = 0;
      for (const c of d.comments) await comment('draft', id, c, new Date(publishedAt.getTime() + (++k) * 26 * HOUR));
      made++;
    }
    for (const i of DEMO_INTERVIEWS) {
      const orgId = orgOf(i.org);
      if (!orgId) { warn(`互动交流演示数据：找不到单位 ${i.org}`); continue; }
      const startsAt = new Date(beijingMidnight(addDays(today, i.dayOffset)).getTime() + 9.5 * HOUR);
      const endsAt = new Date(startsAt.getTime() + 1.5 * HOUR);
      const past = i.transcript !== undefined;
      const id = await insertInterview(tx, {
        orgId, title: i.title, guests: i.guests, preview: i.preview, startsAt, endsAt, status: past ? 'closed' : 'announced',
        announcedAt: new Date(startsAt.getTime() - 7 * 24 * HOUR), transcript: i.transcript ?? null, transcriptPublishedAt: past ? new Date(endsAt.getTime() + 4 * HOUR) : null,
      });
      let k = 0;
      for (const q of i.questions) await comment('interview', id, q, new Date(startsAt.getTime() - (6 - ++k) * 24 * HOUR));
      made++;
    }
    await audit(tx, made);
  });
  return made;
}

async function audit(tx: Tx, n: number): Promise<void> {
  await writeAudit(tx, DEMO_ACTOR, { action: 'interaction.demo.load', entityType: 'interaction_draft', summary: { drafts: DEMO_DRAFTS.length, interviews: DEMO_INTERVIEWS.length, made: n } });
}
