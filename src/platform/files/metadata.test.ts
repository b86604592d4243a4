import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractMetadata, parseDate } from './metadata.ts';
import { extractText } from './extract.ts';
import { makeDocx } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const today = '2025-06-01';

// Worked out by reading each seed:
// 000: the metadata block's 标题 and 发布日期 (its 文号 field is empty; 国办发〔2013〕100号 is a citation).
// 001: 文号 and 《title》 at the top; the page's "时间:2019-07-31" is the reposting site's timestamp,
//      the document is dated 2014年3月17日 at the end of the body.
// 002: 名称 / 发文日期 / 文号 from the metadata block (the body has no title line).
// 003: no title anywhere (the text starts at the addressee) and no 文号 of its own; dated at the end.
// 004: Traditional characters with pinyin glosses; title line after the block, 生成日期, empty 文件編號.
const SEEDS: { file: string; title?: string; docNo?: string; date: string; bodyStarts: string; notInBody: string[] }[] = [
  { file: '000_', title: '大姚县人民政府办公室关于印发政务公开相关制度的通知', date: '2017-04-20', bodyStarts: '各乡镇人民政府,县级各部门:', notInBody: ['索 引 号', '首页 >>', '无障碍浏览'] },
  { file: '001_', title: '西安市人民政府办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的实施意见', docNo: '市政办发〔2014〕15号', date: '2014-03-17', bodyStarts: '各区、县人民政府,市人民政府各工作部门,各直属机构:', notInBody: ['浏览量', '微信公众号', '本文链接', '本文关键词', '扫描二维码', '公文相关附件'] },
  { file: '002_', title: '鄂托克前旗人民政府办公室关于印发政府信息公开有关制度的通知', docNo: '鄂前政办发〔2018〕96号', date: '2018-11-05', bodyStarts: '上海庙经济开发区管委会,各镇人民政府,旗直各有关部门:', notInBody: ['索 引 号', '发文日期'] },
  { file: '003_', date: '2013-12-25', bodyStarts: '各乡镇人民政府,工业园区管委会,县政府各部门:', notInBody: [] },
  { file: '004_', title: '南昌縣政務輿情回應制度', date: '2020-05-29', bodyStarts: '為進一步加強政務公開輿情回應工作', notInBody: ['掃碼瀏覽', '分享到', '索引號', 'AV', '(hào)', '(yīng)'] },
];

test('the five seed pages: title, 文号, date and a clean body', () => {
  const files = fs.readdirSync(seedsDir);
  for (const s of SEEDS) {
    const name = files.find((f) => f.startsWith(s.file));
    assert.ok(name, `seed ${s.file} missing in ${seedsDir}`);
    const m = extractMetadata(fs.readFileSync(path.join(seedsDir, name), 'utf8'), { today });
    assert.equal(m.title, s.title, `${name} title`);
    assert.equal(m.docNo, s.docNo, `${name} 文号`);
    assert.equal(m.date, s.date, `${name} date`);
    assert.ok(m.body.startsWith(s.bodyStarts), `${name} body starts: ${m.body.slice(0, 40)}`);
    for (const junk of s.notInBody) assert.ok(!m.body.includes(junk), `${name} body contains ${junk}`);
    assert.ok(m.body.length > 2000, `${name} body too short`);
  }
});

test('footer lines of a government page are cut from the body', () => {
  const page = ['首页 > 政府信息公开', '关于开展防汛检查的通知', '发布日期：2024-05-06', '各乡镇人民政府：',
    '现将有关事项通知如下。', '云溪县应急管理局', '2024年5月6日', '【打印本页】【关闭窗口】',
    '主办单位：云溪县人民政府办公室', '版权所有 云溪县人民政府', '网站标识码：1234567890 滇ICP备12345678号'].join('\n');
  const m = extractMetadata(page, { today });
  assert.equal(m.title, '关于开展防汛检查的通知');
  assert.equal(m.date, '2024-05-06');
  assert.equal(m.body, '各乡镇人民政府：\n现将有关事项通知如下。\n云溪县应急管理局\n2024年5月6日');
});

test('an official .docx: title, 文号 near the top, 〇-style 成文日期 near the end', async () => {
  const bytes = await makeDocx({
    header: '云溪县人民政府办公室文件', docNo: '云政办发[2024]7号',
    title: '云溪县人民政府办公室关于印发《云溪县政务公开工作要点》的通知',
    addressee: '各乡镇人民政府，县直各部门：',
    body: ['现将《云溪县政务公开工作要点》印发给你们，请认真贯彻执行（参照国办发〔2023〕12号）。', '一、总体要求'],
    signer: '云溪县人民政府办公室', date: '二〇二四年三月五日',
  });
  const r = await extractText(bytes, 'docx');
  assert.ok(r.ok);
  const m = extractMetadata(r.text, { today });
  assert.equal(m.title, '云溪县人民政府办公室关于印发《云溪县政务公开工作要点》的通知');
  assert.equal(m.docNo, '云政办发〔2024〕7号');
  assert.equal(m.date, '2024-03-05');
  assert.ok(m.body.startsWith('各乡镇人民政府，县直各部门：'));
});

test('a title broken over two lines is joined', () => {
  const m = extractMetadata('云溪县人民政府信息公开指南和\n政府信息公开目录编制制度\n\n根据有关规定，特制定本制度。\n二〇一九年十二月三十一日', { today });
  assert.equal(m.title, '云溪县人民政府信息公开指南和政府信息公开目录编制制度');
  assert.equal(m.date, '2019-12-31');
  assert.equal(m.docNo, undefined);
});

test('parseDate', () => {
  const cases: [string, string | undefined][] = [
    ['2017年04月20日', '2017-04-20'], ['2017年4月5日', '2017-04-05'], ['2020-05-29', '2020-05-29'],
    ['2018/11/5', '2018-11-05'], ['２０１８年１１月５日', '2018-11-05'], ['二〇一八年五月十日', '2018-05-10'],
    ['二○二○年十二月二十一日', '2020-12-21'], ['2019年2月30日', undefined], ['2026年1月1日', undefined],
    ['1900年1月1日', undefined], ['无日期', undefined],
  ];
  for (const [s, want] of cases) assert.equal(parseDate(s, today), want, s);
});

test('empty or junk text does not throw', () => {
  assert.deepEqual(extractMetadata('', { today }), { body: '' });
  const m = extractMetadata('\u0000\u0001 <<<>>> ：：：', { today });
  assert.equal(m.title, undefined);
});
