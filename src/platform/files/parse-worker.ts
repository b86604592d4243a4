// The parse sandbox's worker thread (started by sandbox.ts): inspects archives, then extracts.
// Whatever runs away in here (heap, time) ends with this thread, not with the server.
import { isMainThread, parentPort } from 'node:worker_threads';
import { inspectZip } from './zip.ts';
import type { ParseJob, WorkerReply } from './sandbox.ts';

async function run(job: ParseJob): Promise<WorkerReply> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const isZip = job.op === 'sheet' || (job.op === 'extract' && (job.kind === 'docx' || job.kind === 'xlsx'));
  if (isZip) {
    const z = inspectZip(bytes, job.zipLimits);
    if (!z.ok) return { ok: false, zip: z.reason, inflatedBytes: z.inflatedBytes, ...(z.limit ? { limit: z.limit } : {}) };
  }
  // The parsers are loaded only now: a fresh worker refuses a bomb without compiling mammoth/exceljs.
  switch (job.op) {
    case 'extract': {
      const { extractText } = await import('./extract.ts');
      return { ok: true, value: await extractText(bytes, job.kind, job.options) };
    }
    case 'sheet': {
      const { readSheet } = await import('./sheet.ts');
      const rows = await readSheet(bytes, { maxRows: job.maxRows, maxCols: job.maxCols });
      return { ok: true, value: rows ? { ok: true, rows } : { ok: false, message: '' } };
    }
    case 'csv': {
      const [{ readCsv }, { decodeText }] = await Promise.all([import('../csv/index.ts'), import('./sniff.ts')]);
      return { ok: true, value: readCsv(decodeText(bytes, job.encoding)) };
    }
    case 'feed': {
      const { parseFeed } = await import('../feeds/parse.ts');
      return { ok: true, value: parseFeed(bytes, job.contentType, job.base) };
    }
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (msg: { id: number; job: ParseJob }) => {
    run(msg.job).then(
      (reply) => port.postMessage({ id: msg.id, reply }),
      (e: unknown) => port.postMessage({ id: msg.id, reply: { ok: false, error: String((e as Error)?.message ?? e).slice(0, 500) } satisfies WorkerReply }),
    );
  });
  port.postMessage({ ready: true });
}
