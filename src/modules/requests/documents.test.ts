// Database tests of generated documents: every kind and every reply renders as a real .docx with
// the case data and its legal basis; template resolution (本级 → 默认 → 内置), versions, audit rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { withTx } from '../../platform/db/index.ts';
import { verifyAudit, type Actor } from '../../platform/audit/index.ts';
import { extractText } from '../../platform/files/extract.ts';
import { readZipEntries } from '../../platform/files/zip.ts';
import { GENERATED_KINDS, type DocumentKind } from './model.ts';
import { TEMPLATE_KEYS } from './templates.ts';
import { documentBytes, generateDocument, resolveTemplate, restoreTemplate, saveTemplate } from './documents.ts';

let t: TestDb;
let caseId: number;
let eduId: number;
const actor: Actor = { id: null, name: '测试', ip: null };
const NAME = '欧阳明月';

async function docText(bytes: Buffer): Promise<string> {
  const r = await extractText(bytes, 'docx');
  assert.ok(r.ok, 'the .docx can be read');
  return r.text;
}

/** The text runs of word/document.xml, a line per paragraph (faster than mammoth). */
function xmlText(bytes: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']);
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n');
}

/** Generates a document; its text is read back from the .docx (mammoth), or for speed from its XML. */
async function generate(kind: DocumentKind, variant?: string, vars?: Record<string, string>, fromDocx = true) {
  const g = await withTx(t.ctx.db, (tx) => generateDocument(tx, t.ctx, { caseId, kind, variant, vars, actor: { id: null, name: '测试' } }));
  const d = await documentBytes(t.ctx, g.documentId);
  assert.ok(d);
  return { ...g, bytes: d.bytes, text: fromDocx ? await docText(d.bytes) : xmlText(d.bytes) };
}

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  t.ctx.now = () => new Date('2026-09-25T04:00:00Z');
  const org = await t.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`);
  eduId = Number(org.rows[0].id);
  const enc = (s: string) => t.ctx.fieldCipher.encrypt(s);
  const r = await t.ctx.db.execute<{ id: number }>(sql`insert into request_cases
    (tracking_no, tracking_year, tracking_seq, query_code_hash, kind, org_id, channel, status, rule_set, applicant_type,
     applicant_name_enc, id_type, id_number_enc, id_number_bidx, info_description, info_doc_no, forms, delivery,
     received_on, statutory_due_on, outcome_detail)
    values ('2026-YXJTJ-00017', 2026, 17, 'x', 'disclosure', ${eduId}, 'in_person', 'handling', '条例2019', 'natural',
     ${enc(NAME)}, 'id_card', ${enc('11010519491231002X')}, 'bidx', '2026年校舍维修资金安排情况', '云教体〔2026〕12号',
     '["paper","electronic"]'::jsonb, 'email', '2026-09-18', '2026-10-22',
     ${JSON.stringify({ withheld: [{ part: '合同附件中的银行账户', reason: '涉及商业秘密（第十五条）' }], where: '县政府门户网站“政府信息公开”栏目', agency: '云溪县自然资源局', contact: '0793-5120088' })}::jsonb)
    returning id`);
  caseId = Number(r.rows[0].id);
  await t.ctx.db.execute(sql`insert into request_events (case_id, type, occurred_on, data, actor_name) values
    (${caseId}, 'correction_sent', '2026-09-22', ${JSON.stringify({ items: '请写明所需信息的年度', deadline: '2026-10-09' })}::jsonb, '测试')`);
});
after(() => t.drop());

test('every generated kind and every reply variant is a readable .docx with the case data, basis, no "{" or "undefined"', async () => {
  for (const info of TEMPLATE_KEYS) {
    // Every notice kind is read back from the .docx itself; the many reply variants share one layout.
    const fromDocx = info.kind !== 'reply' || info.variant === '2' || info.variant === 'published';
    const d = await generate(info.kind, info.variant ?? undefined, undefined, fromDocx);
    const text = d.text;
    const where = info.key;
    assert.ok(!/[{}]|undefined|NaN/.test(text), `${where}: ${text}`);
    assert.ok(text.includes('2026-YXJTJ-00017'), where);
    assert.ok(text.includes('云溪县教育体育局（印章）') && text.includes('2026年9月25日'), where);
    if (info.kind === 'third_party_letter' || info.kind === 'inter_agency_letter') assert.ok(!text.includes(NAME), `${where} must not name the applicant`);
    else assert.ok(text.includes(NAME), where);
    if (info.kind !== 'correction_reply') assert.ok(text.includes('2026年校舍维修资金安排情况（文号：云教体〔2026〕12号）'), where);
    assert.match(text, /《中华人民共和国政府信息公开条例》第[一二三四五六七八九十]+条/, where);
    if (info.kind === 'reply') assert.ok(text.includes('云溪县人民政府申请行政复议'), where);
    // A real OOXML package: the parts Word and LibreOffice need.
    const names = readZipEntries(d.bytes)!.map((e) => e.name);
    for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', '_rels/.rels']) assert.ok(names.includes(part), part);
  }
  const kinds = await t.ctx.db.execute<{ kind: string }>(sql`select distinct kind from request_documents where case_id = ${caseId}`);
  assert.deepEqual(new Set(kinds.rows.map((r) => r.kind)), new Set(GENERATED_KINDS));
});

test('case data fills the notices: 补正 items and deadline from the event, 部分公开 withheld parts, 不属于本机关 agency', async () => {
  const c = await generate('correction_notice');
  assert.equal(c.name, '补正申请告知书-2026-YXJTJ-00017.docx');
  assert.ok(c.text.includes('请写明所需信息的年度') && c.text.includes('2026年10月9日前'));
  assert.ok(c.text.includes('2026年9月18日收到'));
  const p = await generate('reply', '2', { 提供内容: '《关于下达校舍维修资金的通知》1件' });
  assert.ok(p.text.includes('1. 合同附件中的银行账户：涉及商业秘密（第十五条）'));
  assert.ok(p.text.includes('《关于下达校舍维修资金的通知》1件'));
  assert.ok(p.text.includes('第三十七条'));
  const n = await generate('reply', 'not_ours');
  assert.ok(n.text.includes('云溪县自然资源局') && n.text.includes('0793-5120088'));
  const r = await generate('receipt');
  assert.ok(r.text.includes('2026年10月22日前作出答复'));
  // A value nobody gave is a blank to fill in by hand, not a placeholder.
  const e = await generate('extension_notice');
  assert.ok(e.text.includes('＿＿＿＿'));
});

test('the document row, timeline entry and audit row are written; the audit row has no personal data', async () => {
  const g = await generate('fee_notice', undefined, { 费用: '100', 缴费期限: '2026年10月30日' });
  const doc = await t.ctx.db.execute<{ kind: string; visible_to_applicant: boolean; template_id: number | null }>(sql`select kind, visible_to_applicant, template_id from request_documents where id = ${g.documentId}`);
  assert.deepEqual(doc.rows[0], { kind: 'fee_notice', visible_to_applicant: false, template_id: null });
  assert.ok(g.text.includes('应缴纳信息处理费100元') && g.text.includes('2026年10月30日前'));
  const ev = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_events where case_id = ${caseId} and type = 'document' and data->>'documentId' = ${String(g.documentId)}`);
  assert.equal(ev.rows[0].n, 1);
  const audit = await t.ctx.db.execute<{ summary: unknown }>(sql`select summary from audit_log where action = 'request.document.generate' and entity_id = ${String(caseId)} order by id desc limit 1`);
  const s = JSON.stringify(audit.rows[0].summary);
  assert.ok(s.includes(`"documentId":${g.documentId}`) && !s.includes(NAME));
  assert.ok((await verifyAudit(t.ctx.db)).ok);
});

test('a reply without a decided outcome is refused; unknown documents are not found', async () => {
  await assert.rejects(withTx(t.ctx.db, (tx) => generateDocument(tx, t.ctx, { caseId, kind: 'reply', actor })), /尚未确定答复类型/);
  await assert.rejects(withTx(t.ctx.db, (tx) => generateDocument(tx, t.ctx, { caseId, kind: 'supplement', actor })), /不是由模板生成/);
  await assert.rejects(withTx(t.ctx.db, (tx) => generateDocument(tx, t.ctx, { caseId: 999999, kind: 'receipt', actor })), /不存在/);
  assert.equal(await documentBytes(t.ctx, 999999), undefined);
  assert.equal(await documentBytes(t.ctx, -1), undefined);
});

test('template resolution: 本级 beats 默认 beats 内置; versions kept; restore falls back; unknown placeholder refused', async () => {
  assert.equal((await resolveTemplate(t.ctx.db, 'correction_notice', eduId)).source, 'builtin');
  const bad = await saveTemplate(t.ctx, actor, { key: 'correction_notice', orgId: null, title: '补正告知', body: '{申请人}：{未知项}' });
  assert.equal(bad.ok, false);
  const d1 = await saveTemplate(t.ctx, actor, { key: 'correction_notice', orgId: null, title: '补正告知书（默认）', body: '{申请人}：\n请补正：{补正内容}。' });
  assert.deepEqual(d1.ok && d1.version, 1);
  assert.equal((await resolveTemplate(t.ctx.db, 'correction_notice', eduId)).source, 'default');
  const o1 = await saveTemplate(t.ctx, actor, { key: 'correction_notice', orgId: eduId, title: '补正申请告知书', body: '{申请人}：\n本局请您补正：{补正内容}（依据第三十条）。' });
  const o2 = await saveTemplate(t.ctx, actor, { key: 'correction_notice', orgId: eduId, title: '补正申请告知书', body: '{申请人}：\n县教体局请您补正：{补正内容}（依据第三十条）。' });
  assert.ok(o1.ok && o2.ok && o2.version === 2);
  const same = await saveTemplate(t.ctx, actor, { key: 'correction_notice', orgId: eduId, title: '补正申请告知书', body: '{申请人}：\n县教体局请您补正：{补正内容}（依据第三十条）。\n' });
  assert.ok(same.ok && same.unchanged && same.version === 2, 'the same text adds no version');
  const r = await resolveTemplate(t.ctx.db, 'correction_notice', eduId);
  assert.equal(r.source, 'org');
  assert.equal(r.version, 2);
  const g = await generate('correction_notice');
  assert.ok(g.text.includes('县教体局请您补正：请写明所需信息的年度'));
  const row = await t.ctx.db.execute<{ template_id: number }>(sql`select template_id from request_documents where id = ${g.documentId}`);
  assert.equal(row.rows[0].template_id, o2.ok ? o2.id : -1);
  const versions = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_templates where kind = 'correction_notice'`);
  assert.equal(versions.rows[0].n, 3);
  assert.deepEqual(await restoreTemplate(t.ctx, actor, { key: 'correction_notice', orgId: eduId }), { deactivated: 1 });
  assert.equal((await resolveTemplate(t.ctx.db, 'correction_notice', eduId)).source, 'default');
  await restoreTemplate(t.ctx, actor, { key: 'correction_notice', orgId: null });
  assert.equal((await resolveTemplate(t.ctx.db, 'correction_notice', eduId)).source, 'builtin');
  const audits = await t.ctx.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'request_template' order by id`);
  assert.deepEqual(audits.rows.map((a) => a.action), ['request.template.save', 'request.template.save', 'request.template.save', 'request.template.restore', 'request.template.restore']);
});

test('quoted values lose their own closing punctuation (no “…。”。 in a letter)', async () => {
  const { quoted } = await import('./documents.ts');
  for (const [input, want] of [
    ['2025年校舍维修项目的合同。', '2025年校舍维修项目的合同'],
    ['  验收报告；  ', '验收报告'],
    ['第3.5条。。', '第3.5条'],
    ['有没有文件？', '有没有文件'],
    ['《通知》', '《通知》'],
  ] as const) assert.equal(quoted(input), want, input);
});
