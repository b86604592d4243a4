// `gongkai catalog redact-attachments`: records published before Word files were masked in place
// offer a .docx attachment with masks only as its masked text. This makes the masked .docx for
// each of them (in the parse sandbox, as at publication) and stores it as the public file, with an
// audit row per attachment. Idempotent: an attachment done has its public file and is not chosen
// again; one the redactor refuses stays text and is counted (and tried again on the next run).
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { storeFile } from '../../../platform/files/index.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import * as wrepo from '../repo.workflow.ts';
import { todayOf } from '../use-cases/shared.ts';
import { planAttachment } from './publicAttachments.ts';

export interface RegenerateReport {
  /** Attachments found in the text form. */
  checked: number;
  /** Now published as a masked .docx. */
  regenerated: number;
  /** The redactor refused them (e.g. a masked string in an embedded object): still text. */
  stillText: number;
  /** Hostile or unreadable files (the sandbox refused them): still text. */
  refused: { indexNo: string; name: string; message: string }[];
  /** Changed while being prepared (republished, withdrawn, masks changed): left for the next run. */
  skipped: number;
}

export async function regenerateTextAttachments(ctx: AppContext, actor: Actor): Promise<RegenerateReport> {
  const { today } = todayOf(ctx);
  const report: RegenerateReport = { checked: 0, regenerated: 0, stillText: 0, refused: [], skipped: 0 };
  let afterId = 0;
  for (;;) {
    const batch = await wrepo.textOnlyWordAttachments(ctx.db, afterId, 100);
    if (!batch.length) break;
    for (const c of batch) {
      afterId = c.id;
      report.checked++;
      const findings = await wrepo.listFindings(ctx.db, c.recordId);
      const source = (await wrepo.attachmentSources(ctx.db, c.recordId)).find((a) => a.id === c.id);
      if (!source) { report.skipped++; continue; }
      // Outside any transaction, in the sandbox.
      const plan = await planAttachment(ctx.db, source, findings, today);
      if (!plan.ok) { report.refused.push({ indexNo: c.indexNo, name: c.name, message: plan.message }); continue; }
      const { file, text, title } = plan.item;
      // The same masks as when it was published (else the record changed since: not ours to decide).
      if (!file || text !== c.textPublic) { if (!file) report.stillText++; else report.skipped++; continue; }
      const done = await withTx(ctx.db, async (tx) => {
        const rec = await wrepo.lockWorkflow(tx, c.recordId);
        if (rec?.status !== 'published' || !(await wrepo.textAttachmentUnchanged(tx, c))) return false;
        const fileId = await storeFile(tx, file.bytes, file.kind, file.mime, file.text);
        await wrepo.setAttachmentPublicFile(tx, c.id, fileId, title);
        await writeAudit(tx, actor, {
          action: 'catalog.attachment.regenerate', entityType: 'catalog_record', entityId: c.recordId,
          summary: { indexNo: c.indexNo, attachmentId: c.id, name: c.name, publicFileId: fileId },
        });
        return true;
      });
      if (done) report.regenerated++; else report.skipped++;
    }
  }
  if (report.regenerated) publicPagesChanged();
  return report;
}

/** The report in Chinese, one line for the counts and one per refused file. */
export function regenerateReportLines(r: RegenerateReport): string[] {
  if (!r.checked) return ['没有需要重新生成的附件：已公开信息中的 Word 附件均已按原格式提供公开版。'];
  const lines = [`已检查仅以纯文本公开的 Word 附件 ${r.checked} 个：重新生成遮盖后的 Word 文件 ${r.regenerated} 个；` +
    `无法在原格式中遮盖、仍提供纯文本 ${r.stillText} 个；文件异常未能处理 ${r.refused.length} 个；处理期间信息已变化、本次跳过 ${r.skipped} 个。`];
  for (const f of r.refused) lines.push(`未处理\t${f.indexNo}\t${f.name}\t${f.message}`);
  return lines;
}
