import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FINDING_KINDS, luhnValid, maskBankCard, redact, scanText, SPAM_LEXICON, type FindingKind } from './scanner.ts';

/** The matches of one kind in `text`. */
function found(text: string, kind: FindingKind): string[] {
  return scanText(text, { kinds: [kind] }).map((f) => f.match);
}

type Row = [text: string, expected: string[]];
function table(kind: FindingKind, rows: Row[]): void {
  for (const [text, expected] of rows) assert.deepEqual(found(text, kind), expected, `${kind}: ${text}`);
}

test('id_number: 18-digit with GB 11643 check digit, 15-digit with a valid date', () => {
  table('id_number', [
    ['身份证号码11010519491231002X。', ['11010519491231002X']],
    ['身份证号码11010519491231002x', ['11010519491231002x']],
    ['号码：430626198503120016', ['430626198503120016']],
    ['号码：430626 19850312 0016', ['430626 19850312 0016']],
    ['全角：４３０６２６１９８５０３１２００１６', ['４３０６２６１９８５０３１２００１６']],
    ['旧号码430626850312001', ['430626850312001']],
    ['校验位错误：430626198503120017', []],
    ['日期无效：430626198502300016', []],
    ['15位日期无效：430626851332001', []],
    ['更长的数字串：4306261985031200161', []],
    ['字母相连：A430626198503120016', []],
  ]);
});

test('mobile: 1[3-9] + 9 digits, +86 / spaces / dashes; not inside longer digit runs', () => {
  table('mobile', [
    ['电话13812345678。', ['13812345678']],
    ['电话 +86 13812345678', ['+86 13812345678']],
    ['电话+86-138-1234-5678', ['+86-138-1234-5678']],
    ['电话138 1234 5678', ['138 1234 5678']],
    ['电话008613812345678', ['008613812345678']],
    ['电话１３８１２３４５６７８', ['１３８１２３４５６７８']],
    ['号段不对12812345678', []],
    ['更长：138123456789', []],
    ['更长：913812345678', []],
    ['订单AB13812345678', []],
    ['只有10位1381234567', []],
  ]);
});

test('landline: area code 0xx(x), local 7–8 digits, brackets, extensions', () => {
  table('landline', [
    ['电话：0731-84567890', ['0731-84567890']],
    ['电话：010-62345678转801', ['010-62345678转801']],
    ['分机：0731-84567890-801', ['0731-84567890-801']],
    ['电话：(0755)8888888', ['(0755)8888888']],
    ['电话：（0731）84567890', ['（0731）84567890']],
    ['电话：073184567890', ['073184567890']],
    ['电话：0731 84567890', ['0731 84567890']],
    ['索引号000014349/2018-01705', []],
    ['日期2018-11-05', []],
    ['热线12345', []],
    ['本地号84567890', []],
    ['更长：0731845678901234', []],
  ]);
});

test('bank_card: 16–19 digits passing Luhn, grouped or not; not ID numbers, not Luhn failures', () => {
  table('bank_card', [
    ['卡号6222021234567890128', ['6222021234567890128']],
    ['卡号6225880123456783', ['6225880123456783']],
    ['卡号6225 8801 2345 6783', ['6225 8801 2345 6783']],
    ['卡号6225-8801-2345-6783', ['6225-8801-2345-6783']],
    ['Luhn 不通过6225880123456784', []],
    ['身份证430626198503120219', []], // passes Luhn but is a valid ID number
    ['ID 校验位错误但 Luhn 通过：430626198503120011', ['430626198503120011']],
    ['15位622588012345678', []],
    ['20位62220212345678901280', []],
    ['全零0000000000000000', []],
    ['索引号：6225880123456783', []],
  ]);
  assert.ok(luhnValid('6225880123456783'));
  assert.ok(!luhnValid('6225880123456784'));
  assert.ok(!luhnValid('12a4'));
  assert.equal(maskBankCard('6225 8801 2345 6783'), '6225 **** **** 6783');
});

test('email', () => {
  table('email', [
    ['邮箱wangwu@example.com。', ['wangwu@example.com']],
    ['邮箱：zhang.san+gk@mail.yunxi.gov.cn', ['zhang.san+gk@mail.yunxi.gov.cn']],
    ['不是邮箱：user@localhost', []],
    ['不是邮箱：@example.com', []],
  ]);
});

test('uscc_person: 统一社会信用代码 of 个体工商户 (starts 92, valid check character)', () => {
  table('uscc_person', [
    ['个体户代码92430626MA4L12345N。', ['92430626MA4L12345N']],
    ['校验码错误92430626MA4L12345P', []],
    ['企业（91开头）91430626MA4L12345R', []],
    ['更长92430626MA4L12345NX', []],
  ]);
});

test('address: detailed addresses down to a house number', () => {
  table('address', [
    ['家住云溪县城关镇人民路12号3栋201室。', ['云溪县城关镇人民路12号3栋201室']],
    ['住址：湖南省长沙市岳麓区麓山南路2号', ['湖南省长沙市岳麓区麓山南路2号']],
    ['户籍地为云溪县东山乡红星村三组15号', ['云溪县东山乡红星村三组15号']],
    ['地址：城关镇幸福小区5栋2单元301室', ['城关镇幸福小区5栋2单元301室']],
    ['现住人民路12号', ['人民路12号']],
    ['只到道路：云溪县城关镇人民路', []],
    ['第12号文件', []],
    ['2024年12号台风', []],
  ]);
});

test('name_with_data: the name after a personal-data label', () => {
  table('name_with_data', [
    ['姓名：张三，性别：男', ['张三']],
    ['申请人：李四申请公开', ['李四申']],
    ['联系人 王五 电话', ['王五']],
    ['联系人王五，电话', ['王五']],
    ['法定代表人：欧阳修文。', ['欧阳修文']],
    ['姓名：张某，', []], // already de-identified
    ['联系人：县政府办公室', []],
    ['申请人签字：', []],
    ['联系人员名单', []],
  ]);
});

test('secrecy_mark: marks, not ordinary words (商业秘密, 保守国家秘密 are not findings)', () => {
  table('secrecy_mark', [
    ['秘密★1年', ['秘密★1年']],
    ['机密★10年\n正文', ['机密★10年']],
    ['绝密★长期', ['绝密★长期']],
    ['正文中的秘密★一年标志', ['秘密★一年']],
    ['内部资料\n注意保存', ['内部资料', '注意保存']],
    ['  机密\n关于……的通知', ['机密']],
    ['（绝密）', ['绝密']],
    ['标题 机密 正文', ['机密']],
    ['保守国家秘密', []],
    ['不泄露商业秘密、个人隐私', []],
    ['(四)工作秘密;', []],
    ['涉及秘密和重大敏感事项', []],
    ['密级分为绝密、机密、秘密三级', []],
    ['内部管理制度\n', []],
    ['政府部门内部过程性信息', []],
  ]);
});

test('spam: editable lexicon, matched in the search form', () => {
  table('spam', [
    ['加微信日赚千元', ['加微信', '日赚']],
    ['澳門賭場', ['澳門賭場']],
    ['网上博彩，代开发票', ['网上博彩', '代开发票']],
    ['加ＱＱ群', ['加ＱＱ']],
    ['打击网络谣言', []],
    ['掃碼瀏覽\nAV区无码字幕中文色,亚洲国产精品久久久久制服', ['AV区', '无码字幕', '亚洲国产精品']],
    ['推出更多国产精品力作，城东A片区改造', []],
    ['为无码人员提供代查服务', []],
  ]);
  assert.ok(SPAM_LEXICON.includes('裸聊'));
  assert.deepEqual(scanText('自定义词汇', { kinds: ['spam'], lexicon: ['定义词'] }).map((f) => f.match), ['定义词']);
});

test('a government notice paragraph with embedded personal data', () => {
  const text = [
    '关于云溪县城关镇2024年第二批临时救助对象的公示',
    '根据《社会救助暂行办法》和云政办发〔2024〕3号文件要求，经审核，现将救助对象公示如下：',
    '申请人：张三丰，身份证号码11010519491231002X，联系电话13812345678，家住云溪县城关镇人民路12号3栋201室，救助金发放至银行卡6225 8801 2345 6783。',
    '公示期间如有异议，请与县民政局联系，联系人 王五，电话0731-84567890转801，邮箱minzheng@yunxi.gov.cn。',
    '各单位要保守国家秘密，不得泄露商业秘密和个人隐私。',
  ].join('\n');
  const findings = scanText(text);
  const got = findings.map((f) => [f.kind, f.match]);
  assert.deepEqual(got, [
    ['name_with_data', '张三丰'],
    ['id_number', '11010519491231002X'],
    ['mobile', '13812345678'],
    ['address', '云溪县城关镇人民路12号3栋201室'],
    ['bank_card', '6225 8801 2345 6783'],
    ['name_with_data', '王五'],
    ['landline', '0731-84567890转801'],
    ['email', 'minzheng@yunxi.gov.cn'],
  ]);
  for (const f of findings) assert.equal(text.slice(f.start, f.end), f.match);
  const red = redact(text, findings);
  assert.ok(!red.includes('11010519491231002X') && red.includes('1101**********002X'));
  assert.ok(red.includes('138****5678') && red.includes('张**') && red.includes('6225 **** **** 6783'));
  assert.ok(!red.includes('人民路12号'));
  assert.ok(red.includes('各单位要保守国家秘密'));
  for (const k of Object.keys(FINDING_KINDS)) assert.equal(typeof FINDING_KINDS[k as FindingKind], 'string');
});

test('offsets are UTF-16 indices into the original string (astral characters before a finding)', () => {
  const text = '𠀀𠀀姓名：张三 13812345678';
  for (const f of scanText(text)) assert.equal(text.slice(f.start, f.end), f.match);
});

test('overlaps: an e-mail containing a mobile number is one e-mail finding', () => {
  const f = scanText('13812345678@qq.com');
  assert.deepEqual(f.map((x) => x.kind), ['email']);
});

test('redact: masks of the helpers, overlapping findings merged, bad offsets ignored', () => {
  const text = 'ab13812345678cd';
  assert.equal(redact(text, [{ start: 2, end: 13, masked: '138****5678' }]), 'ab138****5678cd');
  assert.equal(redact(text, [{ start: 2, end: 8, masked: 'x' }, { start: 6, end: 13, masked: 'y' }]), 'ab***********cd');
  assert.equal(redact(text, [{ start: -1, end: 3, masked: 'x' }, { start: 5, end: 99, masked: 'x' }, { start: 4, end: 4, masked: 'x' }]), text);
  assert.equal(redact('', []), '');
  assert.equal(redact(text, []), text);
});

test('junk and large input: no throw, bounded time', () => {
  assert.deepEqual(scanText(''), []);
  assert.deepEqual(scanText(undefined), []);
  const unit = '为进一步做好政务公开工作，现将有关事项通知如下。联系电话0731-84567890。2018-11-05 000014349/2018-01705 ';
  const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
  const t0 = performance.now();
  const f = scanText(big);
  assert.ok(performance.now() - t0 < 5000);
  assert.ok(f.length > 0 && f.length <= 5000);
  const digits = '1'.repeat(100_000);
  assert.deepEqual(scanText(digits), []);
});

test('normalizeFindingValue: the same value written differently is one value', async () => {
  const { normalizeFindingValue: n, formatLandline } = await import('./scanner.ts');
  assert.equal(n('mobile', '139 1234 5678'), '13912345678');
  assert.equal(n('mobile', '+86-139-1234-5678'), '13912345678');
  assert.equal(n('mobile', '１３９１２３４５６７８'), '13912345678');
  assert.equal(n('landline', '0793-5120030'), '07935120030');
  assert.equal(n('landline', '（0793）5120030'), '07935120030');
  assert.equal(n('landline', '0793 5120030 转 801'), '07935120030', 'an extension is the same office number');
  assert.equal(n('landline', '0793-5120030-801'), '07935120030');
  assert.equal(n('id_number', '11010519491231002x'), '11010519491231002X');
  assert.equal(n('email', 'Zhang.San@Example.COM'), 'zhang.san@example.com');
  assert.equal(n('name_with_data', '王 小明'), '王小明');
  assert.equal(formatLandline('07935120030'), '0793-5120030');
  assert.equal(formatLandline('01012345678'), '010-12345678');
  assert.equal(formatLandline('02087654321'), '020-87654321');
});

test('allowed values of a kind are not findings; other numbers still are', () => {
  const text = '咨询电话：0793-5120030（工作日），（0793）5120030 转 801；联系人手机 13912345678，另 0793-5120031。';
  const all = scanText(text).map((f) => `${f.kind}:${f.match}`);
  assert.ok(all.includes('landline:0793-5120030'));
  const kept = scanText(text, { allowed: { landline: ['07935120030'] } }).map((f) => `${f.kind}:${f.match}`);
  assert.deepEqual(kept.filter((k) => k.startsWith('landline')), ['landline:0793-5120031']);
  assert.ok(kept.includes('mobile:13912345678'), 'an allowed landline does not hide a mobile');
  // The allow-list is per kind: the digits as a mobile are still a finding.
  assert.ok(scanText('手机 13912345678', { allowed: { landline: ['13912345678'] } }).some((f) => f.kind === 'mobile'));
});
