// The tokens and queries on real PostgreSQL: every built tsquery is accepted, and recall is exact:
// every text containing a 2+ character query (after normalisation) is found.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { toTsvectorInput } from './tokens.ts';
import { buildTsQuery } from './query.ts';
import { toSearchForm } from './normalize.ts';

let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(async () => {
  await t?.drop();
});

const DOCS = [
  '关于进一步做好政务公开工作的通知',
  '為進一步做好政務公開工作，現將有關事項通知如下',
  '鄂前政办发〔2018〕96号 政府信息公开指南',
  '政务\n公开目录编制制度',
  '公开政务，务必公正',
  '县政府办公室2024年工作要点',
  '城关镇人民政府关于防汛工作的通告 ＡＢＣ１２３',
  '云溪县乡村振兴局政策解读：问答',
  '中华人民共和国政府信息公开条例',
  '在线访谈：如何申请政府信息公开',
];

test('tsvector input and tsquery are accepted by PostgreSQL; recall is exact for substrings', async () => {
  const db = t.database.db;
  await db.execute(sql`create temporary table tx_docs (id int primary key, body text, v tsvector)`);
  for (const [i, body] of DOCS.entries()) {
    const { a, b, c } = toTsvectorInput({ title: body.slice(0, 8), body });
    await db.execute(sql`insert into tx_docs values (${i}, ${body},
      setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${c}), 'C'))`);
  }
  // Every 2- to 4-character substring of every document is a query.
  const queries = new Set<string>(['政務公開', '政务 公开', 'abc', '2018', '96号', '〔2018〕']);
  for (const d of DOCS) {
    const chars = Array.from(d);
    for (let len = 2; len <= 4; len++) for (let i = 0; i + len <= chars.length; i++) queries.add(chars.slice(i, i + len).join(''));
  }
  for (const q of queries) {
    const built = buildTsQuery(q);
    if (!built) continue;
    const rows = await db.execute<{ id: number }>(sql`select id from tx_docs where v @@ to_tsquery('simple', ${built.tsquery}) order by id`);
    const found = new Set(rows.rows.map((r) => r.id));
    const nq = toSearchForm(q).replace(/\s+/g, '');
    DOCS.forEach((d, i) => {
      if (nq.length >= 2 && toSearchForm(d).replace(/\s+/g, '').includes(nq)) assert.ok(found.has(i), `"${q}" must find doc ${i}`);
    });
    // The cast form is valid too.
    await db.execute(sql`select ${built.tsquery}::tsquery`);
  }
});

test('junk queries never produce an invalid tsquery', async () => {
  const db = t.database.db;
  const junk = ["'&|!():*\\", "a'b", 'x'.repeat(5000), '政'.repeat(5000), '<-> <2> !!! ((', 'ＡＮＤ ＯＲ', '😀😀 政务', '\u0000政务'];
  for (let i = 0; i < 200; i++) junk.push(Array.from({ length: 30 }, (_, k) => String.fromCodePoint(33 + ((i * 31 + k * 17) % 0x3000))).join(''));
  for (const q of junk) {
    const built = buildTsQuery(q);
    if (!built) continue;
    await db.execute(sql`select to_tsquery('simple', ${built.tsquery})`);
  }
});
