// 依申请公开 — 文书模板 (notice and reply templates): list, edit with preview (HTML and .docx),
// save as a new version, restore. Policy request.manage, then the organisation's scope: a template
// of one organisation needs request.manage on it; the default for all needs it on every root.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ownValue, readStrings } from '../../platform/forms/index.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { MIME } from '../../platform/files/sniff.ts';
import { authorize } from '../auth/routes.tsx';
import { scopeOf } from '../auth/policy.ts';
import { listOrgs, rootIds } from '../org/repo.ts';
import { parseId } from '../portal/domain.ts';
import * as repo from './documents.repo.ts';
import { contentDisposition } from '../../platform/http/download.ts';
import { renderTemplatePreview, resolveAllTemplates, resolveTemplate, restoreTemplate, saveTemplate } from './documents.ts';
import {
  PLACEHOLDERS, TEMPLATE_KEYS, basisFor, normaliseBody, templateKeyInfo, validateTemplate,
  type Rendered, type TemplateErrors,
} from './templates.ts';
import { TemplateEditPage, TemplateListPage, editHref, type OrgOption } from './views/templates/pages.tsx';
import { TemplateForm, TemplateParams, TemplatesQuery } from './api-schemas.ts';

const NOTICES: Record<string, string> = {
  saved: '模板已保存为新版本，此后生成的文书将使用该版本。',
  restored: '已停用该范围的模板，恢复使用上一级模板。',
  unchanged: '该范围没有正在使用的模板，无需恢复。',
  same: '内容没有变化，未保存新版本。',
};
const DEFAULT = 'default';

export function registerRequestsTemplates(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  /** The scopes the user may edit: 全部机构（默认） when the grant covers every root, then each organisation. */
  async function scopes(req: FastifyRequest): Promise<{ options: OrgOption[]; canDefault: boolean }> {
    const scope = scopeOf(req.user!, 'request.manage');
    const roots = await rootIds(db);
    const canDefault = roots.length > 0 && roots.every((id) => scope.has(id));
    const orgs = (await listOrgs(db)).filter((o) => o.active && scope.has(o.id));
    return {
      canDefault,
      options: [...(canDefault ? [{ value: DEFAULT, label: '全部机构（默认）' }] : []), ...orgs.map((o) => ({ value: String(o.id), label: o.name }))],
    };
  }

  /** The chosen scope, checked: null = the default for all organisations. */
  async function chosenOrg(req: FastifyRequest, raw: string | undefined): Promise<{ orgId: number | null; org: string; orgLabel: string; options: OrgOption[] }> {
    const { options, canDefault } = await scopes(req);
    if (!options.length) throw new AppError('forbidden', '您没有管理任何机构文书模板的权限。');
    let org = raw || '';
    if (!org) {
      // Default choice: the defaults if allowed, else the user's own organisation, else the first one.
      org = canDefault ? DEFAULT : options.some((o) => o.value === String(req.user!.orgId)) ? String(req.user!.orgId) : options[0].value;
    }
    if (org === DEFAULT) {
      if (!canDefault) throw new AppError('forbidden', '只有负责全部机构的政务公开办人员可以修改默认模板。');
      return { orgId: null, org, orgLabel: '全部机构（默认）', options };
    }
    const orgId = parseId(org);
    if (orgId === null) throw new AppError('not_found', '该机构不存在。');
    authorize(req, 'request.manage', { orgId });
    const opt = options.find((o) => o.value === String(orgId));
    if (!opt) throw new AppError('not_found', '该机构不存在或已停用。');
    return { orgId, org, orgLabel: opt.label, options };
  }

  const placeholders = Object.entries(PLACEHOLDERS).map(([name, meaning]) => ({ name, meaning }));

  async function editPage(req: FastifyRequest, reply: FastifyReply, key: string, sel: Awaited<ReturnType<typeof chosenOrg>>,
    p: { values?: { title: string; body: string }; errors?: TemplateErrors; preview?: Rendered; notice?: string }, status = 200) {
    const info = templateKeyInfo(key)!;
    const inForce = await resolveTemplate(db, key, sel.orgId);
    const versions = await repo.selectTemplateVersions(db, key, sel.orgId);
    return reply.page((vc) => TemplateEditPage({
      vc, keyName: key, label: info.label, basis: basisFor(key), orgs: sel.options, org: sel.org, orgLabel: sel.orgLabel,
      source: inForce.source, sourceVersion: inForce.version, ownActive: versions.some((v) => v.active),
      values: p.values ?? { title: inForce.title, body: inForce.body }, errors: p.errors, preview: p.preview, notice: p.notice,
      placeholders, versions: versions.map((v) => ({ version: v.version, active: v.active, title: v.title, createdAt: v.createdAt, updatedByName: v.updatedByName })),
    }), status);
  }

  app.get('/admin/requests/templates', { config: { policy: 'request.manage' }, schema: { querystring: TemplatesQuery } }, async (req, reply) => {
    const q = req.query;
    const sel = await chosenOrg(req, q.org);
    const all = await resolveAllTemplates(db, sel.orgId);
    const rows = TEMPLATE_KEYS.map((k) => {
      const t = all.get(k.key)!;
      return { key: k.key, label: k.label, group: k.group, source: t.source, version: t.version, updatedAt: t.updatedAt, updatedByName: t.updatedByName };
    });
    const notice = ownValue(NOTICES, q.done);
    return reply.page((vc) => TemplateListPage({ vc, orgs: sel.options, org: sel.org, orgLabel: sel.orgLabel, rows, notice }));
  });

  app.get('/admin/requests/templates/:kind', { config: { policy: 'request.manage' }, schema: { params: TemplateParams, querystring: TemplatesQuery } }, async (req, reply) => {
    const key = req.params.kind;
    const sel = await chosenOrg(req, req.query.org);
    return editPage(req, reply, key, sel, { notice: ownValue(NOTICES, req.query.done) });
  });

  app.post('/admin/requests/templates/:kind', { config: { policy: 'request.manage' }, schema: { params: TemplateParams } }, async (req, reply) => {
    const key = req.params.kind;
    const form = readStrings(TemplateForm, req.body);
    const sel = await chosenOrg(req, form.org);
    // One character over the limit is kept (TemplateForm) so the message can say the text is too long.
    const values = { title: form.title, body: normaliseBody(form.body) };
    const errors = validateTemplate(values);
    if (errors.title || errors.body) return editPage(req, reply, key, sel, { values, errors }, 422);
    const action = form._action;
    if (action === 'preview' || action === 'docx') {
      const pv = await renderTemplatePreview(ctx, { key, title: values.title, body: values.body, orgId: sel.orgId });
      if (action === 'docx') {
        return reply.type(MIME.docx).header('cache-control', 'no-store').header('content-disposition', contentDisposition(pv.name)).send(pv.docx);
      }
      return editPage(req, reply, key, sel, { values, preview: pv.rendered });
    }
    const user = req.user!;
    const r = await saveTemplate(ctx, { id: user.id, name: user.username, ip: req.ip }, { key, orgId: sel.orgId, ...values });
    if (!r.ok) return editPage(req, reply, key, sel, { values, errors: r.errors }, 422);
    return reply.redirect(`${editHref(key, sel.org)}&done=${r.unchanged ? 'same' : 'saved'}`, 303);
  });

  app.post('/admin/requests/templates/:kind/restore', { config: { policy: 'request.manage' }, schema: { params: TemplateParams } }, async (req, reply) => {
    const key = req.params.kind;
    const sel = await chosenOrg(req, readStrings(TemplateForm, req.body).org);
    const user = req.user!;
    const r = await restoreTemplate(ctx, { id: user.id, name: user.username, ip: req.ip }, { key, orgId: sel.orgId });
    return reply.redirect(`${editHref(key, sel.org)}&done=${r.deactivated ? 'restored' : 'unchanged'}`, 303);
  });
}
