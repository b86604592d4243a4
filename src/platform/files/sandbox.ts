// The parse sandbox: every uploaded or imported file is parsed (docx, xlsx, pdf, html, text, csv)
// in a worker thread with a heap limit and a hard timeout, at most MAX_PARALLEL at a time. An
// archive is first inflated and counted (inspectZip) so a zip bomb is refused within a second; a
// parse that still runs away is terminated with its thread, and the server keeps serving.
import { Worker } from 'node:worker_threads';
import type { Extracted, ExtractOptions } from './extract.ts';
import type { Kind, TextEncoding } from './sniff.ts';
import { ZIP_LIMITS, type ZipCheck, type ZipLimits } from './zip.ts';
import type { CsvRead } from '../csv/index.ts';
import type { FeedParse } from '../feeds/parse.ts';
import type { DocxRedaction, RedactTerm } from './redact-docx.ts';

export type ParseJob =
  | { op: 'extract'; bytes: Uint8Array; kind: Kind; options?: ExtractOptions; zipLimits?: ZipLimits }
  | { op: 'sheet'; bytes: Uint8Array; maxRows: number; maxCols?: number; zipLimits?: ZipLimits }
  | { op: 'csv'; bytes: Uint8Array; encoding?: TextEncoding }
  | { op: 'feed'; bytes: Uint8Array; contentType?: string | null; base?: string }
  | { op: 'redactDocx'; bytes: Uint8Array; terms: RedactTerm[]; zipLimits?: ZipLimits };

/**
 * The public version of a .docx made in the sandbox: the redactor's answer, and on a refusal the
 * document's title with the terms masked (for the text version offered instead).
 */
export type DocxPublic = DocxRedaction | (Exclude<DocxRedaction, { ok: true }> & { title: string | null });

type Value = Extracted | CsvRead | FeedParse | DocxPublic;
/** What the worker answers (internal). */
export type WorkerReply =
  | { ok: true; value: Value }
  | { ok: false; zip: Exclude<ZipCheck, { ok: true }>['reason']; inflatedBytes: number; limit?: number }
  | { ok: false; error: string };

/** Why the sandbox refused a file; callers answer 413 for the size codes, 503 for busy, else 422. */
export type RefusalCode = 'file.inflated_too_large' | 'file.memory' | 'file.timeout' | 'file.busy' | 'file.corrupt';
export type Refusal = { ok: false; code: RefusalCode; message: string };

export const SANDBOX = {
  /** Parses at once (the server has 2 cores; each parse may take a few hundred MB). */
  maxParallel: 2,
  /** Parses waiting for a slot before "busy" is answered. */
  maxQueued: 16,
  /** Hard limit per parse: the extractors' own 20 s budget (PDF pages stop there) plus a margin. */
  timeoutMs: 22_000,
  /** Extra time for a worker to start and load its parser before the parse's own budget begins. */
  loadTimeoutMs: 60_000,
  /** V8 old-generation heap of one worker (MB). */
  heapMb: 320,
  /** A worker is replaced after this many parses, so nothing accumulates. */
  jobsPerWorker: 50,
};

const MiB = 1024 * 1024;
export function refusalMessage(code: RefusalCode, zip?: Exclude<ZipCheck, { ok: true }>['reason'], limit?: number): string {
  switch (code) {
    case 'file.inflated_too_large':
      if (zip === 'entries') return `文件包含的部件超过 ${limit ?? ZIP_LIMITS.maxEntries} 个的上限，系统已停止解析。请检查文件后重新上传。`;
      if (zip === 'ratio') return '文件的压缩比异常（疑似“压缩炸弹”），系统已停止解析。请检查文件后重新上传。';
      if (zip === 'entry') return `文件中的单个部件解压后超过 ${(limit ?? ZIP_LIMITS.maxEntryBytes) / MiB} MB 的上限，系统已停止解析。请拆分或压缩后重新上传。`;
      return `文件内容解压后超过 ${(limit ?? ZIP_LIMITS.maxTotalBytes) / MiB} MB 的上限，系统已停止解析。请拆分或压缩后重新上传。`;
    case 'file.memory': return '文件内容过于庞大，解析所需内存超过上限，系统已停止解析。请拆分或压缩后重新上传。';
    case 'file.timeout': return '文件处理超时：文件过大或结构过于复杂，请拆分或另存后再上传。';
    case 'file.busy': return '系统正在处理较多上传的文件，请稍后再试。';
    case 'file.corrupt': return '文件已损坏或格式无法识别，无法读取文件内容。';
  }
}

// Workers do not inherit tsx's loader when the server was started through its API: register it,
// then load the TypeScript worker (registering twice under `node --import tsx` is harmless).
const WORKER_URL = new URL('./parse-worker.ts', import.meta.url).href;
const BOOT = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); })`;

interface Slot { worker: Worker; jobs: number }
const idle: Slot[] = [];
const waiting: (() => void)[] = [];
let running = 0;
let nextId = 1;

function spawn(): Slot {
  const worker = new Worker(BOOT, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: SANDBOX.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  });
  // Errors are handled per parse in runOn; one that arrives after it (OOM while terminating) must not
  // become an uncaught exception of the server.
  worker.on('error', () => {});
  const slot = { worker, jobs: 0 };
  // An idle worker that dies is forgotten, so no parse waits on a dead thread.
  worker.once('exit', () => { const i = idle.indexOf(slot); if (i >= 0) idle.splice(i, 1); });
  return slot;
}

async function acquire(): Promise<boolean> {
  if (running < SANDBOX.maxParallel) { running++; return true; }
  if (waiting.length >= SANDBOX.maxQueued) return false;
  await new Promise<void>((resolve) => waiting.push(resolve));
  return true; // the slot is handed over by release()
}

function release(): void {
  const next = waiting.shift();
  if (next) next(); else running--;
}

type Outcome = { kind: 'reply'; reply: WorkerReply } | { kind: 'memory' } | { kind: 'timeout' } | { kind: 'crash'; error: string };

function runOn(slot: Slot, job: ParseJob, timeoutMs: number): Promise<Outcome> {
  const { worker } = slot;
  const id = nextId++;
  return new Promise<Outcome>((resolve) => {
    const done = (o: Outcome) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(o);
    };
    const onMessage = (m: { id?: number; reply?: WorkerReply; loaded?: boolean }) => {
      if (m.id !== id) return;
      if (m.reply) done({ kind: 'reply', reply: m.reply });
      else if (m.loaded) { clearTimeout(timer); timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs); }
    };
    const onError = (e: Error & { code?: string }) => done(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'memory' } : { kind: 'crash', error: e.message });
    const onExit = (code: number) => done({ kind: 'crash', error: `worker exited with ${code}` });
    // Until the worker has booted and loaded its parser (zip inspection included, bounded by its byte
    // limits) the wait is longer; the parse itself then gets timeoutMs (see parse-worker.ts).
    let timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs + SANDBOX.loadTimeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    // A private copy, transferred: the caller's Buffer may share its memory with others.
    const bytes = new Uint8Array(job.bytes);
    worker.postMessage({ id, job: { ...job, bytes } }, [bytes.buffer]);
  });
}

/** Runs one parse in the sandbox; never throws. */
export async function runParse(job: ParseJob, opts: { timeoutMs?: number } = {}): Promise<{ ok: true; value: Value } | Refusal> {
  const refuse = (code: RefusalCode, zip?: Exclude<ZipCheck, { ok: true }>['reason'], limit?: number): Refusal =>
    ({ ok: false, code, message: refusalMessage(code, zip, limit) });
  if (!(await acquire())) return refuse('file.busy');
  let slot: Slot | undefined;
  try {
    slot = idle.pop() ?? spawn();
    const out = await runOn(slot, job, opts.timeoutMs ?? SANDBOX.timeoutMs);
    slot.jobs++;
    if (out.kind === 'reply' && slot.jobs < SANDBOX.jobsPerWorker) {
      slot.worker.unref(); // an idle worker does not keep the process alive
      idle.push(slot);
      slot = undefined;
    }
    if (out.kind === 'memory') return refuse('file.memory');
    if (out.kind === 'timeout') return refuse('file.timeout');
    if (out.kind === 'crash') return refuse('file.corrupt');
    const r = out.reply;
    if (r.ok) return { ok: true, value: r.value };
    if ('zip' in r) return refuse(r.zip === 'corrupt' ? 'file.corrupt' : 'file.inflated_too_large', r.zip, r.limit);
    return refuse('file.corrupt');
  } finally {
    // A worker that failed, ran out of time or memory, or did its share is ended, never reused.
    if (slot) void slot.worker.terminate().catch(() => {});
    release();
  }
}

/** Ends the idle workers (shutdown; tests that change SANDBOX). Running parses finish first. */
export async function closeSandbox(): Promise<void> {
  await Promise.all(idle.splice(0).map((s) => s.worker.terminate().catch(() => 0)));
}

/** Text (and HTML for Word files) of an uploaded file, parsed in the sandbox. */
export async function extractUpload(bytes: Buffer, kind: Kind, options: ExtractOptions = {}): Promise<Extracted | Refusal> {
  const r = await runParse({ op: 'extract', bytes, kind, options }, { timeoutMs: options.timeoutMs ? options.timeoutMs + 2000 : undefined });
  if (!r.ok) return r;
  return r.value as Extracted;
}

/**
 * `terms` masked throughout a .docx (redact-docx.ts), in the sandbox: the same zip check, heap limit
 * and hard timeout as an upload's parse, so a hostile file given to publication ends with its
 * worker thread. A Refusal (`code`) is the sandbox's; `{ ok: false, reason }` is the redactor's.
 */
export async function redactDocxUpload(bytes: Buffer, terms: readonly RedactTerm[]): Promise<DocxPublic | Refusal> {
  const r = await runParse({ op: 'redactDocx', bytes, terms: terms.map((t) => ({ text: t.text, mask: t.mask })) });
  if (!r.ok) return r;
  const v = r.value as DocxPublic;
  return v.ok ? { ...v, bytes: Buffer.from(v.bytes.buffer, v.bytes.byteOffset, v.bytes.byteLength) } : v;
}

/**
 * An import sheet of 5,000 rows is a few MB of worksheet XML, and exceljs keeps an object per cell:
 * a worksheet is held to 16 MiB inflated (long texts live in sharedStrings.xml, under the total).
 */
export const SHEET_ZIP_LIMITS: ZipLimits = { ...ZIP_LIMITS, parts: [{ prefix: 'xl/worksheets/', maxBytes: 16 * MiB }] };

/** The first worksheet of an uploaded .xlsx as rows (null: not a readable workbook). */
export async function readSheetUpload(bytes: Buffer, opts: { maxRows: number; maxCols?: number }): Promise<{ ok: true; rows: string[][] | null } | Refusal> {
  const r = await runParse({ op: 'sheet', bytes, ...opts, zipLimits: SHEET_ZIP_LIMITS });
  if (!r.ok) return r;
  const v = r.value as CsvRead;
  return { ok: true, rows: v.ok ? v.rows : null };
}

/** An uploaded CSV file decoded and parsed in the sandbox (a bad row gives a Chinese message). */
export async function readCsvUpload(bytes: Buffer, encoding?: TextEncoding): Promise<CsvRead | Refusal> {
  const r = await runParse({ op: 'csv', bytes, encoding });
  if (!r.ok) return r;
  return r.value as CsvRead;
}

/** HTTP status for a refusal: too large 413, busy 503, everything else 422. */
export function refusalStatus(code: RefusalCode): number {
  return code === 'file.inflated_too_large' || code === 'file.memory' ? 413 : code === 'file.busy' ? 503 : 422;
}
