// Parse sandbox under hostile files: time to refuse, RSS peak of the process, and the longest
// event-loop stall meanwhile. `node bin/run-ts.js bench/parse-sandbox.ts` (no database needed).
import { declareSmall, docxBomb, docxLarge, xlsxHuge } from '../src/platform/files/bombs.ts';
import { extractUpload, readSheetUpload } from '../src/platform/files/sandbox.ts';

const mb = (n: number) => (n / 1048576).toFixed(1);
const bomb = await docxBomb(190);
const cases: [string, Buffer, 'docx' | 'sheet'][] = [
  ['docx, document.xml 190 MiB', bomb, 'docx'],
  ['same, central directory says 1,000 B', declareSmall(bomb), 'docx'],
  ['xlsx, worksheet 60 MiB (~6M cells)', await xlsxHuge(60), 'sheet'],
  ['docx, 24 MiB of varied text (real parse)', await docxLarge(24), 'docx'],
];
for (const [label, bytes, op] of cases) {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  let stall = 0;
  let last = performance.now();
  const iv = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last - 20); last = now; peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const t0 = performance.now();
  const r = op === 'docx' ? await extractUpload(bytes, 'docx') : await readSheetUpload(bytes, { maxRows: 5002 });
  const ms = performance.now() - t0;
  clearInterval(iv);
  const outcome = r.ok ? 'parsed' : ('code' in r ? r.code : 'failed');
  console.log(`${label}: ${mb(bytes.length)} MB file → ${outcome} in ${Math.round(ms)} ms; RSS ${mb(rss0)} → peak ${mb(peak)} MB; longest event-loop stall ${Math.round(stall)} ms`);
}
