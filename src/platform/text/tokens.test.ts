import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlight, MAX_LEXEMES, searchTokens, toTsvectorInput, type Snippet } from './tokens.ts';
import { buildTsQuery, MAX_QUERY_LEXEMES } from './query.ts';

const flat = (s: Snippet): string => s.segments.map((x) => (x.mark ? `[${x.text}]` : x.text)).join('');

test('searchTokens: bigrams, isolated characters, words; normalised and deduplicated', () => {
  const t = searchTokens('關於政務公開 政务公开 96号 ABC-123 中华人民共和国');
  for (const want of ['关于', '于政', '政务', '务公', '公开', '96', '号', 'abc', '123', '中华', '共和', '中华人民共和国']) {
    assert.ok(t.includes(want), want);
  }
  assert.equal(new Set(t).size, t.length);
  // Every lexeme is homogeneous: only Han, or only other letters/digits.
  for (const l of t) assert.match(l, /^(\p{Script=Han}+|[\p{L}\p{N}]+)$/u);
  assert.ok(!t.some((l) => /\p{Script=Han}/u.test(l) && /[a-z0-9]/.test(l)));
});

test('searchTokens: Han runs continue across line breaks (pdf/web text)', () => {
  assert.ok(searchTokens('政务公\n开').includes('公开'));
  assert.ok(searchTokens('政务 公开').includes('务公'));
});

test('searchTokens: caps for huge documents', () => {
  const huge = Array.from({ length: 300_000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('');
  const t0 = performance.now();
  const t = searchTokens(huge);
  assert.ok(t.length <= MAX_LEXEMES);
  assert.ok(performance.now() - t0 < 5000);
  assert.deepEqual(searchTokens(''), []);
  assert.deepEqual(searchTokens(42 as unknown as string), []);
});

test('toTsvectorInput: weights A (title, 文号, 索引号), B (keywords), C (body, attachments); no repeats', () => {
  const r = toTsvectorInput({
    title: '关于政务公开的通知',
    docNo: '鄂前政办发〔2018〕96号',
    indexNo: '000014349/2018-01705',
    keywords: '政务公开 舆情',
    body: '政务公开工作',
    attachments: ['附件一 舆情回应', null as unknown as string],
  });
  const a = r.a.split(' ');
  const b = r.b.split(' ');
  const c = r.c.split(' ');
  for (const w of ['政务', '公开', '鄂前', '2018', '96', '000014349', '01705']) assert.ok(a.includes(w), w);
  assert.ok(b.includes('舆情') && !b.includes('政务'));
  assert.ok(c.includes('工作') && c.includes('附件') && !c.includes('舆情') && !c.includes('公开'));
  assert.deepEqual(toTsvectorInput({}), { a: '', b: '', c: '', d: '' });
});

test('highlight: Traditional query marks Simplified text and the reverse, cut from the original', () => {
  const terms = buildTsQuery('政務公開')!.terms;
  const [s] = highlight('为进一步做好政务公开工作，现将有关事项通知如下。', terms);
  assert.equal(flat(s!), '为进一步做好[政务公开]工作，现将有关事项通知如下。');
  const [t] = highlight('為進一步做好政務公開工作', buildTsQuery('政务公开')!.terms);
  assert.equal(flat(t!), '為進一步做好[政務公開]工作');
  // Full-width text, half-width query.
  const [u] = highlight('型号ＡＢＣ１２３', buildTsQuery('abc123')!.terms);
  assert.equal(flat(u!), '型号[ＡＢＣ１２３]');
});

test('highlight: snippets, clipping, bigram fallback, no match, whole', () => {
  const text = '开头'.repeat(50) + '政务公开' + '中间'.repeat(100) + '公开透明' + '结尾'.repeat(50);
  const snippets = highlight(text, ['政务公开', '透明'], { radius: 10, maxSnippets: 3 });
  assert.equal(snippets.length, 2);
  assert.ok(snippets[0]!.clippedStart && snippets[0]!.clippedEnd);
  assert.ok(snippets.every((s) => s.segments.some((x) => x.mark)));
  // '务公开工' does not occur: its bigrams are marked instead.
  const [b] = highlight('政务公开，开工', ['务公开工'], {});
  assert.equal(flat(b!), '政[务公开]，[开工]');
  const [none] = highlight('没有匹配的文字', ['政务'], { radius: 2 });
  assert.equal(flat(none!), '没有匹配');
  assert.ok(none!.clippedEnd);
  const [whole] = highlight('关于政务公开的通知', ['政务'], { whole: true });
  assert.equal(flat(whole!), '关于[政务]公开的通知');
  assert.deepEqual(highlight('', ['x']), []);
  // Segments are plain text: markup in the document stays text for the view to escape.
  const [html] = highlight('<b>政务</b>', ['政务']);
  assert.deepEqual(html!.segments, [
    { text: '<b>', mark: false },
    { text: '政务', mark: true },
    { text: '</b>', mark: false },
  ]);
});

test('highlight: never splits a surrogate pair', () => {
  const text = '𠀀𠀀𠀀政务𠀀𠀀𠀀';
  for (let r = 0; r < 5; r++) {
    for (const s of highlight(text, ['政务'], { radius: r })) {
      for (const seg of s.segments) assert.ok(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(seg.text));
    }
  }
});

test('highlight: snippet edges never cut inside a word, a number, or a number and its unit', () => {
  const text = '根据有关规定，凡年满6周岁的儿童，于2021年9月1日前可以报名入学，具体事项见（2021）12号文件，咨询电话0791-12345678。';
  for (let radius = 1; radius <= 40; radius++) {
    for (const term of ['报名', '规定', '文件', '儿童']) {
      for (const s of highlight(text, [term], { radius })) {
        const shown = s.segments.map((x) => x.text).join('');
        const at = text.indexOf(shown);
        assert.ok(at >= 0, shown);
        const end = at + shown.length;
        for (const unit of ['6周岁', '2021年', '12号', '0791-12345678', '儿童', '规定', '入学']) {
          for (let u = text.indexOf(unit); u >= 0; u = text.indexOf(unit, u + 1)) {
            const ue = u + unit.length;
            assert.ok(!(at > u && at < ue), `radius ${radius}, ${term}: starts inside ${unit}: ${shown}`);
            assert.ok(!(end > u && end < ue), `radius ${radius}, ${term}: ends inside ${unit}: ${shown}`);
          }
        }
      }
    }
  }
});
