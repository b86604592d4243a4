// A staff upload ("提供信息" material) on the case.
import type { AppContext } from '../../../app-context.ts';
import { getFile } from '../../../platform/files/index.ts';
import { createMailer } from '../../../platform/mail/index.ts';
import { isValidIsoDate } from '../../../calendar/index.ts';
import { can } from '../../auth/policy.ts';
import { DELIVERY_METHODS, documentKindLabel, isDeliveryMethod } from '../model.ts';
import { WORKFLOW } from '../domain.ts';
import { MESSAGES } from '../messages.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, fail, invalid, onCase, STALE_MESSAGE, storeUpload, todayOf, type Caller, type Upload } from './shared.ts';

export type UploadDocumentResult = Awaited<ReturnType<typeof uploadDocument>>;

export async function uploadDocument(ctx: AppContext, caller: Caller, caseId: number, input: { file: Upload; version?: number }) {
  return onCase(ctx, caller, caseId, 'uploadDocument', input.version, async (tx, c) => {
    if (!input.file.data.length) return invalid({ file: '请选择要上传的文件' });
    const s = await storeUpload(tx, ctx, input.file);
    if ('ok' in s) return s;
    const documentId = await repo.insertDocument(tx, { caseId: c.id, fileId: s.fileId, kind: 'staff_upload', name: s.name.slice(0, 200) || '办理材料', visibleToApplicant: false, createdBy: caller.user.id });
    await repo.updateCase(tx, c.id, {});
    await audit(tx, auditActor(caller), 'request.document.upload', c, { documentId, name: s.name.slice(0, 200) });
    return { ok: true as const, documentId };
  });
}
