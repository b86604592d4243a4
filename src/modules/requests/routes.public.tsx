// 依申请公开 — public routes: how to apply (/ysqgk/), the application form with its "may already be
// published" confirmation step (/ysqgk/apply), the one-time receipt, tracking with number + query
// code (/ysqgk/track: status, timeline, documents, supplement upload), and the JSON API
// (POST /api/v1/requests). Everything is policy 'public'; posts are rate-limited per address.
//
// Applicant attachments are accepted on the tracking page (supplement form, multipart) rather than
// on the application form, so the application form stays a plain urlencoded form that carries all
// values through the confirmation step without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { registerUploads, uploadedFile } from '../../platform/http/uploads.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDate } from '../portal/domain.ts';
import { searchRecords } from '../catalog/search.ts';
import { suggestKeywords } from '../../platform/text/index.ts';
import { APPLICATION_FIELDS, ensureReceipt, listAcceptingOrgs, submitApplication, validateApplication, type ApplicationInput } from './intake.ts';
import {
  CHALLENGE_MESSAGES, challengeKey, checkChallenge, checkPass, createChallenge, passToken,
} from './challenge.ts';
import { findCaseByCode, loadTrackView, normaliseQueryCode, normaliseTrackingNo, receiptDocumentOf } from './tracking.ts';
import { downloadForApplicant } from './documents.ts';
import { receiveSupplement } from './use-cases/index.ts';
import { readApplicationForm, type FormValues } from './views/intake/fields.tsx';
import {
  ApplyFormPage, ConfirmPage, ReceiptGonePage, ReceiptPage, TrackFormPage, TrackResultPage, YsqgkIndexPage, type PublishedMatch,
} from './views/public/pages.tsx';
import { contentDisposition } from '../../platform/http/download.ts';
import { inFormOrder, readStrings } from '../../platform/forms/index.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { attachedErrors } from '../../platform/forms/messages.ts';
import { ApplyControls, ApplyQuery, TrackForm, TrackQuery, submitSchema } from './api-schemas.ts';

const RECEIPT_COOKIE = 'gk_ysq_receipt';
const RECEIPT_TTL_S = 30 * 60;
const SUPPLEMENT_LIMIT = 10 * 1024 * 1024;
const NOT_FOUND_MESSAGE = '受理编号或查询码不正确，请核对后重新填写。';

// The confirmation page carries the typed values as one base64url field rather than one hidden
// input per value: the 繁体 view converts the whole rendered page to Traditional characters, and
// an applicant's name typed in Simplified must reach the database exactly as typed.
function encodeValues(v: FormValues): string {
  return Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
}
function decodeValues(data: string): FormValues | null {
  if (!/^[A-Za-z0-9_-]{1,200000}$/.test(data)) return null;
  try {
    const v = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as unknown;
    // Re-read through the same bounded reader as a posted form.
    return v && typeof v === 'object' && !Array.isArray(v) ? readApplicationForm(v) : null;
  } catch {
    return null;
  }
}


/** A JSON body (coerced by its schema, or not when it failed) as the use case's input: strings, forms a list. */
function apiInput(body: unknown): ApplicationInput {
  const input: Record<string, unknown> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return input;
  for (const [k, v] of Object.entries(body)) {
    if (k === 'forms') input.forms = Array.isArray(v) ? v.filter((x) => typeof x === 'string').slice(0, 10) : typeof v === 'string' ? [v] : [];
    else if (typeof v === 'string') input[k] = v.slice(0, 4001);
    else if (typeof v === 'number' && Number.isFinite(v)) input[k] = String(v);
  }
  return input as ApplicationInput;
}

/** The form's values as the use case's input (the same names). */
const toInput = (v: FormValues): ApplicationInput => ({ ...v });

export function registerRequestsPublic(app: FastifyInstance, ctx: AppContext): void {
  // Own scope: multipart is parsed only here (the supplement upload), with its own limits.
  app.register(async (scope) => {
    await routes(scope, ctx);
  });
}

async function routes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = ctx;
  const key = challengeKey(config.sessionSecret);
  const formLimit = {
    max: config.rateLimitForms,
    timeWindow: '1 minute',
    errorResponseBuilder: () => new AppError('rate_limited', `提交过于频繁（每个网络地址每分钟最多 ${config.rateLimitForms} 次），请稍候一分钟后再试。您可以使用浏览器的“后退”返回上一页，已填写的内容仍保留在表单中。`),
  };
  const PUBLIC = { config: { policy: 'public' } } as const;
  const LIMITED = { config: { policy: 'public', rateLimit: formLimit } } as const;

  await registerUploads(app, {
    maxBytes: SUPPLEMENT_LIMIT, fields: 8, fieldSize: 16 * 1024, tooLarge: '上传的文件超过 10 MB，请压缩或拆分后再上传。',
    // Anonymous uploads only where a supplement is expected.
    allow(req) { if (req.routeOptions.url !== '/ysqgk/track/supplement') throw new AppError('unsupported_media_type'); },
  });

  const today = () => formatDate(ctx.now());

  // --- how to apply -----------------------------------------------------------------------------

  app.get('/ysqgk/', PUBLIC, async (_req, reply) => {
    const orgs = await listAcceptingOrgs(db);
    return reply.page((vc) => <YsqgkIndexPage ctx={vc} orgs={orgs} />);
  });

  // --- the application form ---------------------------------------------------------------------

  async function formPage(reply: FastifyReply, p: { values: FormValues; errors?: Record<string, string | undefined>; message?: string; pass?: string | null }, status = 200) {
    const orgs = await listAcceptingOrgs(db);
    const pass = p.pass && checkPass(key, p.pass, ctx.now()) ? p.pass : null;
    const challenge = pass ? null : createChallenge(key, ctx.now());
    return reply.page((vc) => <ApplyFormPage ctx={vc} orgs={orgs} values={p.values} errors={p.errors ?? {}} message={p.message} challenge={challenge} pass={pass} />, status);
  }

  app.get('/ysqgk/apply', { ...PUBLIC, schema: { querystring: ApplyQuery } }, async (req, reply) => {
    const { org: raw } = req.query;
    const org = raw !== undefined && /^\d{1,9}$/.test(raw) ? raw : '';
    return formPage(reply, { values: { orgId: org, kind: 'disclosure', forms: [] } });
  });

  async function matchesFor(values: FormValues): Promise<PublishedMatch[]> {
    // Search matches every word, so a whole description rarely finds anything. Ask for the 文号,
    // the description, and each of its keywords separately; rank records by how many of these
    // queries found them (a 文号 hit counts most), and keep records found by at least two
    // keyword queries, or by the 文号 or the whole description.
    const docNo = typeof values.infoDocNo === 'string' ? values.infoDocNo.trim() : '';
    const desc = typeof values.infoDescription === 'string' ? values.infoDescription.replace(/\s+/g, ' ').trim() : '';
    const features = typeof values.infoFeatures === 'string' ? values.infoFeatures : '';
    const queries: { q: string; weight: number }[] = [];
    if (docNo) queries.push({ q: docNo, weight: 10 });
    if (desc) queries.push({ q: Array.from(desc).slice(0, 60).join(''), weight: 3 });
    for (const k of suggestKeywords(desc, features, 5)) queries.push({ q: k, weight: 1 });
    const found = new Map<number, PublishedMatch & { score: number; hits: number }>();
    try {
      for (const { q, weight } of queries) {
        const r = await searchRecords(db, today(), { q, order: 'relevance', page: 1, pageSize: 10 });
        for (const i of r.items) {
          const m = found.get(i.id) ?? { id: i.id, title: i.title, orgName: i.orgName, publishedAt: i.publishedAt ? formatDate(i.publishedAt) : null, score: 0, hits: 0 };
          m.score += weight;
          m.hits += 1;
          found.set(i.id, m);
        }
      }
    } catch (e) {
      // The hint is a courtesy: a search problem must never stop an application.
      app.log.warn({ err: e }, 'published-record hint failed');
    }
    return [...found.values()].filter((m) => m.score >= 2).sort((x, y) => y.score - x.score || x.id - y.id).slice(0, 5)
      .map(({ id, title, orgName, publishedAt }) => ({ id, title, orgName, publishedAt }));
  }

  app.post('/ysqgk/apply', LIMITED, async (req, reply) => {
    const body = req.body;
    const controlsOf = readStrings(ApplyControls, body);
    const data = controlsOf.data ?? '';
    const values = (data && decodeValues(data)) || readApplicationForm(body);
    const step = controlsOf._step ?? '';
    const passIn = controlsOf.pass ?? '';
    // The honeypot is hidden from people (and assistive technology); only a robot fills it in.
    if (controlsOf.website) throw new AppError('bad_request', '提交未通过验证，请返回申请页面重新填写。');

    if (step === 'edit') return formPage(reply, { values, pass: passIn });

    let pass = passIn && checkPass(key, passIn, ctx.now()) ? passIn : null;
    const errors: Record<string, string> = {};
    if (!pass) {
      if (step === 'submit') {
        // The pass expired on the confirmation page: ask the question again, nothing typed is lost.
        errors.challengeAnswer = CHALLENGE_MESSAGES.expired;
      } else {
        const c = checkChallenge(key, controlsOf.challenge ?? '', controlsOf.challengeAnswer ?? '', ctx.now());
        if (c === 'ok') pass = passToken(key, ctx.now());
        else errors.challengeAnswer = CHALLENGE_MESSAGES[c];
      }
    }
    const v = validateApplication(toInput(values), today());
    if (!v.ok) Object.assign(errors, v.fields);
    let orgName = '';
    if (v.ok) {
      const org = (await listAcceptingOrgs(db)).find((o) => o.id === v.value.orgId);
      if (!org) errors.orgId = '该机关不受理政府信息公开申请，请从列表中选择';
      else orgName = org.name;
    }
    if (Object.keys(errors).length || !pass) return formPage(reply, { values, errors: inFormOrder(errors, [...APPLICATION_FIELDS, 'challengeAnswer']), pass }, 422);

    if (step !== 'submit') {
      const matches = await matchesFor(values);
      return reply.page((vc) => <ConfirmPage ctx={vc} values={values} data={encodeValues(values)} orgName={orgName} matches={matches} pass={pass!} />);
    }

    const r = await submitApplication(ctx, toInput(values), { ip: req.ip });
    if (!r.ok) return formPage(reply, { values, errors: r.fields, message: r.message, pass }, r.reason === 'conflict' ? 409 : 422);
    // The number and code go to this browser only, in an encrypted short-lived cookie: the code is
    // shown once, a shared link shows nothing, and they never appear in a URL or a log.
    const token = ctx.fieldCipher.encrypt(JSON.stringify({ c: r.caseId, n: r.trackingNo, q: r.queryCode, o: orgName, e: Date.now() + RECEIPT_TTL_S * 1000 }));
    reply.setCookie(RECEIPT_COOKIE, token, { path: '/ysqgk/receipt', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: RECEIPT_TTL_S });
    return reply.redirect('/ysqgk/receipt', 303);
  });

  function receiptOf(req: FastifyRequest): { c: number; n: string; q: string; o: string; e: number } | null {
    const raw = req.cookies[RECEIPT_COOKIE];
    if (!raw) return null;
    try {
      const v = JSON.parse(ctx.fieldCipher.decrypt(raw)) as { c: number; n: string; q: string; o: string; e: number };
      return typeof v.c === 'number' && v.e > Date.now() ? v : null;
    } catch {
      return null;
    }
  }

  app.get('/ysqgk/receipt', PUBLIC, async (req, reply) => {
    const r = receiptOf(req);
    if (!r) return reply.page((vc) => <ReceiptGonePage ctx={vc} />, 410);
    const view = await loadTrackView(db, r.c);
    reply.header('x-robots-tag', 'noindex').header('cache-control', 'no-store');
    // The query code is shown once: the cookie keeps the case (for the download) but drops the code,
    // so a later visit on a shared computer cannot read it.
    if (r.q) reply.setCookie(RECEIPT_COOKIE, ctx.fieldCipher.encrypt(JSON.stringify({ ...r, q: '' })), { path: '/ysqgk/receipt', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: Math.max(1, Math.floor((r.e - Date.now()) / 1000)) });
    // The download builds the receipt if it is missing, so the link is always offered.
    return reply.page((vc) => <ReceiptPage ctx={vc} trackingNo={r.n} queryCode={r.q || null} orgName={r.o} submittedOn={view?.submittedOn ?? today()} receiptDocument />);
  });

  app.get('/ysqgk/receipt/download', PUBLIC, async (req, reply) => {
    const r = receiptOf(req);
    if (!r) return reply.page((vc) => <ReceiptGonePage ctx={vc} />, 410);
    let doc = await receiptDocumentOf(db, r.c);
    if (!doc) {
      // The requests.receipt job builds it within seconds; asked before that, build it now (idempotent).
      await ensureReceipt(ctx, r.c).catch(() => null);
      doc = await receiptDocumentOf(db, r.c);
    }
    const d = doc ? await downloadForApplicant(ctx, r.c, doc.id, req.ip) : null;
    if (!d?.ok) throw new AppError('unavailable', '登记回执正在生成，请稍后刷新本页面下载，或凭受理编号和查询码在查询页面下载。');
    return reply.header('content-type', d.mime).header('content-disposition', contentDisposition(d.name))
      .header('cache-control', 'no-store').send(d.bytes);
  });

  // --- the JSON API -----------------------------------------------------------------------------

  // Types, lengths and vocabularies are the schema's; on failure the domain rules still run so that
  // every field is reported at once (the domain's message first: it is the one the form shows too).
  app.post('/api/v1/requests', { ...LIMITED, schema: submitSchema, attachValidation: true }, async (req, reply) => {
    const input = apiInput(req.body);
    const schemaErr = attachedErrors(req);
    if (schemaErr) {
      if (schemaErr.code !== 'validation_failed') throw schemaErr;
      const domain = validateApplication(input, today());
      throw new AppError('validation_failed', undefined, { ...schemaErr.fields, ...(domain.ok ? {} : domain.fields) });
    }
    const r = await submitApplication(ctx, input, { ip: req.ip });
    if (!r.ok) throw new AppError(r.reason === 'conflict' ? 'conflict' : 'validation_failed', r.message, r.fields);
    return reply.code(201).header('cache-control', 'no-store').send({ trackingNo: r.trackingNo, queryCode: r.queryCode, trackUrl: `/ysqgk/track?no=${encodeURIComponent(r.trackingNo)}` });
  });

  // --- tracking ---------------------------------------------------------------------------------

  app.get('/ysqgk/track', { ...PUBLIC, schema: { querystring: TrackQuery } }, async (req, reply) => {
    // Only the number may come from a link; the code is never put in a URL.
    const no = req.query.no !== undefined ? normaliseTrackingNo(req.query.no) : '';
    return reply.page((vc) => <TrackFormPage ctx={vc} trackingNo={no} queryCode="" />);
  });

  /** The case for the posted number + code, or the "not found" page — identical for an unknown number and a wrong code. */
  async function caseOrNotFound(req: FastifyRequest, reply: FastifyReply): Promise<{ caseId: number; no: string; code: string } | null> {
    const t = readStrings(TrackForm, req.body);
    const no = t.trackingNo ?? '';
    const code = t.queryCode ?? '';
    const caseId = await findCaseByCode(db, no, code);
    if (caseId === null) {
      // Echo only the number (normalised), never the code: same body for both failures.
      await reply.page((vc) => <TrackFormPage ctx={vc} trackingNo={normaliseTrackingNo(no)} queryCode="" message={NOT_FOUND_MESSAGE} status="not_found" />, 404);
      return null;
    }
    return { caseId, no: normaliseTrackingNo(no), code: normaliseQueryCode(code) };
  }

  async function trackPage(reply: FastifyReply, f: { caseId: number; no: string; code: string }, extra: { notice?: string; message?: string; errors?: Record<string, string>; supplementText?: string } = {}, status = 200) {
    const view = await loadTrackView(db, f.caseId);
    if (!view) throw new AppError('not_found');
    reply.header('x-robots-tag', 'noindex');
    return reply.page((vc) => <TrackResultPage ctx={vc} view={view} trackingNo={f.no} queryCode={f.code} {...extra} />, status);
  }

  app.post('/ysqgk/track', LIMITED, async (req, reply) => {
    const f = await caseOrNotFound(req, reply);
    if (!f) return reply;
    return trackPage(reply, f);
  });

  app.post('/ysqgk/track/download', LIMITED, async (req, reply) => {
    const f = await caseOrNotFound(req, reply);
    if (!f) return reply;
    const id = Number(readStrings(TrackForm, req.body).documentId ?? '');
    const d = await downloadForApplicant(ctx, f.caseId, id, req.ip);
    if (!d.ok) throw new AppError('not_found', d.message);
    return reply.header('content-type', d.mime).header('content-disposition', contentDisposition(d.name))
      .header('cache-control', 'no-store').send(d.bytes);
  });

  app.post('/ysqgk/track/supplement', LIMITED, async (req, reply) => {
    const f = await caseOrNotFound(req, reply);
    if (!f) return reply;
    const text = readStrings(TrackForm, req.body).text ?? '';
    const up = uploadedFile(req.body, 'file');
    if (up?.truncated) return trackPage(reply, f, { errors: { file: '上传的文件超过 10 MB，请压缩或拆分后再上传。' }, supplementText: text }, 413);
    const file = up && up.data.length > 0 ? { name: up.filename || '补正材料', data: up.data } : null;
    const r = await receiveSupplement(ctx, { applicant: true, ip: req.ip }, f.caseId, { text, file });
    if (!r.ok) {
      const fields = r.fields ?? {};
      return trackPage(reply, f, Object.keys(fields).length ? { errors: fields, supplementText: text } : { message: r.message }, 422);
    }
    return trackPage(reply, f, { notice: '补正材料已提交。答复期限自收到补正之日起重新计算。' });
  });

}
