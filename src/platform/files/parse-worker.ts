// The parse sandbox's worker thread (started by sandbox.ts): inspects archives, then extracts.
// Whatever runs away in here (heap, time) ends with this thread, not with the server.
import { isMainThread, parentPort } from 'node:worker_threads';
import { inspectZip } from './zip.ts';
import type { ParseJob, WorkerReply } from './sandbox.ts';

async function run(job: ParseJob, loaded: () => void): Promise<WorkerReply> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const isZip = job.op === 'sheet' || job.op === 'redactDocx' || (job.op === 'extract' && (job.kind === 'docx' || job.kind === 'xlsx'));
  if (isZip) {
    const z = inspectZip(bytes, job.zipLimits);
    if (!z.ok) return { ok: false, zip: z.reason, inflatedBytes: z.inflatedBytes, ...(z.limit ? { limit: z.limit } : {}) };
  }
  // The parsers are loaded only now: a fresh worker refuses a bomb without compiling mammoth/exceljs.
  switch (job.op) {
    case 'extract': {
      const { extractText } = await import('./extract.ts');
      loaded();
      return { ok: true, value: await extractText(bytes, job.kind, job.options) };
    }
    case 'sheet': {
      const { readSheet } = await import('./sheet.ts');
      loaded();
      const rows = await readSheet(bytes, { maxRows: job.maxRows, maxCols: job.maxCols });
      return { ok: true, value: rows ? { ok: true, rows } : { ok: false, message: '' } };
    }
    case 'csv': {
      const [{ readCsv }, { decodeText }] = await Promise.all([import('../csv/index.ts'), import('./sniff.ts')]);
      loaded();
      return { ok: true, value: readCsv(decodeText(bytes, job.encoding)) };
    }
    case 'redactDocx': {
      const { redactDocx, docxTitle } = await import('./redact-docx.ts');
      loaded();
      const r = redactDocx(bytes, job.terms, job.zipLimits);
      return { ok: true, value: r.ok ? r : { ...r, title: docxTitle(bytes, job.terms, job.zipLimits) } };
    }
    case 'feed': {
      const { parseFeed } = await import('../feeds/parse.ts');
      loaded();
      return { ok: true, value: parseFeed(bytes, job.contentType, job.base) };
    }
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (msg: { id: number; job: ParseJob }) => {
    // The parse budget starts when the parser is loaded: loading is our own code, and on a busy
    // machine it alone can take seconds.
    run(msg.job, () => port.postMessage({ id: msg.id, loaded: true })).then(
      (reply) => port.postMessage({ id: msg.id, reply }),
      (e: unknown) => port.postMessage({ id: msg.id, reply: { ok: false, error: String((e as Error)?.message ?? e).slice(0, 500) } satisfies WorkerReply }),
    );
  });
  port.postMessage({ ready: true });
}
