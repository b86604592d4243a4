// Privacy and secrecy scan of text about to be published (title, body, attachment text), and
// redaction of what it found. Findings carry offsets into the ORIGINAL string (UTF-16, end
// exclusive) so the review screen can show them in place and `redact` can mask them.
//
// Patterns run on a length-preserving "scan form" (full-width ASCII → ASCII, U+3000 → space), so
// offsets never shift. Check digits decide: a wrong 身份证 check digit, a Luhn-failing card number or a
// mobile number inside a longer digit run is not a finding.
//
// Secrecy marks (decided, see tests): `秘密★1年` style marks anywhere; 绝密/机密/秘密/内部/内部资料/
// 注意保存 … at the start of a line or standing alone (no Han character on either side, not in an
// enumeration like 绝密、机密、秘密). Inside a longer word (商业秘密, 保守国家秘密, 内部管理) it is
// ordinary language and NOT a finding.
import { validateChineseIdNumber, validateUscc } from '../validation/codes.ts';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from '../crypto/index.ts';
import { toOriginalRange, toSearchForm, toSearchFormWithMap } from './normalize.ts';

export const FINDING_KINDS = {
  id_number: '身份证号',
  mobile: '手机号码',
  landline: '固定电话',
  bank_card: '银行卡号',
  email: '电子邮箱',
  uscc_person: '个体工商户统一社会信用代码',
  address: '详细住址',
  name_with_data: '个人姓名',
  secrecy_mark: '密级标志',
  spam: '违规或垃圾信息',
} as const;
export type FindingKind = keyof typeof FINDING_KINDS;

export type Finding = {
  kind: FindingKind;
  /** UTF-16 offsets into the scanned string, end exclusive. */
  start: number;
  end: number;
  /** The text as written. */
  match: string;
  /** What the public version shows instead. */
  masked: string;
};

/**
 * Gambling, pornography and fraud phrases typical of spam pasted into a page. Editable data: matched
 * in the search form (Traditional and full-width variants match too).
 */
export const SPAM_LEXICON: readonly string[] = [
  '澳门赌场', '网上赌场', '网上博彩', '在线博彩', '博彩网', '赌博网站', '网络赌博', '在线赌博', '百家乐', '六合彩',
  '时时彩', '体育彩票代购', '代开发票', '代开增值税发票', '发票代开', '办证刻章', '办假证', '代办证件', '色情',
  '裸聊', '约炮', '一夜情', '援交', '成人视频', '黄色网站', '激情视频', '加微信', '加qq', '加v信', '日赚', '日入过万',
  '兼职刷单', '刷单返利', '网络刷单', '贷款秒批', '无抵押贷款', '信用卡套现', '套现', '迷药', '代孕', '假币',
  // Pornographic SEO spam injected into hacked pages (seed 004 ends with such a line).
  // (Not 国产精品 alone: "推出更多国产精品力作" is ordinary cultural-policy language; not A片: "A片区";
  // not 无码 alone: "无码人员" of the health-code years.)
  '无码字幕', '亚洲国产精品', '国产精品久久', '精品国产片', '一区二区三区', '久久精品', '精品久久', '久久久久久久', '制服诱惑',
  '成人影院', '成人电影', '毛片', '三级片', 'av区', 'av在线', 'av电影', '黄色视频', '黄色电影',
];

export type ScanOptions = {
  /** Only these kinds (default all). */
  kinds?: readonly FindingKind[];
  /** Replaces SPAM_LEXICON. */
  lexicon?: readonly string[];
  /** 'YYYY-MM-DD' or Date: ID numbers born after it are not valid. */
  today?: string | Date;
  /** Stop after this many findings (default 5,000). */
  maxFindings?: number;
  /**
   * Values not to report, per kind, in the form `normalizeFindingValue` gives (an organisation's
   * published office numbers): the contact point of a notice is not personal data.
   */
  allowed?: Partial<Record<FindingKind, readonly string[]>>;
};

// Overlaps are resolved in this order (earlier wins).
const PRIORITY: FindingKind[] = [
  'id_number', 'uscc_person', 'bank_card', 'email', 'mobile', 'landline', 'name_with_data', 'address', 'secrecy_mark', 'spam',
];

/** Full-width ASCII → ASCII and U+3000 → space: same length, so offsets are the original's. */
function scanForm(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

const HAN = /\p{Script=Han}/u;
const isHanAt = (s: string, i: number): boolean => i >= 0 && i < s.length && HAN.test(String.fromCodePoint(s.codePointAt(i)!));

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/** '6222 0212 3456 7890' → '6222 **** **** 7890': first and last 4 digits kept, separators kept. */
export function maskBankCard(card: string): string {
  const total = card.replace(/\D/g, '').length;
  let seen = 0;
  return card.replace(/\d/g, (d) => {
    seen++;
    return seen <= 4 || seen > total - 4 ? d : '*';
  });
}

/** '92420100MA4KXXXX1N' → first 8 (authority, type, region) and the check character kept. */
export function maskUsccPerson(code: string): string {
  return code.length <= 9 ? '*'.repeat(code.length) : code.slice(0, 8) + '*'.repeat(code.length - 9) + code.slice(-1);
}

const stars = (s: string): string => '*'.repeat(Array.from(s).length);

// --- patterns (on the scan form) -------------------------------------------------------------------

const ID_RE = /(?<![0-9A-Za-z])(\d{6} ?\d{8} ?\d{3}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const CARD_RE = /(?<![0-9A-Za-z])\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])/g;
const MOBILE_RE = /(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/g;
const LANDLINE_RE =
  /(?<![0-9A-Za-z])(?:[(（]0[1-9]\d{1,2}[)）] ?|0[1-9]\d{1,2}[ -]?)[2-9]\d{6,7}(?:(?: ?(?:转|分机|ext\.?|x) ?|-)\d{1,6})?(?![0-9A-Za-z])/gi;
const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
const USCC_RE = /(?<![0-9A-Za-z])92[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{16}(?![0-9A-Za-z])/g;
// Labels after which a personal name follows.
const NAME_LABEL_RE =
  /(姓\s*名|申请人|被申请人|联系人|当事人|举报人|投诉人|被投诉人|信访人|求助人|报案人|受害人|户主|收件人|委托人|代理人|法定代表人|经营者|承租人)[ \t]*([:：][ \t]*|[ \t]+)?([\p{Script=Han}·]{2,5})/gu;
// The most common Chinese surnames (first character), for labels written without a separator.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阎浦鱼';
const NOT_A_NAME = /(某|签字|签名|盖章|姓名|本人|单位|政府|办公室|局|委员会|中心|公司|部门|无|不详|填写|电话|地址|身份证|性别)/u;
// Address anchor: a road/village-level word followed by a number and a unit.
const NUM = '[0-9零〇一二三四五六七八九十百]+';
const ADDRESS_ANCHOR_RE = new RegExp(
  `(?:路|街|巷|弄|道|胡同|里|村|社区|小区|花园|家园|苑|大厦|公寓|新村|屯|组)(?:${NUM}(?:号院|号楼|号|组|栋|幢|弄))`,
  'gu',
);
const ADDRESS_TAIL_RE = new RegExp(
  `^(?:[-之]?${NUM}(?:号院|号楼|号|栋|幢|座|单元|楼|层|室|户|房))*(?:-${NUM}){0,3}(?:室|户)?`,
  'u',
);
const ADDRESS_LABELS = ['住址', '地址', '住所', '家住', '居住地', '现住', '户籍地', '户籍所在地', '位于', '住在', '居住在', '坐落于', '现居'];
const ADDRESS_LEADING = /^[为是在于住：:系]+/u;
const ADMIN_SUFFIX = /(省|自治区|市|州|盟|地区|区|县|旗|镇|乡|苏木|街道|村|社区|嘎查|屯|路|街|巷|道|小区|花园|苑|大厦|公寓|新村)/u;

const MARK_WORDS = '绝密|机密|秘密|内部资料|内部文件|内部刊物|内部发行|内部使用|内部|注意保存';
const STARRED_MARK_RE = /(绝密|机密|秘密)[ \t]*★[ \t]*(?:\d{1,2}[ \t]*年|[一二三四五六七八九十]{1,3}年|长期|[ \t]*)?/gu;
const LINE_MARK_RE = new RegExp(`(?<=^|\\n)[ \\t]*(${MARK_WORDS})(?=[ \\t]*(?:$|\\r?\\n|[★ \\t，,。；;（(]))`, 'gu');
const STANDALONE_MARK_RE = new RegExp(`(${MARK_WORDS})`, 'gu');

const NEGATIVE_CARD_CONTEXT = /(索引号|编号|代码|文号|订单号|流水号|单号|证号|批准号|登记号)\s*[:：]?\s*$/u;

/** Scans `text` for personal data, secrecy marks and spam. Offsets are UTF-16 into `text`. */
export function scanText(text: unknown, opts: ScanOptions = {}): Finding[] {
  if (typeof text !== 'string' || text === '') return [];
  const want = new Set<FindingKind>(opts.kinds ?? (Object.keys(FINDING_KINDS) as FindingKind[]));
  const max = opts.maxFindings ?? 5000;
  const s = scanForm(text);
  const found: Finding[] = [];
  const add = (kind: FindingKind, start: number, end: number, masked?: string) => {
    if (found.length >= max * 2) return;
    const match = text.slice(start, end);
    found.push({ kind, start, end, match, masked: masked ?? stars(match) });
  };
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      fn(m);
    }
  };

  const idSpans: [number, number][] = [];
  if (want.has('id_number') || want.has('bank_card')) {
    each(ID_RE, (m) => {
      if (validateChineseIdNumber(m[0], opts.today).ok) {
        idSpans.push([m.index, m.index + m[0].length]);
        if (want.has('id_number')) add('id_number', m.index, m.index + m[0].length, maskIdNumber(text.slice(m.index, m.index + m[0].length)));
      }
    });
  }
  if (want.has('uscc_person')) {
    each(USCC_RE, (m) => {
      if (validateUscc(m[0]).ok) add('uscc_person', m.index, m.index + m[0].length, maskUsccPerson(text.slice(m.index, m.index + m[0].length)));
    });
  }
  if (want.has('bank_card')) {
    each(CARD_RE, (m) => {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length < 16 || digits.length > 19 || !luhnValid(digits)) return;
      const start = m.index;
      const end = start + m[0].length;
      if (idSpans.some(([a, b]) => a < end && start < b)) return;
      if (validateUscc(digits).ok) return;
      if (/^(\d)\1+$/.test(digits)) return;
      if (NEGATIVE_CARD_CONTEXT.test(s.slice(Math.max(0, start - 12), start))) return;
      add('bank_card', start, end, maskBankCard(text.slice(start, end)));
    });
  }
  if (want.has('email')) each(EMAIL_RE, (m) => add('email', m.index, m.index + m[0].length, maskEmail(text.slice(m.index, m.index + m[0].length))));
  if (want.has('mobile')) each(MOBILE_RE, (m) => add('mobile', m.index, m.index + m[0].length, maskPhone(text.slice(m.index, m.index + m[0].length))));
  if (want.has('landline')) {
    each(LANDLINE_RE, (m) => {
      // '010-12345678' style needs a separator or brackets unless the run is a plausible full number.
      add('landline', m.index, m.index + m[0].length, maskPhone(text.slice(m.index, m.index + m[0].length)));
    });
  }
  if (want.has('name_with_data')) {
    each(NAME_LABEL_RE, (m) => {
      const sep = m[2];
      let name = m[3]!;
      const nameStart = m.index + m[0].length - name.length;
      const after = nameStart + name.length;
      const runContinues = isHanAt(s, after);
      if (!sep) {
        // Without a separator the name must be a short Han run on its own starting with a common
        // surname: '联系人王五，' but not '联系人员名单'.
        if (runContinues || name.length > 4 || !SURNAMES.includes(name[0]!)) return;
      } else if (runContinues || name.length > 4) {
        // '申请人：李四申请公开…': take a surname + given name.
        name = name.slice(0, 3);
      }
      if (NOT_A_NAME.test(name)) return;
      add('name_with_data', nameStart, nameStart + name.length, maskName(text.slice(nameStart, nameStart + name.length)));
    });
  }
  if (want.has('address')) scanAddresses(text, s, add);
  if (want.has('secrecy_mark')) scanSecrecy(text, s, add);
  if (want.has('spam')) scanSpam(text, opts.lexicon ?? SPAM_LEXICON, add);

  const kept = resolveOverlaps(found);
  const allowed = opts.allowed;
  const out = allowed ? kept.filter((f) => !allowed[f.kind]?.includes(normalizeFindingValue(f.kind, f.match))) : kept;
  return out.slice(0, max);
}

const LANDLINE_MAIN_RE = /^[(（]?(0[1-9]\d{1,2})[)）]? ?[ -]?([2-9]\d{6,7})/;

/**
 * The value of a finding in one canonical form, so that the same number or name written twice
 * (full-width digits, other separators, +86, an extension) is recognised as one: digits only for
 * numbers (a landline without its extension, a mobile without +86), upper case for codes, lower case
 * for e-mail, the search form without spaces for words.
 */
export function normalizeFindingValue(kind: FindingKind, match: string): string {
  const s = scanForm(String(match)).trim();
  switch (kind) {
    case 'mobile': {
      const d = s.replace(/\D/g, '');
      return d.length > 11 ? d.slice(-11) : d;
    }
    case 'landline': {
      const m = LANDLINE_MAIN_RE.exec(s);
      return m ? m[1]! + m[2]! : s.replace(/\D/g, '');
    }
    case 'bank_card':
      return s.replace(/\D/g, '');
    case 'id_number':
    case 'uscc_person':
      return s.replace(/\s/g, '').toUpperCase();
    case 'email':
      return s.toLowerCase();
    default:
      return toSearchForm(s).replace(/\s+/g, '');
  }
}

/** '07935120030' → '0793-5120030': 3-digit area codes are 010 and 02x, all others have 4 digits. */
export function formatLandline(digits: string): string {
  if (!/^0\d{9,11}$/.test(digits)) return digits;
  const areaLen = /^(010|02\d)/.test(digits) ? 3 : 4;
  return `${digits.slice(0, areaLen)}-${digits.slice(areaLen)}`;
}

function scanAddresses(text: string, s: string, add: (k: FindingKind, a: number, b: number, m?: string) => void): void {
  ADDRESS_ANCHOR_RE.lastIndex = 0;
  let lastEnd = 0;
  for (let m = ADDRESS_ANCHOR_RE.exec(s); m; m = ADDRESS_ANCHOR_RE.exec(s)) {
    const anchorStart = m.index;
    let end = m.index + m[0].length;
    const tail = ADDRESS_TAIL_RE.exec(s.slice(end, end + 40));
    if (tail) end += tail[0].length;
    // Walk back over the Han/digit run before the anchor (at most 30 characters).
    let start = anchorStart;
    while (start > lastEnd && anchorStart - start < 30) {
      const c = s.charCodeAt(start - 1);
      const ok = isHanAt(s, start - 1) || (c >= 0x30 && c <= 0x39);
      if (!ok) break;
      start--;
    }
    let prefix = s.slice(start, anchorStart + 1);
    for (const label of ADDRESS_LABELS) {
      const i = prefix.lastIndexOf(label);
      if (i >= 0) {
        start += i + label.length;
        prefix = prefix.slice(i + label.length);
      }
    }
    const lead = ADDRESS_LEADING.exec(prefix);
    if (lead) {
      start += lead[0].length;
      prefix = prefix.slice(lead[0].length);
    }
    // A road/village name needs at least one character before its suffix.
    if (anchorStart - start < 1 || !ADMIN_SUFFIX.test(prefix)) continue;
    add('address', start, end, maskAddress(text.slice(start, end)));
    lastEnd = end;
    ADDRESS_ANCHOR_RE.lastIndex = end;
  }
}

function scanSecrecy(text: string, s: string, add: (k: FindingKind, a: number, b: number, m?: string) => void): void {
  STARRED_MARK_RE.lastIndex = 0;
  for (let m = STARRED_MARK_RE.exec(s); m; m = STARRED_MARK_RE.exec(s)) {
    const end = m.index + m[0].replace(/[ \t]+$/u, '').length;
    add('secrecy_mark', m.index, end);
  }
  LINE_MARK_RE.lastIndex = 0;
  for (let m = LINE_MARK_RE.exec(s); m; m = LINE_MARK_RE.exec(s)) {
    const start = m.index + m[0].length - m[1]!.length;
    add('secrecy_mark', start, start + m[1]!.length);
  }
  STANDALONE_MARK_RE.lastIndex = 0;
  for (let m = STANDALONE_MARK_RE.exec(s); m; m = STANDALONE_MARK_RE.exec(s)) {
    const start = m.index;
    const end = start + m[0].length;
    if (isHanAt(s, start - 1) || isHanAt(s, end)) continue;
    const before = s.slice(Math.max(0, start - 2), start);
    const after = s.slice(end, end + 2);
    if (/、\s*$/u.test(before) || /^\s*、/u.test(after)) continue; // 绝密、机密、秘密 (an enumeration)
    if (/^[”"'’」』]/u.test(after) && /[“"'‘「『]$/u.test(before)) continue; // a quoted word
    add('secrecy_mark', start, end);
  }
  void text;
}

function scanSpam(text: string, lexicon: readonly string[], add: (k: FindingKind, a: number, b: number, m?: string) => void): void {
  const phrases = [...new Set(lexicon.map((w) => toSearchForm(String(w)).trim()).filter((w) => w.length >= 2))];
  if (phrases.length === 0) return;
  const mapped = toSearchFormWithMap(text);
  for (const p of phrases) {
    for (let at = mapped.text.indexOf(p); at >= 0; at = mapped.text.indexOf(p, at + p.length)) {
      const r = toOriginalRange(mapped, at, at + p.length);
      add('spam', r.start, r.end);
    }
  }
}

/** Drops findings contained in another one, then partial overlaps by PRIORITY. */
function resolveOverlaps(found: Finding[]): Finding[] {
  const rank = (k: FindingKind) => PRIORITY.indexOf(k);
  const sorted = [...found].sort((a, b) => rank(a.kind) - rank(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of sorted) {
    let drop = false;
    for (const k of kept) {
      if (k.start < f.end && f.start < k.end) {
        drop = true;
        break;
      }
    }
    if (!drop) kept.push(f);
  }
  // A longer lower-priority finding may fully contain a kept higher one (an e-mail containing a
  // mobile number is handled by PRIORITY; an address containing nothing else is fine).
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * `text` with each finding replaced by its mask; overlapping or touching findings are merged and
 * masked with '*' over their whole span. Invalid offsets are ignored.
 */
export function redact(text: string, findings: readonly Pick<Finding, 'start' | 'end' | 'masked'>[]): string {
  if (typeof text !== 'string' || text === '') return typeof text === 'string' ? text : '';
  const spans = findings
    .filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.end <= text.length && f.start < f.end)
    .map((f) => ({ start: f.start, end: f.end, masked: typeof f.masked === 'string' ? f.masked : null as string | null }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; masked: string | null }[] = [];
  for (const f of spans) {
    const prev = merged[merged.length - 1];
    if (prev && f.start < prev.end) {
      if (f.end > prev.end || f.start !== prev.start || f.end !== prev.end) {
        prev.end = Math.max(prev.end, f.end);
        prev.masked = null;
      }
    } else merged.push({ ...f });
  }
  let out = '';
  let pos = 0;
  for (const f of merged) {
    out += text.slice(pos, f.start) + (f.masked ?? stars(text.slice(f.start, f.end)));
    pos = f.end;
  }
  return out + text.slice(pos);
}
