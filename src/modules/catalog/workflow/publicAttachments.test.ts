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
import { extractText, storeFile } from '../../../platform/files/index.ts';
import { makePdf } from '../../../platform/files/fixtures.ts';
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
after(() => s.close());

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

/** A record with the given attachments, through the whole chain, every finding masked. */
async function publishWith(files: { name: string; bytes: Buffer; kind: 'docx' | 'pdf'; mime: string }[]): Promise<number> {
  const attachments: { fileId: number; name: string }[] = [];
  for (const f of files) {
    const ex = await extractText(f.bytes, f.kind);
    assert.ok(ex.ok);
    attachments.push({ fileId: await storeFile(s.ctx.db, f.bytes, f.kind, f.mime, ex.text), name: f.name });
  }
  const created = await createRecord(s.ctx, u.cbr, {
    orgId, attachments,
    form: { title: '云溪县教育体育局关于2024年秋季学期招生工作的通知', generatedOn: '2024-06-11', category: 'gzxx', keywords: '招生 秋季学期', body: '招生简章见附件。' },
  });
  assert.ok(created.ok, JSON.stringify(created));
  const id = created.ok ? created.id : 0;
  assert.ok((await submitRecord(s.ctx, u.cbr, id)).ok);
  const step = async () => (await review.latestInstance(s.ctx.db, SUBJECT, id))!.currentStep;
  const pass = async (who: string, secrecy?: Record<string, string>) => {
    const r = await reviewRecord(s.ctx, u[who], id, { conclusion: 'pass', opinion: '同意', expectedStep: await step(), secrecy });
    assert.ok(r.ok, `${who}: ${JSON.stringify(r)}`);
  };
  await pass('shr');
  const findings = await wrepo.listFindings(s.ctx.db, id);
  assert.ok(findings.some((f) => f.source === 'attachment' && f.kind === 'mobile'), 'the attachment was scanned');
  for (const f of findings) assert.ok((await resolveFinding(s.ctx, u.bmsc, id, f.id, { resolution: 'redact', reason: '' })).ok);
  await pass('bmsc', { disclosure: 'active', basis: '《中华人民共和国保守国家秘密法》及本县保密事项范围' });
  await pass('sfr');
  return id;
}

const attachmentIds = (html: string, id: number) => [...html.matchAll(new RegExp(`href="/xxgk/${id}/files/(\\d+)"`, 'g'))].map((m) => Number(m[1]));

test('a masked .docx is published as a .docx without the number, and its label names that file', async () => {
  const original = await zhaoshengDocx();
  const id = await publishWith([{ name: 'zhaosheng.docx', bytes: original, kind: 'docx', mime: DOCX_MIME }]);
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
