// `gongkai catalog import` end to end: a real process against a test database with the demo county.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { repoRoot, runCli, type CliRun } from '../../../../test/support/cli.ts';
import { seedDemo } from '../../demo/seed.ts';
import { formFromDocument } from './importFiles.ts';

const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const seeds = fs.existsSync(seedsDir) ? fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f)) : [];
let t: TestDb;
let tmp: string;

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-import-'));
});
after(async () => {
  await t.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[]): Promise<CliRun> {
  // Extracting the seeds' text takes a while on a loaded machine.
  return runCli(args, { databaseUrl: t.url, dataDir: path.join(tmp, 'data'), timeoutMs: 120_000 });
}

const TITLES = [
  '大姚县人民政府办公室关于印发政务公开相关制度的通知',
  '西安市人民政府办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的实施意见',
  '鄂托克前旗人民政府办公室关于印发政府信息公开有关制度的通知',
  '003_77ea35406e215f96', // no title anywhere in the page: the file name stands in
  '南昌縣政務輿情回應制度',
];

test('formFromDocument: defaults for what the page lacks', () => {
  const { form: f, titleFound, dateFound } = formFromDocument('各单位：\n请做好防汛工作。', '/x/防汛通知.txt', '2024-06-14');
  assert.equal(titleFound, false);
  assert.equal(dateFound, false);
  assert.equal(f.title, '防汛通知');
  assert.equal(f.generatedOn, '2024-06-14');
  assert.equal(f.category, 'gzxx');
  assert.ok(f.keywords);
});

test('the five seed pages import as drafts with the right titles (one line per file, 索引号 first)', { skip: seeds.length !== 5 && 'seeds not present' }, async () => {
  const r = await cli(['catalog', 'import', ...seeds]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 5);
  for (const [i, l] of lines.entries()) {
    const [indexNo, file] = l.split('\t');
    assert.equal(file, seeds[i]);
    const row = (await t.ctx.db.execute<{ title: string; status: string; n: number }>(sql`select title, status,
      (select count(*)::int from catalog_attachments a where a.record_id = r.id) as n from catalog_records r where index_no = ${indexNo}`)).rows[0];
    assert.ok(row, `record ${indexNo}`);
    assert.equal(row.title, TITLES[i]);
    assert.equal(row.status, 'draft');
    assert.equal(row.n, 1, 'the file is attached');
  }
  const dn = await t.ctx.db.execute<{ doc_no: string }>(sql`select doc_no from catalog_records where title = ${TITLES[2]}`);
  assert.equal(dn.rows[0].doc_no, '鄂前政办发〔2018〕96号');
  // Run again: nothing is imported twice; each line names the record made the first time.
  const again = await cli(['catalog', 'import', ...seeds]);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  const relines = again.stdout.trim().split('\n');
  assert.deepEqual(relines.map((l) => l.split('\t')[0]), lines.map((l) => l.split('\t')[0]));
  assert.ok(relines.every((l) => l.endsWith('此前已导入，未重复导入')), again.stdout);
  const n = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from catalog_records where title = ${TITLES[2]}`);
  assert.equal(n.rows[0].n, 1);
});

test('--publish: clean files are published with the migration review; a file with personal data is held; a bad file fails the run', async () => {
  const clean = path.join(tmp, 'notice.txt');
  fs.writeFileSync(clean, '云溪县教育体育局关于暑期安全教育的通知\n\n各学校：\n请做好暑期学生安全教育工作。\n\n2024年6月3日\n');
  const personal = path.join(tmp, 'personal.html');
  fs.writeFileSync(personal, '<html><head><title>关于张某某困难救助的公示</title></head><body><h1>关于困难救助的公示</h1><p>申请人：王大明，联系电话：13912345678。</p></body></html>');
  const fake = path.join(tmp, 'fake.pdf');
  fs.writeFileSync(fake, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
  const r = await cli(['catalog', 'import', '--publish', clean, personal, fake, path.join(tmp, 'missing.docx')]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 4, r.stdout);
  const [indexNo, f0] = lines[0].split('\t');
  assert.equal(f0, clean);
  const rec = (await t.ctx.db.execute<{ id: number; status: string; review_instance_id: number }>(sql`select id, status, review_instance_id from catalog_records where index_no = ${indexNo}`)).rows[0];
  assert.equal(rec.status, 'published');
  const acts = await t.ctx.db.execute<{ opinion: string; conclusion: string }>(sql`select opinion, conclusion from review_actions where instance_id = ${rec.review_instance_id} order by id`);
  assert.deepEqual(acts.rows.map((a) => a.conclusion), ['submit', 'pass', 'pass', 'pass']);
  assert.ok(acts.rows.every((a) => a.opinion === '历史数据迁移'));
  assert.match(lines[1], /^未发布\t.*personal\.html\t.*手机号码 139\S*5678/);
  assert.doesNotMatch(r.stdout, /13912345678/, 'findings are printed masked');
  assert.match(lines[2], /^未发布\t.*fake\.pdf\t导入失败：文件类型不符/);
  assert.match(lines[3], /^未发布\t.*missing\.docx\t导入失败：文件不存在/);
  const held = await t.ctx.db.execute<{ status: string }>(sql`select status from catalog_records where title like '%困难救助%'`);
  assert.equal(held.rows[0].status, 'draft');
});

test('--publish holds seed 004: the obscene SEO spam at the end of the page is a finding', { skip: seeds.length !== 5 && 'seeds not present' }, async () => {
  const r = await cli(['catalog', 'import', '--publish', seeds[4]]);
  assert.match(r.stdout, /^未发布\t.*004_[^\t]*\t.*违规或垃圾信息/, r.stdout + r.stderr);
  const row = (await t.ctx.db.execute<{ status: string }>(sql`select status from catalog_records where title = ${TITLES[4]} order by id desc limit 1`)).rows[0];
  assert.equal(row.status, 'draft');
});

test('--publish: a migrated record keeps its old publication date; a page without a title waits for a person', { skip: seeds.length !== 5 && 'seeds not present' }, async () => {
  const r = await cli(['catalog', 'import', '--publish', seeds[2], seeds[3]]);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout + r.stderr);
  const [indexNo] = lines[0].split('\t');
  const row = (await t.ctx.db.execute<{ status: string; generated_on: string; published_on: string }>(sql`select status, generated_on::text,
    (published_at at time zone 'Asia/Shanghai')::date::text as published_on from catalog_records where index_no = ${indexNo}`)).rows[0];
  assert.equal(row.status, 'published', r.stdout);
  assert.match(row.generated_on, /^2018-/);
  assert.equal(row.published_on, row.generated_on);
  assert.match(lines[1], /^未发布\t.*003_[^\t]*\t.*未能从文件中提取信息名称/, r.stdout);
  const untitled = (await t.ctx.db.execute<{ status: string }>(sql`select status from catalog_records where title = ${TITLES[3]} order by id desc limit 1`)).rows[0];
  assert.equal(untitled.status, 'draft');
});

test('a re-run with --publish never publishes a draft someone has edited (or one not made by an import)', async () => {
  const file = path.join(tmp, 'edited.txt');
  fs.writeFileSync(file, '云溪县水利局关于做好汛期巡查工作的通知\n\n各乡镇：\n请做好汛期巡查工作。\n\n2024年6月5日\n');
  const first = await cli(['catalog', 'import', file]);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  const [indexNo] = first.stdout.trim().split('\t');
  await t.ctx.db.execute(sql`update catalog_records set title = '人工修改的标题', disclosure = 'withheld', version = version + 1 where index_no = ${indexNo}`);
  const again = await cli(['catalog', 'import', '--publish', file]);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, new RegExp(`^${indexNo}\\t.*此前已导入，未重复导入`));
  const row = (await t.ctx.db.execute<{ status: string; title: string }>(sql`select status, title from catalog_records where index_no = ${indexNo}`)).rows[0];
  assert.deepEqual(row, { status: 'draft', title: '人工修改的标题' });
});

test('--org with an unknown code is refused with a Chinese message', async () => {
  const r = await cli(['catalog', 'import', '--org', 'NOPE', seeds[0] ?? 'x.txt']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /未找到统一社会信用代码/);
});
