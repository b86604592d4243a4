// Reporting upward (seed 004 §四): a 重大 / 特别重大 incident at 研判, or one a monitor escalates, is
// mailed at once to the holders of opinion.escalation.receive in the government office and the
// cyberspace office (everyone holding it when nobody there does), with the 24-hour duty contacts.
// The mail goes through the mail.send job on the caller's transaction; duty phones are decrypted
// only into the mail. The timeline gets a 'notified' event saying whom and why.
import type { AppContext } from '../../../app-context.ts';
import type { Tx } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/audit/index.ts';
import { isMailConfigured, sendMailLater } from '../../../platform/mail/job.ts';
import { formatInstant } from '../../../platform/time/index.ts';
import { ACTIONS } from '../../auth/policy.ts';
import { CATEGORIES, GRADES, labelOf } from '../model.ts';
import { recordEvent } from '../events.ts';
import { dutyContacts, reportRecipients, type DeadlineWrite, type IncidentRow } from '../incidents.repo.ts';

export type ReportReason = 'major' | 'escalated';

const REASONS: Record<ReportReason, string> = { major: '研判为重大、特别重大舆情', escalated: '舆情专员升级上报' };

export async function reportUpward(
  tx: Tx, ctx: AppContext, i: Pick<IncidentRow, 'id' | 'no' | 'title' | 'grade' | 'category'>, why: ReportReason, actor: Pick<Actor, 'id' | 'name'>,
  extra: { note?: string; deadlines?: readonly DeadlineWrite[]; seq: number },
): Promise<{ recipients: number }> {
  const now = ctx.now();
  const people = await reportRecipients(tx, ACTIONS['opinion.escalation.receive']);
  const contacts = await dutyContacts(tx);
  const mail = isMailConfigured(ctx.config) && people.length > 0;
  if (mail) {
    const phone = (enc: string) => { try { return ctx.fieldCipher.decrypt(enc); } catch { return '（号码无法解密，请联系系统管理员）'; } };
    const lines = [
      `舆情事件 ${i.no}：${i.title}`,
      `报告原因：${REASONS[why]}`,
      `舆情级别：${labelOf(GRADES, i.grade) || '待定'}　类别：${labelOf(CATEGORIES, i.category) || '未归入五类'}`,
      ...(extra.note ? [`上报说明：${extra.note}`] : []),
      ...(extra.deadlines?.length ? ['', '回应时限（北京时间）：', ...extra.deadlines.map((d) => `  ${formatInstant(d.dueAt, 'minute')}前　${d.basis}`)] : []),
      '',
      '24小时值班联系人：',
      ...(contacts.length ? contacts.map((c) => `  ${c.orgName}　${c.position} ${c.name}　${phone(c.phoneEnc)}${c.email ? `　${c.email}` : ''}（${c.hours}）`) : ['  尚未登记值班联系人，请在舆情设置中补充。']),
      '',
      `请登录管理平台查看：${ctx.config.siteUrl}/admin/opinion/${i.id}`,
    ];
    await sendMailLater(tx, {
      to: people.slice(0, 50).map((p) => p.email),
      subject: `【政务舆情${why === 'major' ? '·重大' : '·上报'}】${i.no} ${i.title}`.slice(0, 500),
      text: lines.join('\n'),
    }, { key: `opinion.report/${i.id}/${why}/${extra.seq}` });
  }
  await recordEvent(tx, i.id, 'notified', {
    reason: why, recipients: mail ? Math.min(people.length, 50) : 0, names: mail ? people.slice(0, 50).map((p) => p.name) : [],
    contacts: contacts.length, mail,
  }, actor, now);
  return { recipients: mail ? people.length : 0 };
}
