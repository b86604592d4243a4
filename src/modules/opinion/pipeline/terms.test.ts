import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TermTable } from './terms.ts';
import { itemSimhash } from './hash.ts';
import { normalise } from './normalise.ts';
import { contentTerms, defaultIdfTable, tokenise } from './tokens.ts';
import { extractKeywords, termWeights } from './keywords.ts';
import { DEFAULT_STOP_WORDS } from './lexicons.ts';
import * as S from './samples.fixtures.ts';

const stop = new Set(DEFAULT_STOP_WORDS.map((w) => normalise(w)));
const idf = defaultIdfTable();
const texts = [
  S.FLOOD_A, S.FLOOD_B, S.FLOOD_C, S.SCHOOL_A, S.SCHOOL_B, S.WAGE_A, S.FOOD_A, S.FLOOD_A_EDITED, S.FLOOD_A_REPOST,
  ...S.FLOOD_A_RELATED, '', '好', '暴雨暴雨暴雨，积水积水', 'iPhone 15 降价了 3000 元？', '2026年7月1日 12:30 的 的 的',
];

test('TermTable.analyse: the same terms, weights, SimHash and keywords as the stage functions', () => {
  const table = new TermTable(stop, idf);
  // Twice: the second pass reads every word from the table.
  for (let pass = 0; pass < 2; pass++) {
    for (const text of texts) {
      const tokens = tokenise(normalise(text));
      const terms = contentTerms(tokens, stop);
      const weights = termWeights(terms, idf);
      const { halves, features } = itemSimhash(weights);
      for (const top of [0, 3, 8]) {
        const a = table.analyse(tokens, top);
        assert.deepEqual(a.terms, terms, text);
        assert.deepEqual([...a.weights], [...weights], text);
        assert.deepEqual(a.halves, halves, text);
        assert.equal(a.features, features);
        assert.deepEqual(a.keywords, extractKeywords(weights, top), `${text} top ${top}`);
        // The grouping view: the same hash and keywords, the distinct terms toGroupItem keeps.
        const g = table.analyseForGroup(tokens, top);
        assert.deepEqual(g, { groupTerms: [...new Set(terms)].filter((t) => t.length >= 2), halves, features, keywords: a.keywords }, text);
      }
    }
  }
});

test('TermTable: a full table starts again and still gives the same answers', () => {
  const table = new TermTable(stop, idf, 64);
  for (let i = 0; i < 3; i++) {
    for (const text of texts) {
      const tokens = tokenise(normalise(text));
      if (tokens.length > 64) continue;
      const weights = termWeights(contentTerms(tokens, stop), idf);
      const a = table.analyse(tokens, 8);
      assert.deepEqual([...a.weights], [...weights]);
      assert.deepEqual(a.halves, itemSimhash(weights).halves);
    }
  }
});
