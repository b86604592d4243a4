// The applicant's supplement: the clock restarts on the day it is received (第三十条).
import type { AppContext } from '../../../app-context.ts';
import { WORKFLOW } from '../domain.ts';
import { recomputeCase } from '../clock.ts';
import * as repo from '../repo.ts';
import { applicantActor, audit, auditActor, clean, invalid, onCase, storeUpload, type ApplicantCaller, type Caller, type Upload } from './shared.ts';

export type ReceiveSupplementResult = Awaited<ReturnType<typeof receiveSupplement>>;

/** The applicant's supplement (from staff who received it, or from the tracking page): the clock restarts that day. */
export async function receiveSupplement(ctx: AppContext, caller: Caller | ApplicantCaller, caseId: number, input: { text: string; file?: Upload | null; version?: number }) {
  const staff = 'user' in caller ? caller : null;
  return onCase(ctx, staff, caseId, 'receiveSupplement', input.version, async (tx, c, today) => {
    const text = clean(input.text);
    if (!text && !input.file) return invalid({ text: '请填写补正的内容，或上传补正材料' });
    let documentId: number | null = null;
    if (input.file && input.file.data.length) {
      const s = await storeUpload(tx, ctx, input.file);
      if ('ok' in s) return s;
      documentId = await repo.insertDocument(tx, { caseId: c.id, fileId: s.fileId, kind: 'supplement', name: s.name.slice(0, 200) || '补正材料', visibleToApplicant: true, createdBy: staff?.user.id ?? null });
    }
    const actor = staff ? auditActor(staff) : applicantActor(caller.ip);
    await repo.updateCase(tx, c.id, { status: WORKFLOW.receiveSupplement.next! });
    await repo.insertEvent(tx, { caseId: c.id, type: 'correction_received', occurredOn: today, data: { text, documentId, via: staff ? 'staff' : 'applicant' }, publicNote: '已收到补正材料，答复期限自收到补正之日起重新计算', actorId: staff?.user.id ?? null, actorName: staff?.user.displayName ?? '申请人' });
    await recomputeCase(tx, ctx, c.id, '收到补正材料，答复期限重新计算');
    await audit(tx, actor, 'request.correction.receive', c, { documentId });
    return { ok: true as const };
  });
}
