// GET /api/v1/orgs: the organisations an API client needs (the orgId of an application, the org
// filter of a search) without scraping the HTML form.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { absoluteUrl } from '../../platform/config.ts';
import { StringEnum, describeCodes } from '../../platform/forms/schema.ts';
import { ORG_KINDS, ORG_KIND_KEYS, acceptsRequests, orgCodeType } from './domain.ts';
import { listPublicOrgs } from './repo.ts';

const Org = Type.Object({
  id: Type.Integer({ description: '组织机构编号（申请的 orgId、检索的 org）' }),
  name: Type.String({ description: '机构全称' }),
  shortName: Type.Union([Type.String(), Type.Null()], { description: '简称' }),
  code: Type.String({ description: '统一社会信用代码（18位）或组织机构代码（9位）' }),
  codeType: StringEnum(['uscc', 'org_code'] as const, { description: '`uscc` 统一社会信用代码；`org_code` 组织机构代码' }),
  parentId: Type.Union([Type.Integer(), Type.Null()], { description: '上级机构编号（本级人民政府为 null）' }),
  kind: StringEnum(ORG_KIND_KEYS, { description: describeCodes(ORG_KINDS) }),
  acceptsRequests: Type.Boolean({ description: '是否受理政府信息公开申请（POST /api/v1/requests 的 orgId 须为此类机构）' }),
  guideUrl: Type.String({ description: '该机构的政府信息公开指南' }),
});

const schema = {
  summary: '组织机构列表',
  description: '本级人民政府及其工作部门、乡镇（街道）、开发区等在用机构，按机构树顺序排列（上级在前）。',
  tags: ['组织机构'],
  response: { 200: Type.Object({ items: Type.Array(Org) }, { description: '在用的组织机构' }) },
};

export function registerOrgApi(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/v1/orgs', { config: { policy: 'public' }, schema }, async (_req, reply) => {
    const orgs = await listPublicOrgs(ctx.db);
    return reply.header('cache-control', 'public, max-age=300').send({
      items: orgs.map((o) => ({
        id: o.id, name: o.name, shortName: o.shortName, code: o.orgCode, codeType: orgCodeType(o.orgCode), parentId: o.parentId,
        kind: o.kind as keyof typeof ORG_KINDS, acceptsRequests: acceptsRequests(o.kind), guideUrl: absoluteUrl(ctx.config, `/xxgk/zn/?org=${o.id}`),
      })),
    });
  });
}
