// The staff handling of 依申请公开 cases, one use case per file: assignment, transfer, 补正,
// consultation, fee, extension, the reply through the review chain (承办 → 审核 → 签发), documents and
// delivery, and expiry of 补正 / fee deadlines. The workflow they follow is data (../workflow.ts).
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
