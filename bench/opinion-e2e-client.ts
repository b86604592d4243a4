// The sending side of `npm run bench -- opinion-e2e`, in its own worker thread (bench/opinion-e2e.ts
// starts it): generating the stream, JSON and fetch would otherwise run on the server's event loop,
// which real senders (other machines) never share. Posts back one summary message.
import { parentPort, workerData } from 'node:worker_threads';
import { pushBatches, type Post } from './opinion-gen.ts';

export interface ClientInput { url: string; token: string; n: number; size: number; concurrency: number; seed: number }
export interface ClientSummary {
  sent: number; seconds: number; latencies: number[]; errors: number; keys: number;
  statuses: { new: number; duplicate: number; refused: number; other: number };
  planted: number; copiesCaught: number; wronglyMerged: number; rssMiddle: number | null;
}
type Answer = { results: { id: string; status: string; duplicateOf?: number; itemId?: number }[] };
const mb = () => Math.round(process.memoryUsage().rss / 1048576);

export async function runClient(input: ClientInput): Promise<ClientSummary> {
  const headers = { authorization: `Bearer ${input.token}`, 'content-type': 'application/json', accept: 'application/json' };
  const keys = new Set<string>();
  const statuses = { new: 0, duplicate: 0, refused: 0, other: 0 };
  // A planted copy is caught when it and its original end up with the same original item, whichever
  // of the two arrived first (concurrent batches may store the copy before its original).
  const rootOf = new Map<number, number>();
  const itemPost = new Map<number, number>();
  const planted: Post[] = [];
  let errors = 0;
  let sent = 0;
  let rssMiddle: number | null = null;
  const latencies: number[] = [];
  const gen = pushBatches(input.n, input.size, { seed: input.seed });
  const startedAt = performance.now();
  const sender = async () => {
    for (;;) {
      const next = gen.next();
      if (next.done) return;
      const { body, posts } = next.value as { body: unknown; posts: Post[] };
      for (const p of posts) keys.add(`${p.source}\u0000${p.id}`);
      const t0 = performance.now();
      const r = await fetch(`${input.url}/api/v1/opinion/items`, { method: 'POST', headers, body: JSON.stringify(body) });
      latencies.push(performance.now() - t0);
      if (r.status !== 200) { errors++; console.error(`  批次失败：HTTP ${r.status} ${await r.text()}`); continue; }
      const a = await r.json() as Answer;
      a.results.forEach((x, k) => {
        const p = posts[k]!;
        if (x.status === 'new' || x.status === 'duplicate' || x.status === 'refused') statuses[x.status]++; else statuses.other++;
        if (x.itemId !== undefined) { rootOf.set(p.i, x.duplicateOf ?? x.itemId); itemPost.set(x.itemId, p.i); }
        if (p.dupOf >= 0) planted.push(p);
      });
      sent += posts.length;
      if (rssMiddle === null && sent >= input.n / 2) rssMiddle = mb();
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, sender));
  const seconds = (performance.now() - startedAt) / 1000;
  const byPost = new Map<number, Post>(planted.map((p) => [p.i, p]));
  const group = (i: number) => { const p = byPost.get(i); return p && p.dupOf >= 0 ? p.dupOf : i; };
  const copiesCaught = planted.filter((p) => rootOf.get(p.i) !== undefined && rootOf.get(p.i) === rootOf.get(p.dupOf)).length;
  // A duplicate answer whose original item belongs to another planted group merged two different posts.
  let wronglyMerged = 0;
  for (const [i, root] of rootOf) {
    const rootPost = itemPost.get(root);
    if (rootPost !== undefined && rootPost !== i && group(rootPost) !== group(i)) wronglyMerged++;
  }
  return { sent, seconds, latencies, errors, keys: keys.size, statuses, planted: planted.length, copiesCaught, wronglyMerged, rssMiddle };
}

if (parentPort && workerData?.kind === 'opinion-e2e-client') {
  const port = parentPort;
  runClient(workerData.input as ClientInput).then((s) => port.postMessage(s), (err) => port.postMessage({ error: String(err?.stack ?? err) }));
}
