// Search normalisation: the form in which text is indexed and queried, never stored or shown.
//   1. NFKC (full-width → half-width, ①→1, compatibility ideographs, Kangxi radicals ⼯→工);
//   2. CJK radicals (U+2E80–2EFF, U+2F00–2FDF) → their ideographs (pdf text has ⺠ for 民);
//   3. Traditional → Simplified by CHARACTER only (opencc's hk/tw variant tables + TSCharacters).
//      Context-free on purpose: a substring of a document then always normalises to a substring of
//      the normalised document (phrase tables like 'twp' rewrite vocabulary and break this);
//   4. lower case.
// Everything runs per code point through a lazily filled table, so the result is the same whether a
// string is normalised whole or in pieces, and `toSearchFormWithMap` can map offsets back to the
// original text for highlighting (NFKC can change lengths: ㈠ → "(一)").
import * as OpenCC from 'opencc-js';

// Pairs "radical, ideograph" (Unicode EquivalentUnifiedIdeograph for U+2E80–2FDF).
const RADICAL_PAIRS = '⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕彐⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼹彐⼺彡⼻彳⼼心⼽戈⼾戶⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾⾒見⾓角⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾻骨⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿔龜⿕龠';

let charMap: Map<number, string> | undefined;

/** Single code point → its Simplified character, built once from opencc's character tables. */
function buildCharMap(): Map<number, string> {
  const L = OpenCC.Locale;
  const convert = OpenCC.ConverterFactory(...L.from.hk, ...L.from.tw, ...L.to.cn);
  const chars = new Set<string>();
  const collect = (groups: readonly (readonly (string | readonly (readonly [string, string])[])[])[]) => {
    for (const g of groups) {
      for (const d of g) {
        const entries = typeof d === 'string' ? d.split('|').map((e) => e.split(' ')) : d;
        for (const e of entries) {
          const k = e[0];
          if (k && [...k].length === 1) chars.add(k);
        }
      }
    }
  };
  collect(L.from.hk);
  collect(L.from.tw);
  collect(L.to.cn);
  const map = new Map<number, string>();
  for (const c of chars) {
    let out = convert(c);
    // Follow chains (e.g. HK variant → standard Traditional → Simplified) to a fixpoint, so that
    // normalising twice gives the same result.
    for (let i = 0; i < 4 && [...out].length === 1; i++) {
      const next = convert(out);
      if (next === out) break;
      out = next;
    }
    if (out !== c && [...out].length === 1) map.set(c.codePointAt(0)!, out);
  }
  const radicals = [...RADICAL_PAIRS];
  for (let i = 0; i + 1 < radicals.length; i += 2) {
    const target = radicals[i + 1]!;
    map.set(radicals[i]!.codePointAt(0)!, map.get(target.codePointAt(0)!) ?? target);
  }
  return map;
}

/** The search form of one code point (after NFKC, each resulting code point is mapped again). */
function convertCodePoint(cp: number): string {
  const map = (charMap ??= buildCharMap());
  const nfkc = String.fromCodePoint(cp).normalize('NFKC');
  let out = '';
  for (const ch of nfkc) {
    const mapped = map.get(ch.codePointAt(0)!) ?? ch;
    out += mapped.toLowerCase();
  }
  return out;
}

// BMP cache: undefined = not computed yet, null = unchanged, string = replacement.
const bmpCache: (string | null | undefined)[] = new Array(0x10000);
const astralCache = new Map<number, string | null>();

function lookup(cp: number): string | null {
  if (cp < 0x10000) {
    let v = bmpCache[cp];
    if (v === undefined) {
      const out = convertCodePoint(cp);
      v = out === String.fromCharCode(cp) ? null : out;
      bmpCache[cp] = v;
    }
    return v;
  }
  let v = astralCache.get(cp);
  if (v === undefined) {
    const out = convertCodePoint(cp);
    v = out === String.fromCodePoint(cp) ? null : out;
    astralCache.set(cp, v);
  }
  return v;
}

/** True for code units that are certainly unchanged (ASCII except upper-case letters). */
function isPlainAscii(c: number): boolean {
  return c < 0x80 && !(c >= 0x41 && c <= 0x5a);
}

/**
 * Search form of `text` (see the file comment). Non-strings give ''.
 * Speed: one pass over the code units with a table lookup; ~1 MB in a few tens of milliseconds.
 */
export function toSearchForm(text: string): string {
  if (typeof text !== 'string' || text === '') return '';
  let parts: string[] | undefined;
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isPlainAscii(c)) continue;
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const rep = lookup(cp);
    if (rep !== null) {
      (parts ??= []).push(text.slice(last, i), rep);
      last = i + width;
    }
    i += width - 1;
  }
  if (!parts) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

export type MappedText = {
  /** Same as `toSearchForm(original)`. */
  text: string;
  /** For each UTF-16 unit of `text`: the offset of the original code point it came from. */
  origin: Uint32Array;
  original: string;
};

/** `toSearchForm` plus an offset map back to the original string (for highlighting and scanning). */
export function toSearchFormWithMap(original: string): MappedText {
  const src = typeof original === 'string' ? original : '';
  const out: string[] = [];
  let origin = new Uint32Array(Math.max(16, src.length + 16));
  let len = 0;
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const c = src.charCodeAt(i);
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = src.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const rep = isPlainAscii(c) ? null : lookup(cp);
    const piece = rep ?? (width === 2 ? src.slice(i, i + 2) : src[i]!);
    if (len + piece.length > origin.length) {
      const bigger = new Uint32Array(origin.length * 2 + piece.length);
      bigger.set(origin);
      origin = bigger;
    }
    for (let k = 0; k < piece.length; k++) origin[len++] = i;
    out.push(piece);
    i += width - 1;
  }
  return { text: out.join(''), origin: origin.subarray(0, len), original: src };
}

/**
 * Maps a half-open range [start, end) of `mapped.text` to the original string: the start of the
 * original code point of `start` up to the end of the original code point of `end - 1`.
 */
export function toOriginalRange(mapped: MappedText, start: number, end: number): { start: number; end: number } {
  const { origin, original } = mapped;
  if (origin.length === 0 || end <= start) {
    const p = start < origin.length ? origin[start]! : original.length;
    return { start: p, end: p };
  }
  const s = origin[Math.min(Math.max(start, 0), origin.length - 1)]!;
  const lastUnit = origin[Math.min(end - 1, origin.length - 1)]!;
  const c = original.charCodeAt(lastUnit);
  const w = c >= 0xd800 && c <= 0xdbff && lastUnit + 1 < original.length ? 2 : 1;
  return { start: s, end: lastUnit + w };
}

/** True for a Han (CJK ideograph) code point, incl. extensions, compatibility ideographs, 〇 and 々. */
export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    cp === 0x3007 ||
    cp === 0x3005
  );
}
