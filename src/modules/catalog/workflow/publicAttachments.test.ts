// Publication of attachments with masks, on a real server and database: a .docx whose mobile
// number was masked in review is downloaded as a .docx without the number, a PDF as its masked
// text labelled so, and the record page's label names the file actually served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import mammoth from 'mammoth';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { startTestServer, type TestServer } from '../../../../test/support/server.ts';
import * as authRepo from '../../auth/repo.ts';
import { listOrgs } from '../../org/repo.ts';
import { closeSandbox, extractUpload, storeFile } from '../../../platform/files/index.ts';
import { makeDocxParts, makePdf, marginsDocx } from '../../../platform/files/fixtures.ts';
import { declareSmall, docxBomb } from '../../../platform/files/bombs.ts';
import { sql } from 'drizzle-orm';
import { withTx } from '../../../platform/db/index.ts';
import { publishReviewed } from './publishReviewed.ts';
import { regenerateReportLines, regenerateTextAttachments } from './regenerateAttachments.ts';
import { NeedsPublicPlan, planPublicAttachments, storePublicAttachments, withPublicPlan } from './publicAttachments.ts';
import * as review from '../../review/use-cases.ts';
import type { Caller } from '../use-cases/shared.ts';
import { createRecord } from '../use-cases/createRecord.ts';
import * as wrepo from '../repo.workflow.ts';
import { reviewRecord, submitRecord, SUBJECT } from './use-cases.ts';
import { resolveFinding } from './resolve.ts';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PHONE = '13912345678';
let s: TestServer;
const u: Record<string, Caller> = {};
let orgId = 0;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  for (const n of ['cbr', 'shr', 'bmsc', 'sfr']) {
    const x = (await authRepo.findUserByUsername(s.ctx.db, n))!;
    u[n] = { user: await authRepo.toPrincipal(s.ctx.db, x, 'session'), ip: '127.0.0.1' };
  }
  orgId = (await listOrgs(s.ctx.db)).find((o) => (o.shortName ?? o.name) === '县教体局')!.id;
});
after(async () => { await closeSandbox(); await s.close(); });

async function zhaoshengDocx(): Promise<Buffer> {
  const doc = new Document({
    creator: '李文书',
    sections: [{
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('云溪县2024年秋季学期招生简章')] }),
        // The number split over runs, as Word often writes it.
        new Paragraph({ children: [new TextRun('招生咨询电话：139'), new TextRun({ text: '1234', bold: true }), new TextRun('5678（工作日）。')] }),
        new Paragraph('报名时间为7月1日至7月15日，逾期不再受理。'),
      ],
    }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

type Upload = { name: string; bytes: Buffer; kind: 'docx' | 'pdf'; mime: string; text?: string };

/** A record with the given attachments, through the whole chain, every finding masked. */
async function publishWith(files: Upload[]): Promise<number> {
  const id = await upToLastStep(files);
  await pass(id, 'sfr');
  return id;
}

const step = async (id: number) => (await review.latestInstance(s.ctx.db, SUBJECT, id))!.currentStep;
async function pass(id: number, who: string, secrecy?: Record<string, string>) {
  const r = await reviewRecord(s.ctx, u[who], id, { conclusion: 'pass', opinion: '同意', expectedStep: await step(id), secrecy });
  assert.ok(r.ok, `${who}: ${JSON.stringify(r)}`);
}

/** A record with the given attachments (their text as extracted, unless given), up to the last step (签发). */
async function upToLastStep(files: Upload[]): Promise<number> {
  const attachments: { fileId: number; name: string }[] = [];
  for (const f of files) {
    let text = f.text;
    if (text === undefined) {
      const ex = await extractUpload(f.bytes, f.kind);
      assert.ok(ex.ok, JSON.stringify(ex));
      text = ex.text;
    }
    attachments.push({ fileId: await storeFile(s.ctx.db, f.bytes, f.kind, f.mime, text), name: f.name });
  }
  const created = await createRecord(s.ctx, u.cbr, {
    orgId, attachments,
    form: { title: '云溪县教育体育局关于2024年秋季学期招生工作的通知', generatedOn: '2024-06-11', category: 'gzxx', keywords: '招生 秋季学期', body: '招生简章见附件。' },
  });
  assert.ok(created.ok, JSON.stringify(created));
  const id = created.ok ? created.id : 0;
  assert.ok((await submitRecord(s.ctx, u.cbr, id)).ok);
  await pass(id, 'shr');
  const findings = await wrepo.listFindings(s.ctx.db, id);
  for (const f of findings) assert.ok((await resolveFinding(s.ctx, u.bmsc, id, f.id, { resolution: 'redact', reason: '' })).ok);
  await pass(id, 'bmsc', { disclosure: 'active', basis: '《中华人民共和国保守国家秘密法》及本县保密事项范围' });
  return id;
}

const attachmentIds = (html: string, id: number) => [...html.matchAll(new RegExp(`href="/xxgk/${id}/files/(\\d+)"`, 'g'))].map((m) => Number(m[1]));

test('a masked .docx is published as a .docx without the number, and its label names that file', async () => {
  const original = await zhaoshengDocx();
  const id = await publishWith([{ name: 'zhaosheng.docx', bytes: original, kind: 'docx', mime: DOCX_MIME }]);
  assert.ok((await wrepo.listFindings(s.ctx.db, id)).some((f) => f.source === 'attachment' && f.kind === 'mobile'), 'the attachment was scanned');
  const page = await fetch(`${s.baseUrl}/xxgk/${id}`);
  const html = await page.text();
  const [att] = attachmentIds(html, id);
  assert.ok(att, 'the attachment is listed');

  const r = await fetch(`${s.baseUrl}/xxgk/${id}/files/${att}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), DOCX_MIME);
  const fileName = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? '');
  assert.equal(fileName, 'zhaosheng（公开版）.docx');
  const body = Buffer.from(await r.arrayBuffer());
  assert.ok(!body.equals(original), 'not the upload');
  const parts = unzipSync(body);
  for (const [n, d] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(n)) continue;
    const xml = strFromU8(d);
    assert.ok(!xml.includes(PHONE) && !xml.replace(/<[^>]+>/g, '').includes(PHONE), `${n} holds no number`);
  }
  assert.doesNotMatch(strFromU8(parts['docProps/core.xml']), /李文书/, 'the author is not published');
  const text = (await mammoth.extractRawText({ buffer: body })).value;
  assert.ok(text.includes('招生咨询电话：139****5678（工作日）。'), text);
  assert.ok(text.includes('报名时间为7月1日至7月15日，逾期不再受理。'));

  // The label: the document's own title as link text, then the served file's name, format and size.
  const li = new RegExp(`<a href="/xxgk/${id}/files/${att}" download>([^<]*)</a> <span class="muted">（([^<]*)）</span>`).exec(html);
  assert.ok(li, html.slice(html.indexOf('h-att'), html.indexOf('h-att') + 600));
  assert.equal(li[1], '云溪县2024年秋季学期招生简章');
  const kb = `${(body.length / 1024).toFixed(1)} KB`;
  assert.equal(li[2], `zhaosheng（公开版）.docx，DOCX，${kb}，个人信息已遮盖`);
});

test('a masked PDF, or a .docx that cannot be masked in place, is offered as its masked text, and the label says so', async () => {
  const pdf = makePdf(['Contact: 13912345678', 'Office hours 9:00-17:00']);
  // The number also sits in an embedded object, which the redactor cannot open: it refuses the file.
  const parts = unzipSync(await zhaoshengDocx());
  parts['word/embeddings/oleObject1.bin'] = new Uint8Array(Buffer.from(`\u0000${PHONE}\u0000`));
  const embedded = Buffer.from(zipSync(parts));
  const id = await publishWith([
    { name: 'notice.pdf', bytes: pdf, kind: 'pdf', mime: 'application/pdf' },
    { name: '招生简章.docx', bytes: embedded, kind: 'docx', mime: DOCX_MIME },
  ]);
  const html = await (await fetch(`${s.baseUrl}/xxgk/${id}`)).text();
  const [att, docxAtt] = attachmentIds(html, id);
  const d = await fetch(`${s.baseUrl}/xxgk/${id}/files/${docxAtt}`);
  assert.match(d.headers.get('content-type') ?? '', /^text\/plain/);
  assert.match(decodeURIComponent(d.headers.get('content-disposition') ?? ''), /招生简章（公开版，纯文本）\.txt/);
  const dText = await d.text();
  assert.ok(dText.includes('招生咨询电话：139****5678') && !dText.includes(PHONE));
  assert.ok(html.includes(`download>云溪县2024年秋季学期招生简章</a> <span class="muted">（招生简章（公开版，纯文本）.txt，纯文本，`), 'title from the text, the served file named');

  const r = await fetch(`${s.baseUrl}/xxgk/${id}/files/${att}`);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
  assert.equal(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? ''), 'notice（公开版，纯文本）.txt');
  const body = Buffer.from(await r.arrayBuffer());
  assert.ok(!body.toString('utf8').includes(PHONE) && body.toString('utf8').includes('139****5678'));
  const li = new RegExp(`/files/${att}" download>([^<]*)</a> <span class="muted">（([^<]*)）</span>`).exec(html);
  assert.ok(li);
  assert.equal(li[1], 'notice（公开版，纯文本）.txt');
  assert.equal(li[2], `纯文本，${body.length} B，个人信息已遮盖，原文件格式无法遮盖，仅提供文字`);
});

const partsOf = (b: Buffer) => Object.fromEntries(Object.entries(unzipSync(b)).filter(([n]) => /\.(xml|rels)$/.test(n)).map(([n, d]) => [n, strFromU8(d)]));
const shown = (xml: string) => xml.replace(/<[^>]+>/g, '');
const downloadName = (r: Response) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? '');

test('a number only in the header (split over runs), footer, notes, comment, text boxes and properties is found, masked everywhere, and the author dropped', async () => {
  const original = marginsDocx(PHONE);
  const id = await publishWith([{ name: 'margins.docx', bytes: original, kind: 'docx', mime: DOCX_MIME }]);
  const found = (await wrepo.listFindings(s.ctx.db, id)).filter((f) => f.source === 'attachment' && f.kind === 'mobile');
  assert.ok(found.length >= 1 && found.every((f) => f.resolution === 'redact'), JSON.stringify(found));
  const html = await (await fetch(`${s.baseUrl}/xxgk/${id}`)).text();
  const [att] = attachmentIds(html, id);
  const r = await fetch(`${s.baseUrl}/xxgk/${id}/files/${att}`);
  assert.equal(r.headers.get('content-type'), DOCX_MIME);
  assert.equal(downloadName(r), 'margins（公开版）.docx');
  const body = Buffer.from(await r.arrayBuffer());
  const parts = partsOf(body);
  for (const [n, xml] of Object.entries(parts)) assert.ok(!xml.includes(PHONE) && !shown(xml).includes(PHONE), `${n} holds no number`);
  assert.ok(shown(parts['word/header1.xml']).includes('页眉咨询电话：139****5678'), parts['word/header1.xml']);
  assert.match(parts['word/header1.xml'], /<w:b\/>/, 'the header keeps its run formatting');
  for (const [n, line] of [['word/footer1.xml', '页脚值班电话 139****5678'], ['word/footnotes.xml', '脚注：经办人电话 139****5678'],
    ['word/endnotes.xml', '尾注：联系电话139****5678'], ['word/comments.xml', '批注：请核实 139****5678'], ['word/document.xml', '文本框：报名咨询 139****5678'],
    ['docProps/core.xml', '联系电话 139****5678']] as const) assert.ok(shown(parts[n]).includes(line), `${n}: ${line}`);
  assert.doesNotMatch(parts['docProps/core.xml'], /李文书/, 'author and last editor removed');
  assert.doesNotMatch(parts['word/comments.xml'], /赵审核/, 'comment author removed');
  const li = new RegExp(`/files/${att}" download>([^<]*)</a> <span class="muted">（([^<]*)）</span>`).exec(html);
  assert.ok(li);
  assert.equal(li[2], `margins（公开版）.docx，DOCX，${(body.length / 1024).toFixed(1)} KB，个人信息已遮盖`);
});

test('a .docx with nothing to mask is published without the people in its properties, under its own name and true size', async () => {
  const doc = new Document({ creator: '李文书', lastModifiedBy: '张编辑', title: '云溪县2024年秋季学期招生简章', sections: [{ children: [new Paragraph('报名时间为7月1日至7月15日。')] }] });
  const original = Buffer.from(await Packer.toBuffer(doc));
  const id = await publishWith([{ name: '招生简章.docx', bytes: original, kind: 'docx', mime: DOCX_MIME }]);
  const html = await (await fetch(`${s.baseUrl}/xxgk/${id}`)).text();
  const [att] = attachmentIds(html, id);
  const r = await fetch(`${s.baseUrl}/xxgk/${id}/files/${att}`);
  assert.equal(downloadName(r), '招生简章.docx');
  const body = Buffer.from(await r.arrayBuffer());
  assert.ok(!body.equals(original));
  const core = partsOf(body)['docProps/core.xml'];
  assert.doesNotMatch(core, /李文书|张编辑/);
  assert.match(core, /云溪县2024年秋季学期招生简章/, 'the title property stays');
  assert.ok((await mammoth.extractRawText({ buffer: body })).value.includes('报名时间为7月1日至7月15日。'));
  assert.ok(html.includes(`download>云溪县2024年秋季学期招生简章</a> <span class="muted">（招生简章.docx，DOCX，${(body.length / 1024).toFixed(1)} KB，已去除文档属性中的作者信息）`), html.slice(html.indexOf('h-att'), html.indexOf('h-att') + 600));
});

/** Runs `work` while polling /healthz every 100 ms; the slowest answer. */
async function whileServing<T>(work: () => Promise<T>): Promise<{ value: T; slowest: number; polls: number }> {
  let stop = false;
  let slowest = 0;
  let polls = 0;
  const poll = (async () => {
    while (!stop) {
      const t = performance.now();
      const r = await fetch(`${s.baseUrl}/healthz`);
      await r.text();
      assert.equal(r.status, 200);
      polls++;
      slowest = Math.max(slowest, performance.now() - t);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  })();
  try {
    return { value: await work(), slowest, polls };
  } finally {
    stop = true;
    await poll;
  }
}

test('a hostile .docx (zip bomb, absurd nesting) given to publication is refused in Chinese, the record stays in review, the server keeps serving', async () => {
  const bomb = declareSmall(await docxBomb(190));
  const deepXml = '<w:p><w:r><w:t>正文</w:t></w:r></w:p>' + '<w:sdt><w:sdtContent>'.repeat(50_000) + '</w:sdtContent></w:sdt>'.repeat(50_000);
  const deep = makeDocxParts({ body: deepXml });
  for (const [bytes, message] of [[bomb, /附件“通知\.docx”无法生成公开版本，暂不能发布：.*系统已停止解析/], [deep, /附件“通知\.docx”无法生成公开版本，暂不能发布：.*嵌套层级异常/]] as const) {
    const id = await upToLastStep([{ name: '通知.docx', bytes, kind: 'docx', mime: DOCX_MIME, text: '关于秋季学期招生工作的通知' }]);
    const before = await step(id);
    const t0 = performance.now();
    const r = await whileServing(() => reviewRecord(s.ctx, u.sfr, id, { conclusion: 'pass', opinion: '同意', expectedStep: before }));
    const ms = performance.now() - t0;
    assert.ok(!r.value.ok && r.value.reason === 'attachment', JSON.stringify(r.value));
    assert.match(r.value.message, message);
    assert.ok(ms < 30_000, `refused after ${ms} ms`);
    assert.ok(r.polls > 0 && r.slowest < 2000, `slowest /healthz ${r.slowest} ms`);
    const rec = (await wrepo.findWorkflow(s.ctx.db, id))!;
    assert.equal(rec.status, 'in_review', 'not published');
    assert.equal(await step(id), before, 'the step was not taken');
    // The same file through the path of migrated records (publishReviewed) is refused as well.
    const p = await publishReviewed(s.ctx, u.sfr, id, { note: '测试', auditAction: 'catalog.test.publish' });
    assert.ok(!p.ok && message.test(p.message), JSON.stringify(p));
  }
});

test('a plan made for other masks or attachments is not stored: the transaction asks again', async () => {
  const id = await upToLastStep([{ name: 'zhaosheng.docx', bytes: await zhaoshengDocx(), kind: 'docx', mime: DOCX_MIME }]);
  const findings = await wrepo.listFindings(s.ctx.db, id);
  assert.ok(findings.some((f) => f.resolution === 'redact'));
  const p = await planPublicAttachments(s.ctx.db, id, findings, '2024-06-12');
  assert.ok(p.ok);
  // Prepared before a mask was withdrawn (or another file attached): refused, nothing written.
  const fewer = findings.map((f) => ({ ...f, resolution: null }));
  await assert.rejects(withTx(s.ctx.db, async (tx) => {
    assert.equal(await storePublicAttachments(tx, id, fewer, p.plan), false);
    assert.equal(await storePublicAttachments(tx, id, findings, null), false);
    throw new Error('rollback');
  }), /rollback/);
  // withPublicPlan prepares again for what the transaction saw (the masks withdrawn meanwhile), then stores.
  let tries = 0;
  const r = await withPublicPlan(s.ctx.db, id, '2024-06-12', p.plan, (plan) => withTx(s.ctx.db, async (tx) => {
    tries++;
    if (!(await storePublicAttachments(tx, id, fewer, plan))) throw new NeedsPublicPlan(fewer);
    return { ok: true as const, tries };
  }));
  assert.deepEqual(r, { ok: true, tries: 2 });
  const [a] = await wrepo.attachmentSources(s.ctx.db, id);
  const stored = await s.ctx.db.execute<{ text_public: string | null }>(sql`select text_public from catalog_attachments where id = ${a.id}`);
  assert.equal(stored.rows[0].text_public, null, 'stored for the masks the transaction saw');
  // Something that keeps changing under it: refused with a clear message after three tries.
  let n = 0;
  const gaveUp = await withPublicPlan(s.ctx.db, id, '2024-06-12', null, async () => { n++; throw new NeedsPublicPlan(n % 2 ? fewer : findings); });
  assert.deepEqual(gaveUp, { ok: false, reason: 'stale', message: '发布过程中该信息的附件或遮盖处理发生了变化，请刷新页面后重新操作。' });
});

test('catalog redact-attachments: records published with the old text-only attachments get their masked .docx, audited, once', async () => {
  const id = await publishWith([{ name: 'zhaosheng.docx', bytes: await zhaoshengDocx(), kind: 'docx', mime: DOCX_MIME }]);
  // As published by an older version: the masked text only, under the name the text had.
  await s.ctx.db.execute(sql`update catalog_attachments set public_file_id = null, title = null where record_id = ${id}`);
  // And a hostile file in the same form (stored before uploads were sandboxed).
  const bombId = await storeFile(s.ctx.db, declareSmall(await docxBomb(190)), 'docx', DOCX_MIME, '关于招生的通知');
  await s.ctx.db.execute(sql`insert into catalog_attachments (record_id, file_id, name, text_public, sort) values (${id}, ${bombId}, '旧附件.docx', '关于招生的通知', 9)`);
  const html0 = await (await fetch(`${s.baseUrl}/xxgk/${id}`)).text();
  const [att] = attachmentIds(html0, id);
  assert.match(html0, /download>zhaosheng（公开版，纯文本）\.txt<\/a> <span class="muted">（纯文本，/, 'the old form is what the public get');

  const textBefore = (await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from catalog_attachments a join files f on f.id = a.file_id
    join catalog_records r on r.id = a.record_id where r.status = 'published' and f.kind = 'docx' and a.text_public is not null and a.public_file_id is null`)).rows[0].n;
  const first = await regenerateTextAttachments(s.ctx, { id: null, name: '命令行（测试）' });
  assert.equal(first.checked, textBefore);
  assert.equal(first.regenerated, 1, JSON.stringify(first));
  assert.equal(first.refused.length, 1);
  assert.match(first.refused[0].message, /系统已停止解析/);
  assert.equal(first.stillText, textBefore - 2, 'the earlier test’s .docx with the number in an embedded object stays text');
  const lines = regenerateReportLines(first);
  assert.equal(lines[0], `已检查仅以纯文本公开的 Word 附件 ${textBefore} 个：重新生成遮盖后的 Word 文件 1 个；无法在原格式中遮盖、仍提供纯文本 ${textBefore - 2} 个；文件异常未能处理 1 个；处理期间信息已变化、本次跳过 0 个。`);
  assert.match(lines[1], /^未处理\t.+\t旧附件\.docx\t.*系统已停止解析/);

  const r = await fetch(`${s.baseUrl}/xxgk/${id}/files/${att}`);
  assert.equal(r.headers.get('content-type'), DOCX_MIME);
  assert.equal(downloadName(r), 'zhaosheng（公开版）.docx');
  const body = Buffer.from(await r.arrayBuffer());
  for (const [n, xml] of Object.entries(partsOf(body))) assert.ok(!shown(xml).includes(PHONE) && !xml.includes(PHONE), n);
  assert.ok((await mammoth.extractRawText({ buffer: body })).value.includes('招生咨询电话：139****5678（工作日）。'));
  const html = await (await fetch(`${s.baseUrl}/xxgk/${id}`)).text();
  assert.ok(html.includes(`download>云溪县2024年秋季学期招生简章</a> <span class="muted">（zhaosheng（公开版）.docx，DOCX，${(body.length / 1024).toFixed(1)} KB，个人信息已遮盖）`));
  const audit = await s.ctx.db.execute<{ actor_name: string; summary: { attachmentId: number } }>(sql`select actor_name, summary from audit_log
    where action = 'catalog.attachment.regenerate' and entity_id = ${String(id)}`);
  assert.equal(audit.rows.length, 1);
  assert.equal(audit.rows[0].summary.attachmentId, att);

  // Idempotent: nothing left to do but the files that cannot be masked in place.
  const again = await regenerateTextAttachments(s.ctx, { id: null, name: '命令行（测试）' });
  assert.deepEqual({ ...again, refused: again.refused.length }, { checked: textBefore - 1, regenerated: 0, stillText: textBefore - 2, refused: 1, skipped: 0 });
});
