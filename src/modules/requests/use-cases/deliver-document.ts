// Delivery of a document: e-mail with the file (queued in the delivery's transaction, sent by the
// mail.send job with retries while SMTP is down), or a recorded post / collection / fax / download.
import type { AppContext } from '../../../app-context.ts';
import { getFileInfo } from '../../../platform/files/index.ts';
import { isMailConfigured, sendMailLater, type MailRequest } from '../../../platform/mail/job.ts';
import { isValidIsoDate } from '../../../calendar/index.ts';
import { can } from '../../auth/policy.ts';
import { DELIVERY_METHODS, documentKindLabel, isDeliveryMethod } from '../model.ts';
import { WORKFLOW } from '../domain.ts';
import { MESSAGES } from '../messages.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, fail, invalid, onCase, STALE_MESSAGE, storeUpload, todayOf, type Caller, type Upload } from './shared.ts';

export type DeliverDocumentResult = Awaited<ReturnType<typeof deliverDocument>>;

/**
 * Delivers a document: by e-mail through SMTP (with the file attached) to the applicant's address,
 * or records that it was posted / collected / faxed / downloaded, with the date and a note.
 * An e-mail that fails is reported with the server's reason and nothing is recorded.
 */
export async function deliverDocument(ctx: AppContext, caller: Caller, caseId: number, input: { documentId: number; method: string; on?: string; note?: string; version?: number }) {
  const c0 = await repo.findCase(ctx.db, caseId);
  if (!c0) return fail('not_found', MESSAGES.notFound);
  if (!can(caller.user, WORKFLOW.deliverDocument.permission, { orgId: c0.orgId })) return fail('forbidden', MESSAGES.forbidden);
  const today = todayOf(ctx);
  const doc = await repo.findDocument(ctx.db, caseId, input.documentId);
  if (!doc) return invalid({ documentId: '请选择要送达的文书' });
  if (!isDeliveryMethod(input.method)) return invalid({ method: '请选择送达方式' });
  // Checked before anything is sent: a stale form must not send an e-mail it then fails to record.
  if (input.version !== undefined && input.version !== c0.version) return fail('stale', STALE_MESSAGE);
  const letter = doc.kind === 'third_party_letter' || doc.kind === 'inter_agency_letter';
  if (letter && (input.method === 'email' || input.method === 'online')) {
    return invalid({ method: '征求意见函送达被征求意见的第三方或机关，不发给申请人：请选择邮寄、当面领取或传真，并在备注中写明送达对象' });
  }
  if (doc.kind === 'supplement' || doc.kind === 'applicant_attachment') return invalid({ documentId: '申请人提交的材料不需要送达' });
  const note = clean(input.note, 500);
  let on = today;
  let mail: MailRequest | undefined;
  if (input.method === 'email') {
    const email = c0.emailEnc ? ctx.fieldCipher.decrypt(c0.emailEnc) : '';
    if (!email) return invalid({ method: '申请人没有提供电子邮箱，不能以电子邮件送达，请选择其他方式' });
    if (!isMailConfigured(ctx.config)) return fail('mail', '未配置邮件服务器（SMTP_HOST），不能以电子邮件送达，请选择其他方式。');
    const file = await getFileInfo(ctx.db, doc.fileId);
    if (!file) return fail('not_found', '文书文件不存在。');
    mail = {
      to: email,
      subject: `${documentKindLabel(doc.kind)}（受理编号 ${c0.trackingNo}）`,
      text: `您好：\n\n您的政府信息公开申请（受理编号 ${c0.trackingNo}）的《${documentKindLabel(doc.kind)}》见附件。\n也可凭受理编号和查询码在网站“依申请公开”栏目查询办理情况。\n\n${c0.orgName}`,
      attachments: [{ fileId: doc.fileId, filename: doc.name.endsWith('.docx') || doc.name.includes('.') ? doc.name : `${doc.name}.docx`, contentType: file.mime }],
    };
  } else if (input.on) {
    if (!isValidIsoDate(input.on)) return invalid({ on: '送达日期请填写日期，格式为 2026-10-08' });
    if (input.on > today) return invalid({ on: '送达日期不能晚于今天' });
    on = input.on;
  }
  return onCase(ctx, caller, caseId, 'deliverDocument', input.version, async (tx, c) => {
    await repo.markDelivered(tx, doc.id, { via: input.method, on, note: note || null });
    // Sent by the mail.send job once this commits (retried while the SMTP server is down).
    if (mail) await sendMailLater(tx, mail);
    if (!doc.visibleToApplicant && !letter) await repo.setDocumentVisible(tx, doc.id, true);
    await repo.updateCase(tx, c.id, {});
    await repo.insertEvent(tx, { caseId: c.id, type: 'delivered', occurredOn: on, data: { documentId: doc.id, method: input.method, note }, publicNote: `《${doc.name}》已${DELIVERY_METHODS[input.method as keyof typeof DELIVERY_METHODS]}`, actorId: caller.user.id, actorName: caller.user.displayName });
    await audit(tx, auditActor(caller), 'request.document.deliver', c, { documentId: doc.id, method: input.method, on });
    return { ok: true as const };
  });
}
