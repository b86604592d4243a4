// The staff handling of 依申请公开 cases, one use case per file: assignment, transfer, 补正,
// consultation, fee, extension, the reply through the review chain (承办 → 审核 → 签发), documents and
// delivery, and expiry of 补正 / fee deadlines. The workflow they follow is data (../workflow.ts).
import { registerAuditActionLabels } from '../../../platform/audit/present.ts';

// Chinese names of the handling use cases' audit actions on the audit log screen.
registerAuditActionLabels({
  'request.assign': '依申请公开：指定承办人',
  'request.transfer': '依申请公开：转办',
  'request.correction.send': '依申请公开：发出补正告知',
  'request.correction.receive': '依申请公开：收到补正材料',
  'request.correction.expire': '依申请公开：逾期未补正办结',
  'request.consult.start': '依申请公开：征求意见',
  'request.consult.end': '依申请公开：结束征求意见',
  'request.fee.notice': '依申请公开：发出收费通知',
  'request.fee.paid': '依申请公开：登记缴费',
  'request.fee.expire': '依申请公开：逾期未缴费办结',
  'request.extension.request': '依申请公开：申请延期答复',
  'request.extension.approve': '依申请公开：批准延期答复',
  'request.extension.reject': '依申请公开：不同意延期答复',
  'request.reply.draft': '依申请公开：保存答复稿',
  'request.reply.submit': '依申请公开：答复提交审核',
  'request.reply.pass': '依申请公开：答复审核通过',
  'request.reply.return': '依申请公开：答复退回修改',
  'request.reply.sign': '依申请公开：答复签发并办结',
  'request.document.upload': '依申请公开：上传办理材料',
  'request.document.deliver': '依申请公开：送达文书',
}, { 'request.*': '依申请公开（全部）' });

export { assignHandler } from './assign-handler.ts';
export { transferCase } from './transfer-case.ts';
export { sendCorrection } from './send-correction.ts';
export { receiveSupplement } from './receive-supplement.ts';
export { startConsultation } from './start-consultation.ts';
export { endConsultation } from './end-consultation.ts';
export { sendFeeNotice } from './send-fee-notice.ts';
export { feePaid } from './fee-paid.ts';
export { expireCorrection, expireFee, expireOverdue } from './expire.ts';
export { requestExtension } from './request-extension.ts';
export { decideExtension } from './decide-extension.ts';
export { draftReply, draftOf, signedReplyOf, replyChoices, type ReplyDraft, type ReplyInput, type WithheldPart } from './reply-draft.ts';
export { submitReply } from './submit-reply.ts';
export { actOnReply } from './act-on-reply.ts';
export { uploadDocument } from './upload-document.ts';
export { deliverDocument } from './deliver-document.ts';
export { auditActor, STALE_MESSAGE, SUBJECT, TEXT_MAX, todayOf, type ApplicantCaller, type Caller, type Fail, type Ok, type Upload } from './shared.ts';
export type { DocumentKind } from '../model.ts';
